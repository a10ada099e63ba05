// The single entry point that opens any input: an ETL trace or one of the text exports users produce, recognised
// by content (see sniff.ts and text/formats.ts), never by extension.
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';
import { openTextExport } from '../text/index.js';
import { formatOf, readHead } from './sniff-path.js';
import { openEtlInput } from './etl-input.js';
import { archiveKind, headDescription } from './sniff.js';
import type { InputFormat, TraceInput } from './types.js';

export type { InputFormat, InputMeta, TraceInput } from './types.js';
export { sniffFormat, describeHead, looksLikeEtl, archiveKind, SNIFF_BYTES } from './sniff.js';
export { readHead, sniffPath } from './sniff-path.js';

const ARCHIVE_REFUSAL = 'input.archive';

/** Whether `openInput` refused the file as an archive (the pipeline lists it as an `archive` issue). */
export function refusedAsArchive(err: TraceError): boolean {
  return err.detail?.key === ARCHIVE_REFUSAL;
}

/**
 * Opens `path` as whatever it contains. Throws TraceError 66 when it is missing or unreadable, 65 when it is empty
 * or not a trace or export we recognise (the message says what the first bytes look like).
 */
export function openInput(path: string): TraceInput {
  const head = readHead(path);
  if (head.length === 0) throw new TraceError(message('input.empty'), ExitCode.DATA_ERR, path, 0);
  const archive = archiveKind(head);
  if (archive) throw new TraceError(message(ARCHIVE_REFUSAL, { archive }), ExitCode.DATA_ERR, path, 0);
  // Text with no known layout in its head may still be a log with the error further in.
  const format = formatOf(path, head);
  if (format === undefined) {
    throw new TraceError(message('input.not_recognised', { head: headDescription(head) }), ExitCode.DATA_ERR, path, 0);
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
