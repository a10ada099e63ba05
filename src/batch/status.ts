// The status of a case or file row, said once as a catalog message (`statusMessage`). The `status` column of
// the tables is that message's English text: a stable value people filter on in spreadsheets, the same in every
// language. The HTML index page renders the message in the run's language (`--lang`, else the locale). The message
// is plain data: it travels with its row from analysis threads, through state.json and through queue results.
import type { MessageKey } from '../common/i18n/catalog.js';
import { englishText, mapMessageTexts, message, type Message, type MessageValue } from '../common/message.js';

export interface RowStatus {
  /** The English text of `statusMessage`, as the tables show it. */
  status: string;
  statusMessage: Message;
}

/** A message of the catalog (the key is checked against en.json when compiling). */
export function catalogMessage(key: MessageKey, params?: Readonly<Record<string, MessageValue>>): Message {
  return message(key, params);
}

export function rowStatus(statusMessage: Message): RowStatus {
  return { status: englishText(statusMessage), statusMessage };
}

export function statusOf(key: MessageKey, params?: Readonly<Record<string, MessageValue>>): RowStatus {
  return rowStatus(catalogMessage(key, params));
}

/** `failed: <problem>`. */
export function failedStatus(problem: MessageValue): RowStatus {
  return statusOf('status.failed', { problem });
}

export const OK_STATUS: RowStatus = statusOf('status.ok');

/** Whether a row's status is the message `key` (`status.analysed`), or `failed: <key>` when `failed` is set. */
export function statusIs(row: { statusMessage: Message }, key: MessageKey, failed = false): boolean {
  const m = row.statusMessage;
  if (!failed) return m.key === key;
  const problem = m.params?.problem;
  return m.key === 'status.failed' && typeof problem === 'object' && problem.key === key;
}

/** What a `failed: <problem>` status quotes; the whole status for any other. */
export function failedProblem(row: { statusMessage: Message }): MessageValue {
  const m = row.statusMessage;
  return m.key === 'status.failed' && m.params?.problem !== undefined ? m.params.problem : m;
}

/** The status with `map` applied to the texts it quotes (paths, names), its English text made again. */
export function mapStatusTexts(s: RowStatus, map: (text: string) => string): RowStatus {
  return rowStatus(mapMessageTexts(s.statusMessage, map));
}
