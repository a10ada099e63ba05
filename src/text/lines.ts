// Synchronous, chunked line reader: text exports can be gigabytes, so we never hold more than one chunk plus one
// line. Lines are split on the byte level (LF, or LF 00 / 00 LF in UTF-16) so each line keeps its byte offset for
// error messages; a trailing CR is dropped. Over-long lines are cut at `maxLineBytes` and flagged.
import { closeSync, openSync, readSync } from 'node:fs';
import type { DetectedEncoding } from './encoding.js';

export interface TextLine {
  /** Decoded text without the line terminator. */
  text: string;
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  /** True when the line was longer than the limit and its tail was dropped. */
  cut: boolean;
}

export interface LineReaderOptions {
  chunkSize?: number;
  maxLineBytes?: number;
}

export class LineReader {
  private fd: number | undefined;
  private readonly decoder: TextDecoder;
  private readonly unit: 1 | 2;
  private readonly lfAt: 0 | 1; // index of the 0x0A byte within a UTF-16 code unit

  constructor(
    readonly path: string,
    readonly enc: DetectedEncoding,
    private readonly opts: LineReaderOptions = {},
  ) {
    this.decoder = new TextDecoder(enc.encoding);
    this.unit = enc.encoding.startsWith('utf-16') ? 2 : 1;
    this.lfAt = enc.encoding === 'utf-16be' ? 1 : 0;
    this.fd = openSync(path, 'r');
  }

  *lines(): Generator<TextLine> {
    const chunkSize = this.opts.chunkSize ?? 1 << 16;
    const maxLine = this.opts.maxLineBytes ?? 1 << 20;
    const chunk = Buffer.allocUnsafe(chunkSize);
    let pending: Buffer[] = [];
    let pendingLen = 0;
    let cut = false;
    let lineNo = 0;
    let fileOff = this.enc.bomLength;
    let lineStart = fileOff;
    const unit = this.unit;

    const emit = (): TextLine => {
      let bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
      if (bytes.length >= unit && isCr(bytes, bytes.length - unit, unit, this.lfAt)) bytes = bytes.subarray(0, bytes.length - unit);
      lineNo++;
      const out: TextLine = { text: this.decoder.decode(bytes), line: lineNo, offset: lineStart, cut };
      pending = [];
      pendingLen = 0;
      cut = false;
      return out;
    };
    const append = (part: Buffer) => {
      if (part.length === 0) return;
      const room = maxLine - pendingLen;
      if (room <= 0) {
        cut = true;
        return;
      }
      const take = part.length > room ? part.subarray(0, room - (room % unit)) : part;
      if (take.length < part.length) cut = true;
      // Copy: `chunk` is reused for the next read.
      pending.push(Buffer.from(take));
      pendingLen += take.length;
    };

    let carry = Buffer.alloc(0); // an odd byte of a UTF-16 unit split across reads
    for (;;) {
      if (this.fd === undefined) return;
      const n = readSync(this.fd, chunk, 0, chunkSize, fileOff);
      if (n <= 0) break;
      let data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      const dataStart = fileOff - carry.length;
      fileOff += n;
      const usable = data.length - (data.length % unit);
      carry = usable < data.length ? Buffer.from(data.subarray(usable)) : Buffer.alloc(0);
      data = data.subarray(0, usable);
      let from = 0;
      for (let i = 0; i < data.length; i += unit) {
        const isLf = unit === 1 ? data[i] === 0x0a : data[i + this.lfAt] === 0x0a && data[i + 1 - this.lfAt] === 0;
        if (!isLf) continue;
        append(data.subarray(from, i));
        yield emit();
        from = i + unit;
        lineStart = dataStart + from;
      }
      append(data.subarray(from));
    }
    if (pendingLen > 0 || cut) yield emit();
  }

  /** Decoded text in chunks (for formats that are not line-oriented, e.g. one-line XML). */
  *textChunks(): Generator<string> {
    const chunkSize = this.opts.chunkSize ?? 1 << 16;
    const chunk = Buffer.allocUnsafe(chunkSize);
    const decoder = new TextDecoder(this.enc.encoding);
    let fileOff = this.enc.bomLength;
    for (;;) {
      if (this.fd === undefined) return;
      const n = readSync(this.fd, chunk, 0, chunkSize, fileOff);
      if (n <= 0) break;
      fileOff += n;
      const text = decoder.decode(chunk.subarray(0, n), { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

function isCr(b: Buffer, at: number, unit: number, lfAt: number): boolean {
  return unit === 1 ? b[at] === 0x0d : b[at + lfAt] === 0x0d && b[at + 1 - lfAt] === 0;
}
