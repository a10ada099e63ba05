// What a file is, from its first bytes (and for unknown text, a scan for a known error message): kept apart from
// the readers of each format, so a command that only needs to know the format does not load them all.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';
import { detectTextFormatFurther } from '../text/formats.js';
import { SNIFF_BYTES, sniffFormat } from './sniff.js';
import type { InputFormat } from './types.js';

/** Reads up to `SNIFF_BYTES` from the start of `path`; TraceError 66 when missing or unreadable. */
export function readHead(path: string, bytes = SNIFF_BYTES): Uint8Array {
  let fd: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new TraceError(message('input.directory'), ExitCode.NO_INPUT, path);
    fd = openSync(path, 'r');
  } catch (err) {
    if (err instanceof TraceError) throw err;
    const e = err as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? message('input.no_such_file') : e.code === 'EACCES' || e.code === 'EPERM' ? message('input.permission_denied') : message('input.system_error', { text: e.message });
    throw new TraceError(message('input.cannot_open', { reason }), ExitCode.NO_INPUT, path);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } catch (err) {
    throw new TraceError(message('input.cannot_read', { reason: message('input.system_error', { text: (err as Error).message }) }), ExitCode.NO_INPUT, path);
  } finally {
    closeSync(fd);
  }
}

/**
 * The format of the file at `path`, by content: `sniffFormat` on its head, and for text with no known layout
 * in the head, a scan further in for a known error message (logs report failures near their end). Throws
 * TraceError 66 when the file cannot be read.
 */
export function sniffPath(path: string): InputFormat | undefined {
  const head = readHead(path);
  return head.length === 0 ? undefined : formatOf(path, head);
}

export function formatOf(path: string, head: Uint8Array): InputFormat | undefined {
  return sniffFormat(head) ?? detectTextFormatFurther(path, head);
}

