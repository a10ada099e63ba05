// What went wrong reading an input, in the report's language: the kind of problem is a catalog message
// (`issue.<kind>`); the reader's detail (which buffer, which line) follows as the reader wrote it.
import type { Messages } from './catalog.js';

export interface ReadIssueLike {
  kind: string;
  message: string;
}

export function readIssueKind(m: Messages, kind: string): string {
  const key = `issue.${kind}` as Parameters<Messages['t']>[0];
  const text = m.t(key);
  return text === key ? kind : text;
}

/** `{kind}{at}: {detail}`, `at` already written in the caller's form (`at byte 0x…`, `@0x…`). */
export function readIssueText(m: Messages, issue: ReadIssueLike, at: string): string {
  return m.t('issue.line', { kind: readIssueKind(m, issue.kind), at, detail: issue.message });
}
