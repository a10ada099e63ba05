// Pasted error text (PowerShell / WinRM / HCW / Entra ID / .NET output saved as .txt). Read paragraph by
// paragraph (blank lines separate; a paragraph is capped so memory stays bounded), joined so that messages broken
// across lines still match. Every recognised message becomes one event shaped like the ETW event that reports
// it (WinRM 172 certificate/SSL errors, WinRM 137/138/142, WinHttp 14 API errors), so the providers layer maps it
// to the same observations as a trace; messages without an ETW counterpart (AADSTS, .NET) come out as provider
// `ErrorText`. Each event says which trace to capture next (`recommendedCapture`).
import type { Fields, TraceEvent } from '../../decode/types.js';
import { textEvent, type ParseContext } from '../event.js';
import type { TextLine } from '../lines.js';
import { CAPTURE_RECIPES, captureForWinHttp, findErrorMatches, findStatedCodes, findUnknownErrorOutput, type ErrorMatch } from '../error-catalog.js';
import { winHttpErrorByCode } from '../../windows/winhttp-errors.js';
import { CONTEXT_PATTERNS } from './context.js';
import { PROVIDER_GUIDS } from '../../windows/provider-guids.js';

const MAX_PARAGRAPH_CHARS = 64 * 1024;
const MAX_MESSAGE_CHARS = 600;

const SHAPE_PROVIDER_GUIDS: Record<string, string> = {
  'Microsoft-Windows-WinRM': PROVIDER_GUIDS.winrm,
  'Microsoft-Windows-WinHttp': PROVIDER_GUIDS.winhttp,
};

interface Paragraph {
  text: string;
  /** Start index in `text` and the line, per physical line. */
  starts: { index: number; line: TextLine }[];
}

export function* parseErrorText(lines: Iterable<TextLine>, ctx: ParseContext): Generator<TraceEvent> {
  const stats = { events: 0, unknownEvents: 0, unmatchedMessages: 0, skippedLines: 0 };
  ctx.meta.textStats = stats;
  let para: Paragraph = { text: '', starts: [] };
  const flush = function* (): Generator<TraceEvent> {
    if (para.starts.length) {
      for (const ev of eventsOfParagraph(para, ctx)) {
        stats.events++;
        yield ev;
      }
    }
    para = { text: '', starts: [] };
  };
  for (const l of lines) {
    if (l.text.trim() === '') {
      yield* flush();
      continue;
    }
    if (para.text.length + l.text.length > MAX_PARAGRAPH_CHARS) yield* flush();
    const sep = para.text === '' ? '' : ' ';
    para.starts.push({ index: para.text.length + sep.length, line: l });
    para.text += sep + l.text.trim();
  }
  yield* flush();
}

function lineAt(p: Paragraph, index: number): TextLine {
  let found = p.starts[0]!.line;
  for (const s of p.starts) {
    if (s.index > index) break;
    found = s.line;
  }
  return found;
}

function contextFields(text: string): Fields {
  const f: Fields = {};
  for (const c of CONTEXT_PATTERNS) {
    const m = c.re.exec(text);
    if (!m) continue;
    for (const [name, value] of Object.entries(c.fields(m))) if (!(name in f)) f[name] = value;
  }
  return f;
}

function snippet(text: string, index: number): string {
  const from = Math.max(0, index - 200);
  const s = text.slice(from, from + MAX_MESSAGE_CHARS);
  return (from > 0 ? '…' : '') + s + (from + MAX_MESSAGE_CHARS < text.length ? '…' : '');
}

