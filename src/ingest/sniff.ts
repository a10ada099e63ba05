// Content sniffing for every input we accept. The file name never decides anything: customers rename, zip and
// re-export files. ETL has no magic, but its first buffer always starts with the log-file header event.
import { detectEncoding, decodeHead } from '../text/encoding.js';
import { detectTextFormat } from '../text/formats.js';
import { BufferType, LOGFILE_MARKERS } from '../etl/constants.js';
import type { InputFormat } from './types.js';
import { englishText, message, type Message } from '../common/message.js';

/** How many leading bytes `openInput` reads for sniffing. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * ETL (etl-format.md §1): the u32 at 0x48 is the WMI_LOG_TYPE_HEADER marker — 0xC0020002 (64-bit logger) or
 * 0xC0010002 (32-bit), 0xC0xx0001 from pre-Vista writers — or the first buffer's BufferType (u16 at 0x36) is 4
 * (HEADER) with a plausible BufferSize.
 */
export function looksLikeEtl(head: Uint8Array): boolean {
  if (head.length < 0x4c) return false;
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const marker = dv.getUint32(0x48, true);
  if (LOGFILE_MARKERS.includes(marker)) return true;
  const bufferSize = dv.getUint32(0, true);
  const bufferType = dv.getUint16(0x36, true);
  return bufferType === BufferType.HEADER && bufferSize >= 0x48 && bufferSize <= 64 * 1024 * 1024 && bufferSize % 8 === 0;
}

/** The input format of a file from its first bytes (ideally `SNIFF_BYTES` of them); undefined if unknown. */
export function sniffFormat(head: Uint8Array): InputFormat | undefined {
  if (looksLikeEtl(head)) return 'etl';
  const enc = detectEncoding(head);
  if (!enc) return undefined;
  return detectTextFormat(decodeHead(head, enc));
}

/** Archives users upload as they are: `batch` reads ZIPs; a single input must be a trace or an export. */
const ARCHIVES: readonly { magic: number[]; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'ZIP' },
  { magic: [0x50, 0x4b, 0x05, 0x06], what: 'ZIP' },
  { magic: [0x4d, 0x53, 0x43, 0x46], what: 'CAB' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7-Zip' },
];

/** `ZIP`, `CAB` … when the head is an archive's; undefined otherwise. */
export function archiveKind(head: Uint8Array): string | undefined {
  return ARCHIVES.find((a) => a.magic.every((b, i) => head[i] === b))?.what;
}

/** Things users upload that we do not read, by magic bytes, so the error can say what the file is. */
const KNOWN_OTHER: readonly { magic: number[]; what: Message }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: message('head.zip') },
  { magic: [0x0a, 0x0d, 0x0d, 0x0a], what: message('head.pcapng') },
  { magic: [0xd4, 0xc3, 0xb2, 0xa1], what: message('head.pcap') },
  { magic: [0xa1, 0xb2, 0xc3, 0xd4], what: message('head.pcap') },
  { magic: [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65], what: message('head.evtx') },
  { magic: [0x47, 0x4d, 0x42, 0x55], what: message('head.netmon') },
  { magic: [0x4d, 0x53, 0x43, 0x46], what: message('head.cab') },
  { magic: [0x1f, 0x8b], what: message('head.gzip') },
  { magic: [0x25, 0x50, 0x44, 0x46], what: message('head.pdf') },
];

/** `first bytes 50 4b 03 04 … "PK.." — looks like a ZIP archive (…)` for "not recognised" messages. */
export function describeHead(head: Uint8Array): string {
  return englishText(headDescription(head));
}

/** `describeHead` as a catalog message. */
export function headDescription(head: Uint8Array): Message {
  const n = Math.min(head.length, 16);
  const hex = Array.from(head.subarray(0, n), (b) => b.toString(16).padStart(2, '0')).join(' ') + (head.length > n ? ' …' : '');
  const ascii = Array.from(head.subarray(0, n), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  const what = KNOWN_OTHER.find((k) => k.magic.every((b, i) => head[i] === b))?.what ?? unknownHead(head);
  return message('head.first_bytes', { hex, ascii, what });
}

function unknownHead(head: Uint8Array): Message {
  const enc = detectEncoding(head);
  if (!enc) return message('head.binary');
  const firstLine = (decodeHead(head.subarray(0, 4096), enc).split(/\r?\n/).find((l) => l.trim() !== '') ?? '').slice(0, 60);
  return message('head.unknown_text', { encoding: enc.encoding, text: firstLine });
}
