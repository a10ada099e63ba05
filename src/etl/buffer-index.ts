// Pass 1: walk the buffer headers only (0x48 bytes each, advancing by each buffer's own BufferSize) and record
// where every buffer is, which CPU wrote it, its sequence number and flags. Implausible headers are reported and
// the walk tries to find the next real buffer instead of giving up on the rest of the file.
import { readSync } from 'node:fs';
import { loadFormat, parseWith } from '../formats/load.js';
import { BUFFER_HEADER_SIZE, BufferFlag, KNOWN_BUFFER_FLAGS, MAX_BUFFER_BYTES, MAX_BUFFER_TYPE } from './constants.js';
import type { ReadIssue } from './types.js';
import { described, englishText, message, type Message } from '../common/message.js';
import { qwordValue, type Qword } from './qword.js';

/** One buffer as found in pass 1. */
export interface BufferInfo {
  /** Position in file order (0 = header buffer). */
  index: number;
  /** File offset of the buffer header. */
  offset: number;
  /** BufferSize: bytes on disk including the header. */
  size: number;
  /** Bytes of this buffer actually present in the file (less than `size` when the file is truncated). */
  available: number;
  savedOffset: number;
  filledBytes: number;
  sequence: number;
  cpu: number;
  flags: number;
  type: number;
  state: number;
  /** Flush time in the session clock (FILETIME in relogged files); informational. */
  timestamp: bigint;
  compressed: boolean;
}

/** Largest plausible BufferSize: a 16 MiB session buffer (compressed data may exceed its input slightly). */
const MAX_ON_DISK = BUFFER_HEADER_SIZE + MAX_BUFFER_BYTES + (MAX_BUFFER_BYTES >>> 3);

interface HeaderFields {
  bufferSize: number;
  savedOffset: number;
  filledBytes: number;
  sequenceNumber: Qword;
  processorIndex: number;
  bufferFlag: number;
  bufferType: number;
  state: number;
  timestamp: Qword;
}

let headerClass: unknown;
/** Parses one WMI_BUFFER_HEADER with the generated parser. */
export function parseBufferHeader(bytes: Uint8Array): HeaderFields {
  headerClass ??= loadFormat('Etl').WmiBufferHeader;
  return parseWith<HeaderFields>(headerClass, bytes);
}

/** Why a header cannot be a buffer header, or undefined when it is plausible. */
export function implausibility(h: HeaderFields): string | undefined {
  const why = implausibleHeader(h);
  return why && englishText(why);
}

