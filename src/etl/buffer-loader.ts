// Pass 2 I/O: reads one buffer's bytes (header + events up to FilledBytes), decompressing XPRESS buffers.
// Each load returns a fresh array: RawEvent payloads are views into it and stay valid while a consumer holds them.
// A pass that keeps nothing past the next buffer (a count) can ask for reused arrays instead: reading into fresh
// memory costs a page fault per page and a zero fill, more than the read itself.
import { readSync } from 'node:fs';
import { BUFFER_HEADER_SIZE, CompressionFormat } from './constants.js';
import type { BufferInfo } from './buffer-index.js';
import type { ReadIssue } from './types.js';
import { XpressError, xpressDecompress } from './xpress.js';
import { described } from '../common/message.js';

export class BufferLoader {
  private scratch = new Uint8Array(0);
  /** Two arrays used in turn by `load(b, true)`: the previous buffer's bytes stay intact while the next is read. */
  private readonly reused: [Uint8Array, Uint8Array] = [new Uint8Array(0), new Uint8Array(0)];
  private turn = 0;

  constructor(
    private readonly fd: number,
    private readonly file: string,
    /** Header-buffer State low word; 0 and 3 mean XPRESS for buffers flagged compressed. */
    private readonly compressionFormat: number,
    private readonly report: (issue: ReadIssue) => void,
  ) {}

  /**
   * The buffer as [header (0x48 bytes) | event bytes]; records end at the returned array's length.
   * Undefined when the buffer cannot be used at all (reported). With `reuse`, an uncompressed buffer is read
   * into one of two arrays used in turn: its bytes are valid until the buffer after the next one is loaded.
   */
  load(b: BufferInfo, reuse = false): Uint8Array | undefined {
    return b.compressed ? this.loadCompressed(b) : this.loadPlain(b, reuse);
  }

  private loadPlain(b: BufferInfo, reuse: boolean): Uint8Array | undefined {
    const want = Math.min(b.filledBytes, b.available);
    // Plain Uint8Array (not Buffer): every payload is a subarray of it, and Buffer views cost more to create.
    const out = reuse ? this.reusedArray(want) : new Uint8Array(want);
    const got = readSync(this.fd, out, 0, want, b.offset);
    if (got < want) {
      const buffer = `0x${b.offset.toString(16)}`;
      this.report({ kind: 'truncated', file: this.file, offset: b.offset + got, ...described('read.file_ended_in_buffer', { buffer }) });
      return out.subarray(0, got);
    }
    return out;
  }

  private reusedArray(size: number): Uint8Array {
    this.turn ^= 1;
    let a = this.reused[this.turn];
    if (a.length < size) a = this.reused[this.turn] = new Uint8Array(size);
    return a.subarray(0, size);
  }

  private loadCompressed(b: BufferInfo): Uint8Array | undefined {
    const format = this.compressionFormat;
    if (format !== CompressionFormat.XPRESS && format !== CompressionFormat.NONE) {
      const name = format === CompressionFormat.LZNT1 ? ' (LZNT1)' : format === CompressionFormat.XPRESS_HUFF ? ' (XPRESS Huffman)' : '';
      const buffer = `0x${b.offset.toString(16)}`;
      this.report({
        kind: 'unsupported_compression',
        file: this.file,
        offset: b.offset,
        ...described('read.unsupported_compression', { format: `${format}${name}`, buffer }),
      });
      return undefined;
    }
    if (this.scratch.length < b.available) this.scratch = new Uint8Array(b.available);
    const input = this.scratch.subarray(0, b.available);
    const got = readSync(this.fd, input, 0, b.available, b.offset);
    const expected = b.savedOffset - BUFFER_HEADER_SIZE;
    const out = new Uint8Array(b.savedOffset);
    out.set(input.subarray(0, BUFFER_HEADER_SIZE), 0);
    let written: number;
    try {
      written = xpressDecompress(input.subarray(BUFFER_HEADER_SIZE, got), out.subarray(BUFFER_HEADER_SIZE));
    } catch (err) {
      if (!(err instanceof XpressError)) throw err;
      this.report({
        kind: 'decompress_failed',
        file: this.file,
        offset: b.offset + BUFFER_HEADER_SIZE + err.inputOffset,
        ...described('read.corrupt_xpress', {
          buffer: `0x${b.offset.toString(16)}`,
          reason: err.detail,
        }),
      });
      return undefined;
    }
    if (written < expected) {
      // A cut-off file was already reported by the index; otherwise the stream itself is short.
      if (b.available === b.size) {
        this.report({
          kind: 'decompress_failed',
          file: this.file,
          offset: b.offset,
          ...described(
            'read.xpress_short',
            { buffer: `0x${b.offset.toString(16)}`, written: `0x${written.toString(16)}`, expected: `0x${expected.toString(16)}` },
          ),
        });
      }
      return out.subarray(0, BUFFER_HEADER_SIZE + written);
    }
    return out;
  }
}
