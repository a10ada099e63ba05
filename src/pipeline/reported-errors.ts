// The error messages of pasted error text (providers/error-text.ts observations) as the diagnosis reads them:
// kept beside the connections, bounded, in the order the text gave them.
import type { ErrorMessage } from '../providers/observations.js';
import type { ReportedError } from '../diagnose/reported.js';

/** Enough for every distinct message of a long paste; the rest are repeats. */
export const MAX_REPORTED_ERRORS = 200;

/** The reported error one error-message observation stands for. */
export function reportedErrorOf(m: ErrorMessage): ReportedError {
  const r: ReportedError = { kinds: m.kinds, text: m.text, ref: m.ref };
  if (m.winHttpError !== undefined) r.winHttpError = m.winHttpError;
  if (m.aadsts !== undefined) r.aadsts = m.aadsts;
  if (m.host !== undefined) r.host = m.host;
  if (m.port !== undefined) r.port = m.port;
  if (m.command !== undefined) r.command = m.command;
  if (m.line !== undefined) r.line = m.line;
  return r;
}

/** Adds the message to `reported` unless that already holds MAX_REPORTED_ERRORS. */
export function keepReported(reported: ReportedError[], m: ErrorMessage): void {
  if (reported.length < MAX_REPORTED_ERRORS) reported.push(reportedErrorOf(m));
}
