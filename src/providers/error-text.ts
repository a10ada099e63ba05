// Pasted error text → error-message observations. The error-text reader (src/text/error-text) turns each message
// it recognises into an event of the provider the message comes from (WinRM 172, WinHTTP 14 …) or of its own
// `ErrorText` provider, with the message kind and the words it matched; this module reads those two fields and
// what the message was about, whatever the provider (the provider's own module reads the same event as well).
import { basename } from 'node:path';
import type { TraceEvent } from '../decode/types.js';
import type { ErrorMessage } from './observations.js';
import type { ContentModule } from './module.js';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
}

/** The error message an event of the error-text reader stands for; undefined when it carries none. */
export function errorMessageOf(ev: TraceEvent): ErrorMessage | undefined {
  const f = ev.fields;
  const kind = str(f.ErrorKind);
  const matched = str(f.MatchedText);
  if (kind === undefined || matched === undefined) return undefined;
  const line = ev.source.line;
  const m: ErrorMessage = {
    kind: 'error_message',
    time: ev.time,
    pid: ev.pid,
    tid: ev.tid,
    ref: { time: ev.time, source: `${basename(ev.source.file)}${line !== undefined ? ` line ${line}` : ''}`, text: matched },
    kinds: kind.split(',').map((k) => k.trim()).filter(Boolean),
    text: matched,
  };
  const code = num(f.WinHttpError);
  if (code !== undefined) m.winHttpError = code;
  const aadsts = str(f.Aadsts);
  if (aadsts) m.aadsts = aadsts;
  const host = str(f.machineName) ?? str(f.RemoteServer);
  if (host) m.host = host;
  const port = num(f.port);
  if (port !== undefined) m.port = port;
  const command = str(f.Command);
  if (command) m.command = command;
  if (line !== undefined) m.line = line;
  return m;
}

export const errorText: ContentModule = {
  name: 'ErrorText',
  reads: (ev) => ev.decodedBy === 'text',
  create: () => (ev) => {
    const m = errorMessageOf(ev);
    return m ? [m] : [];
  },
};
