// Reads ZIP uploads safely. Customers' archives are untrusted: entry names may try to escape the extraction
// directory (zip-slip), sizes may be forged or explode (zip bombs), entries may be encrypted, the file may be cut
// short. Everything that makes the archive unusable is one clear error for its case; an entry we cannot read
// (encrypted, unknown compression) is reported on its own row and the rest of the case goes on.
//
// Entries are streamed (yauzl) into a private temporary directory because the ETL reader needs a seekable file.
// Extracted files get flat, generated names there, so no entry name is ever used as a path on disk.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ExitCode, TraceError } from '../common/errors.js';
import { nonZipArchiveFormat, type ArchiveFormat } from './archive-detect.js';

export interface ArchiveLimits {
  /** Entries per case, all nesting levels together. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries of a case, all nesting levels together. */
  maxTotalBytes: number;
  /** Largest accepted uncompressed:compressed ratio of an entry larger than `ratioAppliesAbove`. */
  maxRatio: number;
  /** Entries up to this size are exempt from the ratio limit (small, highly compressible text files are normal). */
  ratioAppliesAbove: number;
  /** Archives inside archives, counting the uploaded archive as level 1. */
  maxDepth: number;
}

// ETL files are often mostly zero padding (measured on real samples: up to 600:1 with DEFLATE for a trace with
// nearly empty 1 MiB buffers), and DEFLATE itself cannot exceed about 1032:1. So the ratio limit only rejects
// large entries that are essentially one repeated byte (the classic bomb); the size limits bound everything else.
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = {
  maxEntries: 10_000,
  maxEntryBytes: 8 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 1000,
  ratioAppliesAbove: 16 * 1024 ** 2,
  maxDepth: 4,
};

/** Counts shared by all archives of one case, so nesting cannot multiply the limits. */
export interface ArchiveBudget {
  entries: number;
  bytes: number;
  /** Gives extracted files unique names inside the case's temporary directory. */
  nextFileNumber: number;
}

export function newArchiveBudget(): ArchiveBudget {
  return { entries: 0, bytes: 0, nextFileNumber: 1 };
}

/** A file entry of an archive: extracted to `diskPath`, or not extracted with the reason in `status`. */
export interface ArchiveEntryFile {
  /** `upload.zip!/logs/NetTrace.etl`; nested archives add another `!/`. */
  display: string;
  size: number;
  diskPath?: string;
  sha256?: string;
  /** Why the entry was not extracted (`skipped: encrypted entry (password-protected)`). */
  status?: string;
}

/** Why an archive entry name is unsafe to use as a path, or undefined when it stays inside its directory. */
export function unsafeEntryName(name: string): string | undefined {
  if (name.includes('\0')) return 'contains a NUL character';
  if (name.includes('\\')) return 'contains a backslash (a Windows path separator that could climb out)';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.startsWith('/')) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'contains a ".." segment that climbs out of the extraction directory';
  return undefined;
}

export function archiveError(message: string, archive: string, offset?: number): TraceError {
  return new TraceError(message, ExitCode.DATA_ERR, archive, offset);
}

/** The ZIP local-file or empty-archive signature: how archives are recognised by content. */
export function looksLikeZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  );
}

/**
 * Office documents, OpenDocument files and Java archives are ZIP files too, but they are documents a customer
 * attached, not a bundle of traces. Their first entry gives them away: `[Content_Types].xml`, `mimetype` or
 * `META-INF/`.
 */
export function looksLikePackagedDocument(head: Uint8Array): boolean {
  if (head.length < 30 || head[2] !== 0x03) return false;
  const nameLength = head[26]! | (head[27]! << 8);
  const name = Buffer.from(head.buffer, head.byteOffset + 30, Math.min(nameLength, head.length - 30)).toString('latin1');
  return name === '[Content_Types].xml' || name === 'mimetype' || name.startsWith('META-INF/') || name.startsWith('_rels/');
}

/** The format of an archive of uploads (a ZIP that is not a packaged document, CAB, 7z, tar, gzip), if it is one. */
export function uploadArchiveFormat(head: Uint8Array): ArchiveFormat | undefined {
  if (looksLikeZip(head)) return looksLikePackagedDocument(head) ? undefined : 'zip';
  return nonZipArchiveFormat(head);
}

/** An archive of uploads: expanded and its files analysed. */
export function isUploadArchive(head: Uint8Array): boolean {
  return uploadArchiveFormat(head) !== undefined;
}

function openZip(path: string, display: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(archiveError(`not a readable ZIP archive: ${err?.message ?? 'unknown error'}`, display));
      else resolve(zip);
    });
  });
}