function implausibleHeader(h: HeaderFields): Message | undefined {
  const size = hex(h.bufferSize);
  if (h.bufferSize < BUFFER_HEADER_SIZE) return message('read.buffer_size_small', { size });
  if (h.bufferSize > MAX_ON_DISK) return message('read.buffer_size_large', { size });
  if (h.bufferType > MAX_BUFFER_TYPE) return message('read.buffer_type_unknown', { type: h.bufferType });
  if ((h.bufferFlag & ~KNOWN_BUFFER_FLAGS) !== 0) {
    const bits = hex(h.bufferFlag);
    return message('read.buffer_flag_unknown', { bits });
  }
  if (h.bufferFlag & BufferFlag.COMPRESSED) {
    if (h.savedOffset <= BUFFER_HEADER_SIZE || h.savedOffset > BUFFER_HEADER_SIZE + MAX_BUFFER_BYTES) {
      const saved = hex(h.savedOffset);
      return message('read.saved_offset_range', { saved });
    }
  } else if (h.filledBytes < BUFFER_HEADER_SIZE || h.filledBytes > h.bufferSize) {
    const filled = hex(h.filledBytes);
    return message('read.filled_bytes_outside', { filled, size });
  }
  return undefined;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

export interface IndexResult {
  buffers: BufferInfo[];
  issues: ReadIssue[];
  /** Buffers that could not be located or used, and the bytes between usable buffers. */
  buffersSkipped: number;
  bytesSkipped: number;
}

/**
 * Indexes every buffer of the open file `fd` (`fileSize` bytes). `sessionBufferSize` (from the logfile header)
 * is the first guess when a damaged header has to be stepped over; `unusedTailOk` accepts a zero / 0xFF tail
 * (preallocated and circular files) as the end of the data.
 */
export function indexBuffers(fd: number, file: string, fileSize: number, sessionBufferSize: number, unusedTailOk: boolean): IndexResult {
  const buffers: BufferInfo[] = [];
  const issues: ReadIssue[] = [];
  let buffersSkipped = 0;
  let bytesSkipped = 0;
  const head = new Uint8Array(BUFFER_HEADER_SIZE);
  let off = 0;
  while (off < fileSize) {
    const got = readSync(fd, head, 0, BUFFER_HEADER_SIZE, off);
    if (got < BUFFER_HEADER_SIZE) {
      issues.push({ kind: 'truncated', file, offset: off, ...described('read.buffer_header_cut', { got: hex(got) }) });
      bytesSkipped += fileSize - off;
      break;
    }
    const h = parseBufferHeader(head);
    const why = implausibleHeader(h);
    if (why !== undefined) {
      if (unusedTailOk && isUnusedSpace(head)) break; // the preallocated rest of the file was never written
      const next = findNextBuffer(fd, off, fileSize, sessionBufferSize);
      const skipped = (next ?? fileSize) - off;
      const then =
        next === undefined
          ? message('read.no_further_buffer', { skipped: hex(skipped) })
          : message('read.resuming_at', { next: hex(next) });
      issues.push({
        kind: 'bad_buffer',
        file,
        offset: off,
        ...described('read.implausible_buffer', { why, then }),
      });
      buffersSkipped++;
      bytesSkipped += skipped;
      if (next === undefined) break;
      off = next;
      continue;
    }
    let bufferSize = h.bufferSize;
    // Uncompressed data buffers all have the session buffer size; a different BufferSize with a buffer header
    // where the session size says the next buffer starts is a damaged size field, not a different buffer.
    if (
      !(h.bufferFlag & BufferFlag.COMPRESSED) &&
      buffers.length > 0 &&
      h.bufferSize !== sessionBufferSize &&
      h.filledBytes <= sessionBufferSize &&
      plausibleAt(fd, off + sessionBufferSize, fileSize)
    ) {
      issues.push({
        kind: 'bad_buffer',
        file,
        offset: off,
        ...described(
          'read.buffer_size_differs',
          { size: hex(h.bufferSize), session: hex(sessionBufferSize) },
        ),
      });
      bufferSize = sessionBufferSize;
    }
    const available = Math.min(bufferSize, fileSize - off);
    if (available < bufferSize) {
      issues.push({
        kind: 'truncated',
        file,
        offset: off,
        ...described('read.buffer_cut_off', { size: hex(bufferSize), available: hex(available) }),
      });
    }
    buffers.push({
      index: buffers.length,
      offset: off,
      size: bufferSize,
      available,
      savedOffset: h.savedOffset,
      filledBytes: h.filledBytes,
      sequence: Number(qwordValue(h.sequenceNumber)),
      cpu: h.processorIndex,
      flags: h.bufferFlag,
      type: h.bufferType,
      state: h.state,
      timestamp: qwordValue(h.timestamp),
      compressed: (h.bufferFlag & BufferFlag.COMPRESSED) !== 0,
    });
    off += bufferSize;
  }
  return { buffers, issues, buffersSkipped, bytesSkipped };
}

function isUnusedSpace(head: Uint8Array): boolean {
  const first = head[0];
  return (first === 0 || first === 0xff) && head.every((x) => x === first);
}

/** Whether a plausible data-buffer header sits at `off`. */
function plausibleAt(fd: number, off: number, fileSize: number): boolean {
  if (off + BUFFER_HEADER_SIZE > fileSize) return false;
  const head = new Uint8Array(BUFFER_HEADER_SIZE);
  if (readSync(fd, head, 0, BUFFER_HEADER_SIZE, off) !== BUFFER_HEADER_SIZE) return false;
  return implausibleHeader(parseBufferHeader(head)) === undefined && looksLikeDataBuffer(head);
}

/**
 * The offset of the next plausible buffer header after a damaged one at `off`: first where a fixed-size
 * buffer would start, then by scanning forward (1-byte steps: compressed buffers are packed unaligned).
 */
function findNextBuffer(fd: number, off: number, fileSize: number, sessionBufferSize: number): number | undefined {
  if (sessionBufferSize >= BUFFER_HEADER_SIZE && sessionBufferSize <= MAX_ON_DISK && plausibleAt(fd, off + sessionBufferSize, fileSize)) {
    return off + sessionBufferSize;
  }
  const chunk = new Uint8Array(1 << 20);
  for (let base = off + 1; base + BUFFER_HEADER_SIZE <= fileSize; base += chunk.length - BUFFER_HEADER_SIZE) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, fileSize - base), base);
    const dv = new DataView(chunk.buffer, 0, n);
    for (let i = 0; i + BUFFER_HEADER_SIZE <= n; i++) {
      // Cheap pre-checks on raw fields before the full parse: size, flags, type, state.
      const size = dv.getUint32(i, true);
      if (size < BUFFER_HEADER_SIZE || size > MAX_ON_DISK) continue;
      const flag = dv.getUint16(i + 0x34, true);
      if ((flag & ~KNOWN_BUFFER_FLAGS) !== 0 || dv.getUint16(i + 0x36, true) > MAX_BUFFER_TYPE || dv.getUint32(i + 0x2c, true) > 0xffff) continue;
      const cand = chunk.subarray(i, i + BUFFER_HEADER_SIZE);
      if (implausibleHeader(parseBufferHeader(cand)) === undefined && looksLikeDataBuffer(cand)) return base + i;
    }
    if (n < chunk.length) break;
  }
  return undefined;
}

/** A resync candidate must hold data: compressed, or FilledBytes beyond the header. */
function looksLikeDataBuffer(head: Uint8Array): boolean {
  const flag = head[0x34]! | (head[0x35]! << 8);
  return (flag & BufferFlag.COMPRESSED) !== 0 || (head[0x30]! | (head[0x31]! << 8) | (head[0x32]! << 16) | (head[0x33]! << 24)) > BUFFER_HEADER_SIZE;
}
