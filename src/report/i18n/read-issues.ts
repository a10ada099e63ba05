// What went wrong reading an input, in the report's language: the kind of problem is a catalog message
// (`issue.<kind>`); the reader's detail (which buffer, which line) is its catalog message where the reader gave one,
// else the English line it wrote.
import type { Message } from '../../common/message.js';
import type { Messages } from '../../common/i18n/catalog.js';
import { renderMessage } from './render.js';

export interface ReadIssueLike {
  kind: string;
  message: string;
  detail?: Message;
}

export function readIssueKind(m: Messages, kind: string): string {
  const key = `issue.${kind}` as Parameters<Messages['t']>[0];
  const text = m.t(key);
  return text === key ? kind : text;
}

/** What a reader or an error says, in the language of `m`. */
export function detailText(m: Messages, said: { message: string; detail?: Message }): string {
  return said.detail ? renderMessage(m, said.detail) : said.message;
}

/** `{kind}{at}: {detail}`, `at` already written in the caller's form (`at byte 0x…`, `@0x…`). */
export function readIssueText(m: Messages, issue: ReadIssueLike, at: string): string {
  return m.t('issue.line', { kind: readIssueKind(m, issue.kind), at, detail: detailText(m, issue) });
}
