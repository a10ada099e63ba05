// A finding: one diagnosed cause (or gap in the trace) with evidence and exact remediation.
import type { EvidenceRef } from '../providers/observations.js';
import type { Message, MessageParam } from './message.js';
import type { FindingCode } from './catalog.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Remediation {
  /** One line for humans, e.g. "Install KB3140245" (rendered from the message catalogs). */
  text: MessageParam;
  /** Registry value to set, when the step is one. */
  registry?: { path: string; name: string; type: 'REG_DWORD' | 'REG_SZ'; value: number | string };
  kb?: string;
  powershell?: string;
  command?: string;
  /**
   * Not a step: it names the cause the steps after it fix (`If it is a TLS version mismatch:`), up to the next
   * heading. Reports number the steps under each heading from 1; a fix that fits every cause has none.
   */
  heading?: true;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  title: Message;
  /** The causal chain across layers, in plain words. */
  explanation: MessageParam;
  evidence: EvidenceRef[];
  remediation: Remediation[];
  /** Ids of the connections this finding is about (empty for trace-wide gaps). */
  connections: number[];
  /** `cause` explains a failure, `gap` says what the trace lacks to answer, `note` adds context. */
  kind?: 'cause' | 'gap' | 'note';
  /** The answer in one sentence, for the first line of a report (defaults to the title). */
  headline?: MessageParam;
}

export type Verdict = 'failure' | 'ok' | 'inconclusive';
