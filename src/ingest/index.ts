// The single entry point that opens any input: an ETL trace or one of the text exports users produce, recognised
// by content (see sniff.ts and text/formats.ts), never by extension.
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';
import { openTextExport } from '../text/index.js';
import { formatOf, readHead } from './sniff-path.js';
import { openEtlInput } from './etl-input.js';
import { archiveKind, describeHead, headDescription } from './sniff.js';
import type { InputFormat, TraceInput } from './types.js';

export type { InputFormat, InputMeta, TraceInput } from './types.js';
export { sniffFormat, describeHead, looksLikeEtl, archiveKind, SNIFF_BYTES } from './sniff.js';
export { readHead, sniffPath } from './sniff-path.js';

/** The message for an archive given where a trace is expected (the pipeline lists it as an `archive` issue). */
export const ARCHIVE_REFUSAL = 'this is an archive: use `tracedoctor batch` on it, or expand it and analyze the files inside';

/**
 * Opens `path` as whatever it contains. Throws TraceError 66 when it is missing or unreadable, 65 when it is empty
 * or not a trace or export we recognise (the message says what the first bytes look like).
 */
export function openInput(path: string): TraceInput {
  const head = readHead(path);
  if (head.length === 0) throw new TraceError('empty file: not a trace or export we recognise', ExitCode.DATA_ERR, path, 0, message('input.empty'));
  const archive = archiveKind(head);
  if (archive) throw new TraceError(`${ARCHIVE_REFUSAL} (${archive})`, ExitCode.DATA_ERR, path, 0, message('input.archive', { archive }));
  // Text with no known layout in its head may still be a log with the error further in.
  const format = formatOf(path, head);
  if (format === undefined) {
    throw new TraceError(`not a trace or export we recognise: ${describeHead(head)}`, ExitCode.DATA_ERR, path, 0, message('input.not_recognised', { head: headDescription(head) }));
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
