// MS-XCA "Plain LZ77" (COMPRESSION_FORMAT_XPRESS) decompression, as used by compressed ETL buffers.
// Algorithm: [MS-XCA] §2.4 — 32-bit flag words read MSB first; 0 = literal byte, 1 = u16 match token
// (offset = (token >> 3) + 1, length = (token & 7) + 3 with nibble / byte / u16 / u32 extensions).
import { englishText, message, type Message } from '../common/message.js';

export class XpressError extends Error {
  /** The message as a catalog message. */
  readonly detail: Message;

  constructor(
    detail: Message,
    /** Offset in the compressed input where decoding failed. */
    readonly inputOffset: number,
  ) {
    super(englishText(detail));
    this.detail = detail;
    this.name = 'XpressError';
  }
}

/** The stream ends inside one of its parts (`flag word`, `match token` …): `part` names the catalog's word for it. */
function endsInside(part: string, ip: number): XpressError {
  return new XpressError(message('read.xpress_ends_inside', { part: message(`read.xpress_part.${part}`) }), ip);
}

/**
 * Decompresses `input` into `output` (whose length is the expected decompressed size).
 * Returns the number of bytes written; throws XpressError on a stream that references data before the
 * start of the output or ends inside a token. Never writes past `output.length`.
 */
export function xpressDecompress(input: Uint8Array, output: Uint8Array): number {
  const inEnd = input.length;
  const outEnd = output.length;
  let ip = 0;
  let op = 0;
  let flags = 0;
  let flagCount = 0;
  let nibbleAt = -1; // input index of the byte whose high nibble is still unused

  while (op < outEnd) {
    if (flagCount === 0) {
      if (ip + 4 > inEnd) {
        if (ip >= inEnd) break; // input exhausted exactly at a flag boundary
        throw endsInside('flag_word', ip);
      }
      flags = (input[ip]! | (input[ip + 1]! << 8) | (input[ip + 2]! << 16) | (input[ip + 3]! << 24)) >>> 0;
      ip += 4;
      flagCount = 32;
    }
    flagCount--;
    if (((flags >>> flagCount) & 1) === 0) {
      if (ip >= inEnd) break;
      output[op++] = input[ip++]!;
      continue;
    }
    if (ip >= inEnd) break; // trailing flag bits after the last token
    if (ip + 2 > inEnd) throw endsInside('match_token', ip);
    const token = input[ip]! | (input[ip + 1]! << 8);
    ip += 2;
    const offset = (token >>> 3) + 1;
    let length = token & 7;
    if (length === 7) {
      let nibble: number;
      if (nibbleAt < 0) {
        if (ip >= inEnd) throw endsInside('length_nibble', ip);
        nibble = input[ip]! & 0x0f;
        nibbleAt = ip++;
      } else {
        nibble = input[nibbleAt]! >>> 4;
        nibbleAt = -1;
      }
      length = nibble;
      if (nibble === 15) {
        if (ip >= inEnd) throw endsInside('length_byte', ip);
        length = input[ip++]!;
        if (length === 255) {
          if (ip + 2 > inEnd) throw endsInside('length_16', ip);
          length = input[ip]! | (input[ip + 1]! << 8);
          ip += 2;
          if (length === 0) {
            if (ip + 4 > inEnd) throw endsInside('length_32', ip);
            length = (input[ip]! | (input[ip + 1]! << 8) | (input[ip + 2]! << 16) | (input[ip + 3]! << 24)) >>> 0;
            ip += 4;
          }
          if (length < 15 + 7) throw new XpressError(message('read.xpress_bad_length', { length }), ip);
          length -= 15 + 7;
        }
        length += 15;
      }
      length += 7;
    }
    length += 3;
    if (offset > op) throw new XpressError(message('read.xpress_offset_before', { offset, at: op }), ip - 2);
    if (op + length > outEnd) throw new XpressError(message('read.xpress_past_size', { length, size: outEnd }), ip - 2);
    let src = op - offset;
    if (offset >= length) {
      output.copyWithin(op, src, src + length);
      op += length;
    } else {
      // Overlapping copy repeats the last `offset` bytes; must go byte by byte.
      const stop = op + length;
      while (op < stop) output[op++] = output[src++]!;
    }
  }
  return op;
}