/** Reads the whole central directory (bounded by `maxEntries`) before anything is extracted. */
function readEntries(zip: yauzl.ZipFile, display: string): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(archiveError(`damaged ZIP central directory: ${err.message}`, display)));
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream)));
  });
}

/** Passes bytes through while counting them against the entry and case limits and hashing them. */
export class LimitedCounter extends Transform {
  readonly hash = createHash('sha256');
  count = 0;
  constructor(
    private readonly budget: ArchiveBudget,
    private readonly limits: ArchiveLimits,
    private readonly what: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.count += chunk.length;
    this.budget.bytes += chunk.length;
    if (this.count > this.limits.maxEntryBytes) {
      done(new Error(`${this.what} inflates beyond the per-entry limit of ${this.limits.maxEntryBytes} bytes (possible zip bomb)`));
      return;
    }
    if (this.budget.bytes > this.limits.maxTotalBytes) {
      done(new Error(`the case's archives inflate beyond the total limit of ${this.limits.maxTotalBytes} bytes (possible zip bomb)`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** File name for an extracted entry: a counter plus the entry's base name reduced to safe characters. */
export function diskName(budget: ArchiveBudget, entryName: string): string {
  const base = basename(entryName).replace(/[^A-Za-z0-9._-]/g, '_').slice(-80) || 'entry';
  return `${budget.nextFileNumber++}-${base}`;
}

/**
 * Checks every entry of the archive against the limits and the path rules before extracting any, then streams
 * the file entries into `destDir`. Throws TraceError (65) naming the archive for an unsafe or unreadable archive.
 */
export async function extractZip(
  zipPath: string,
  display: string,
  destDir: string,
  budget: ArchiveBudget,
  limits: ArchiveLimits,
): Promise<ArchiveEntryFile[]> {
  const zip = await openZip(zipPath, display);
  try {
    if (budget.entries + zip.entryCount > limits.maxEntries) {
      throw archiveError(`archive has ${zip.entryCount} entries; the limit per case is ${limits.maxEntries} (possible zip bomb)`, display);
    }
    const entries = await readEntries(zip, display);
    budget.entries += entries.length;
    const named = entries.map((entry) => ({
      entry,
      name: yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true),
    }));
    let declaredTotal = budget.bytes;
    for (const { entry, name } of named) {
      const unsafe = unsafeEntryName(name);
      if (unsafe) {
        throw archiveError(
          `unsafe entry name "${name}": it ${unsafe}; the archive was rejected and nothing in it was analysed (zip-slip)`,
          display,
          entry.relativeOffsetOfLocalHeader,
        );
      }
      if (name.endsWith('/')) continue;
      if (entry.uncompressedSize > limits.maxEntryBytes) {
        throw archiveError(
          `entry "${name}" declares ${entry.uncompressedSize} bytes uncompressed; the per-entry limit is ${limits.maxEntryBytes} (possible zip bomb)`,
          display,
          entry.relativeOffsetOfLocalHeader,
        );
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > limits.ratioAppliesAbove && ratio > limits.maxRatio) {
        throw archiveError(
          `entry "${name}" has a compression ratio of ${Math.round(ratio)}:1 (${entry.compressedSize} → ${entry.uncompressedSize} bytes); the limit is ${limits.maxRatio}:1 (possible zip bomb)`,
          display,
          entry.relativeOffsetOfLocalHeader,
        );
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        throw archiveError(
          `entries declare more than ${limits.maxTotalBytes} bytes uncompressed in total (possible zip bomb)`,
          display,
        );
      }
    }
    const out: ArchiveEntryFile[] = [];
    for (const { entry, name } of named) {
      if (name.endsWith('/')) continue;
      const file: ArchiveEntryFile = { display: `${display}!/${name}`, size: entry.uncompressedSize };
      out.push(file);
      if (entry.isEncrypted()) {
        file.status = 'skipped: encrypted entry (password-protected); extract it with the password and add the files';
        continue;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        file.status = `skipped: unsupported compression method ${entry.compressionMethod} (only stored and deflate are read)`;
        continue;
      }
      const diskPath = join(destDir, diskName(budget, name));
      const counter = new LimitedCounter(budget, limits, `entry "${name}"`);
      try {
        const stream = await openEntry(zip, entry);
        await pipeline(stream, counter, createWriteStream(diskPath, { mode: 0o600 }));
      } catch (err) {
        await rm(diskPath, { force: true });
        throw archiveError(`cannot extract entry "${name}": ${(err as Error).message}`, display, entry.relativeOffsetOfLocalHeader);
      }
      file.diskPath = diskPath;
      file.size = counter.count;
      file.sha256 = counter.hash.digest('hex');
    }
    return out;
  } finally {
    zip.close();
  }
}
