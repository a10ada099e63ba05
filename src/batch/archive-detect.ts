// Recognises the archive formats support uploads arrive in, by content (file names are not trusted): ZIP, the CAB
// that `netsh trace stop` writes beside NetTrace.etl, 7-Zip, tar (ustar and GNU) and gzip (a .tar.gz or a single
// compressed trace).

export type ArchiveFormat = 'zip' | 'cab' | '7z' | 'tar' | 'gz';

export const ARCHIVE_FORMATS: readonly ArchiveFormat[] = ['zip', 'cab', '7z', 'tar', 'gz'];

function startsWith(head: Uint8Array, magic: readonly number[], at = 0): boolean {
  return head.length >= at + magic.length && magic.every((b, i) => head[at + i] === b);
}

/** `ustar` at offset 257 of the first 512-byte header: POSIX ustar (`ustar\0`) and GNU tar (`ustar  `). */
export function looksLikeTar(head: Uint8Array): boolean {
  return startsWith(head, [0x75, 0x73, 0x74, 0x61, 0x72], 257) && head.length >= 512;
}

/** The archive format of a file from its first bytes, zip aside (see archive.ts for packaged documents). */
export function nonZipArchiveFormat(head: Uint8Array): Exclude<ArchiveFormat, 'zip'> | undefined {
  if (startsWith(head, [0x4d, 0x53, 0x43, 0x46, 0, 0, 0, 0])) return 'cab';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(head, [0x1f, 0x8b, 0x08])) return 'gz';
  if (looksLikeTar(head)) return 'tar';
  return undefined;
}

/** Whether a files.csv format names an archive (counted as a container, not as a recognised input). */
export function isArchiveFormat(format: string): boolean {
  return (ARCHIVE_FORMATS as readonly string[]).includes(format);
}

/** `upload.tar.gz` → `upload`: the name of a case made of one archive. */
export function stripArchiveExtension(name: string): string {
  return name.replace(/\.(zip|cab|7z|tar|tar\.gz|tgz|gz)$/i, '');
}
