// The single entry point that opens any input: an ETL trace or one of the text exports users produce, recognised
// by content (see sniff.ts and text/formats.ts), never by extension.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ExitCode, TraceError } from '../common/errors.js';
import { openTextExport, scanForErrorText } from '../text/index.js';
import { openEtlInput } from './etl-input.js';
import { SNIFF_BYTES, archiveKind, describeHead, sniffFormat } from './sniff.js';
import type { InputFormat, TraceInput } from './types.js';

export type { InputFormat, InputMeta, TraceInput } from './types.js';
export { sniffFormat, describeHead, looksLikeEtl, archiveKind, SNIFF_BYTES } from './sniff.js';

/** The message for an archive given where a trace is expected (the pipeline lists it as an `archive` issue). */
export const ARCHIVE_REFUSAL = 'this is an archive: use `tracedoctor batch` on it, or expand it and analyze the files inside';

/** Reads up to `SNIFF_BYTES` from the start of `path`; TraceError 66 when missing or unreadable. */
export function readHead(path: string, bytes = SNIFF_BYTES): Uint8Array {
  let fd: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new TraceError('is a directory, not a trace file', ExitCode.NO_INPUT, path);
    fd = openSync(path, 'r');
  } catch (err) {
    if (err instanceof TraceError) throw err;
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.message;
    throw new TraceError(`cannot open input: ${why}`, ExitCode.NO_INPUT, path);
  }
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } catch (err) {
    throw new TraceError(`cannot read input: ${(err as Error).message}`, ExitCode.NO_INPUT, path);
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

function formatOf(path: string, head: Uint8Array): InputFormat | undefined {
  return sniffFormat(head) ?? (scanForErrorText(path, head) ? 'error_text' : undefined);
}

/**
 * Opens `path` as whatever it contains. Throws TraceError 66 when it is missing or unreadable, 65 when it is empty
 * or not a trace or export we recognise (the message says what the first bytes look like).
 */
export function openInput(path: string): TraceInput {
  const head = readHead(path);
  if (head.length === 0) throw new TraceError('empty file: not a trace or export we recognise', ExitCode.DATA_ERR, path, 0);
  const archive = archiveKind(head);
  if (archive) throw new TraceError(`${ARCHIVE_REFUSAL} (${archive})`, ExitCode.DATA_ERR, path, 0);
  // Text with no known layout in its head may still be a log with the error further in.
  const format = formatOf(path, head);
  if (format === undefined) {
    throw new TraceError(`not a trace or export we recognise: ${describeHead(head)}`, ExitCode.DATA_ERR, path, 0);
  }
  if (format === 'etl') return openEtlInput(path);
  const text = openTextExport(path, format, head);
  return {
    path,
    format,
    meta: text.meta,
    get issues() {
      return text.issues;
    },
    events: () => text.events(),
    close: () => text.close(),
  };
}