function* eventsOfParagraph(p: Paragraph, ctx: ParseContext): Generator<TraceEvent> {
  const matches = findErrorMatches(p.text);
  const stated = findStatedCodes(p.text);
  if (matches.length === 0 && stated.length === 0) {
    const unknown = findUnknownErrorOutput(p.text);
    if (unknown) yield unknownErrorEvent(ctx, p, unknown);
    return;
  }
  const context = contextFields(p.text);
  const covered = new Set<number>();

  // WinRM 172 lists every certificate/SSL error of one failure: one event for all such rows of the paragraph.
  const certRows = matches.filter((m) => m.entry.shape.provider === 'Microsoft-Windows-WinRM' && m.entry.shape.id === 172);
  if (certRows.length) {
    const first = certRows[0]!;
    const fields: Fields = { ...context };
    if (context.machineName === undefined && context.RemoteServer !== undefined) fields.machineName = context.RemoteServer;
    certRows.slice(0, 8).forEach((m, i) => (fields[`error${i + 1}`] = m.entry.canonical ?? m.text));
    const flags = certRows.reduce((acc, m) => (acc | (m.entry.secureFailureFlag ?? 0)) >>> 0, 0);
    if (flags) fields.SecureFailureFlags = flags;
    Object.assign(fields, describe(first, certRows));
    for (const m of certRows) if (m.entry.winHttpError) covered.add(m.entry.winHttpError);
    yield makeEvent(ctx, p, first, 'Microsoft-Windows-WinRM', 172, fields);
  }
  for (const m of matches) {
    const shape = m.entry.shape;
    if (shape.provider === 'Microsoft-Windows-WinRM' && shape.id === 172) continue;
    if (m.entry.kind.startsWith('winhttp_') && m.entry.winHttpError !== undefined && covered.has(m.entry.winHttpError)) continue;
    const fields: Fields = { ...context, ...describe(m, [m]) };
    if (shape.provider === 'Microsoft-Windows-WinRM') {
      if (shape.id === 142) {
        fields.operationName = (context.Command as string | undefined) ?? 'Connect';
        fields.errorCode = m.entry.wsmanError ?? m.entry.winHttpError ?? 0;
      }
    } else if (shape.provider === 'Microsoft-Windows-WinHttp') {
      fields.Api = m.groups.Api ?? 'unknown';
      fields.Result = m.entry.winHttpError ?? 0;
    }
    if (m.entry.winHttpError) covered.add(m.entry.winHttpError);
    yield makeEvent(ctx, p, m, shape.provider, shape.id, fields);
  }
  // Codes stated only as numbers/names/HRESULTs (e.g. `HRESULT 0x80072efd`): WinHttp API-error shaped.
  for (const s of stated) {
    if (covered.has(s.code)) continue;
    covered.add(s.code);
    const info = winHttpErrorByCode(s.code);
    const capture = captureForWinHttp(s.code);
    const fields: Fields = {
      ...context,
      Api: 'unknown',
      Result: s.code,
      ErrorKind: `winhttp_${s.code}`,
      WinHttpError: s.code,
      Meaning: `WinHTTP ${s.code}${info ? ` ${info.name}` : ''}`,
      MatchedText: s.text,
      recommendedCapture: CAPTURE_RECIPES[capture],
    };
    const line = lineAt(p, s.index);
    yield textEvent(ctx.file, {
      provider: 'Microsoft-Windows-WinHttp',
      providerGuid: SHAPE_PROVIDER_GUIDS['Microsoft-Windows-WinHttp'],
      id: 14,
      level: 2,
      fields,
      message: snippet(p.text, s.index),
      line: line.line,
      offset: line.offset,
    });
  }
}

/** Error output whose message no catalog row knows: reported as it is (REPORTED_ERROR, a warning). */
function unknownErrorEvent(ctx: ParseContext, p: Paragraph, u: { index: number; text: string; aadsts?: string }): TraceEvent {
  const line = lineAt(p, u.index);
  const fields: Fields = {
    ...contextFields(p.text),
    ErrorKind: 'unrecognised_error',
    MatchedText: u.text,
    recommendedCapture: CAPTURE_RECIPES.tls,
  };
  if (u.aadsts) fields.Aadsts = u.aadsts;
  return textEvent(ctx.file, {
    provider: 'ErrorText',
    providerGuid: '',
    id: 0,
    level: 2,
    fields,
    message: snippet(p.text, u.index),
    line: line.line,
    offset: line.offset,
  });
}

function describe(first: ErrorMatch, all: ErrorMatch[]): Fields {
  const e = first.entry;
  const f: Fields = {
    ErrorKind: all.map((m) => m.entry.kind).join(','),
    Meaning: all.map((m) => m.entry.meaning).join('; '),
    MatchedText: all.map((m) => m.text).join(' | '),
    recommendedCapture: CAPTURE_RECIPES[e.capture],
  };
  if (e.winHttpError !== undefined) f.WinHttpError = e.winHttpError;
  if (e.wsmanError !== undefined) f.WsmanError = e.wsmanError;
  if (e.aadsts !== undefined) f.Aadsts = e.aadsts;
  return f;
}

function makeEvent(ctx: ParseContext, p: Paragraph, m: ErrorMatch, provider: string, id: number, fields: Fields): TraceEvent {
  const line = lineAt(p, m.index);
  return textEvent(ctx.file, {
    provider,
    providerGuid: SHAPE_PROVIDER_GUIDS[provider] ?? '',
    id,
    level: 2,
    fields,
    message: snippet(p.text, m.index),
    line: line.line,
    offset: line.offset,
  });
}
