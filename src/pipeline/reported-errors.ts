// Error messages recognised in pasted error text (src/text/error-text) as the diagnosis reads them: the
// message kind, its WinHTTP code, where it was (line) and what it was about (host, cmdlet).
import { basename } from 'node:path';
import type { TraceEvent } from '../decode/types.js';
import type { ReportedError } from '../diagnose/reported.js';

/** Enough for every distinct message of a long paste; the rest are repeats. */
export const MAX_REPORTED_ERRORS = 200;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
}

/** The reported error an event of the error-text reader stands for; undefined for every other event. */
export function reportedErrorOf(ev: TraceEvent): ReportedError | undefined {
  if (ev.decodedBy !== 'text') return undefined;
  const f = ev.fields;
  const kind = str(f.ErrorKind);
  const matched = str(f.MatchedText);
  if (kind === undefined || matched === undefined) return undefined;
  const line = ev.source.line;
  const r: ReportedError = {
    kinds: kind.split(',').map((k) => k.trim()).filter(Boolean),
    text: matched,
    ref: { time: ev.time, source: `${basename(ev.source.file)}${line !== undefined ? ` line ${line}` : ''}`, text: matched },
  };
  const code = num(f.WinHttpError);
  if (code !== undefined) r.winHttpError = code;
  const aadsts = str(f.Aadsts);
  if (aadsts) r.aadsts = aadsts;
  const host = str(f.machineName) ?? str(f.RemoteServer);
  if (host) r.host = host;
  const port = num(f.port);
  if (port !== undefined) r.port = port;
  const command = str(f.Command);
  if (command) r.command = command;
  if (line !== undefined) r.line = line;
  return r;
}
