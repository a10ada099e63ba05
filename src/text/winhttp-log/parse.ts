// Legacy WinHTTP text trace (WinHttpTraceCfg on XP/2003, `netsh winhttp set tracing` on Vista/2008):
//   `16:51:47.893 ::*0000004* :: WinHttpSendRequest(0x36aae0, "", 0, 0x0, 0, 658, 0)`
//   `16:51:47.893 ::*0000004* :: WinHttpSendRequest() returning TRUE`
//   `16:51:47.899 ::*Session* :: DllMain(0x73fc0000, DLL_THREAD_ATTACH, 0x0)`
// API calls become events shaped like WinHttp ETW 9 (call), 10 (returned) and 11 (failed, with Result), so a
// failing API in an old log reaches the same `winhttp_error` observation as a trace; a secure-protocols option
// set on a request becomes a WebIO 15-shaped "Set Request Option SecureProtocols" event. Other lines (HTTP
// headers, data framing) are kept as events with the text, so nothing is dropped.
// The log has no date: times are time-of-day on day 0 (1601-01-01), advanced by a day when the clock wraps.
import type { Fields, TraceEvent } from '../../decode/types.js';
import { textEvent, noteTime, type ParseContext } from '../event.js';
import type { TextLine } from '../lines.js';
import { parseProtocolMask } from '../protocol-mask.js';
import { winHttpErrorByName } from '../../windows/winhttp-errors.js';
import { PROVIDER_GUIDS } from '../../windows/provider-guids.js';

/** One line of the log: time, thread (or `Session`), text. */
export const WINHTTP_LOG_LINE = /^(\d\d):(\d\d):(\d\d)\.(\d{3})\s+::\*(\d+|Session)\*\s+::\s?(.*)$/;
const API_CALL = /^(WinHttp\w+)\((.*)\)\s*$/;
const API_RETURN = /^(WinHttp\w+)\(\)\s+returning\s+(.*)$/;
/** Error codes printed on or after a `returning FALSE` line. */
const ERROR_CODE = /\b(ERROR_WINHTTP_[A-Z_]+)\b|\berror\s*(?:code)?\s*[=:]?\s*\(?(\d{4,5})\)?|\((12\d{3})\)/i;
const SECURE_PROTOCOLS = /SECURE_PROTOCOLS?\b[^=:]*?[=:]\s*(0x[0-9a-f]+|\d+|[A-Z0-9_| ]+)|((?:WINHTTP_FLAG_SECURE_PROTOCOL_\w+\s*\|?\s*)+)/i;

const WINHTTP_GUID = PROVIDER_GUIDS.winhttp;
const WEBIO_GUID = PROVIDER_GUIDS.webio;
const TICKS_PER_DAY = 864000000000n;
/** WebIO request option number of SecureProtocols (mapRequestOption). */
const OPTION_SECURE_PROTOCOLS = 6;

interface FailedCall {
  api: string;
  handle?: string;
  line: TextLine;
  time: bigint;
  request: string;
  message: string;
  linesSeen: number;
}

export function* parseWinHttpLog(lines: Iterable<TextLine>, ctx: ParseContext): Generator<TraceEvent> {
  const stats = { events: 0, unknownEvents: 0, unmatchedMessages: 0, skippedLines: 0 };
  ctx.meta.textStats = stats;
  const lastHandleByApi = new Map<string, string>();
  let day = 0n;
  let prevTod = -1n;
  let pendingFailure: FailedCall | undefined;

  const failureEvent = (f: FailedCall, code: number | undefined): TraceEvent => {
    stats.events++;
    const fields: Fields = { Api: f.api, RequestId: f.request };
    if (f.handle) fields.ApiHandle = f.handle;
    if (code !== undefined) fields.Result = code;
    return textEvent(ctx.file, { time: f.time, provider: 'Microsoft-Windows-WinHttp', providerGuid: WINHTTP_GUID, id: 11, fields, message: f.message, line: f.line.line, offset: f.line.offset, level: 2 });
  };

  for (const l of lines) {
    const m = WINHTTP_LOG_LINE.exec(l.text);
    if (!m) {
      if (l.text.trim() !== '') stats.skippedLines++;
      continue;
    }
    const tod = ((BigInt(m[1]!) * 60n + BigInt(m[2]!)) * 60n + BigInt(m[3]!)) * 10000000n + BigInt(m[4]!) * 10000n;
    if (prevTod >= 0n && tod + TICKS_PER_DAY / 2n < prevTod) day++;
    prevTod = tod;
    const time = day * TICKS_PER_DAY + tod;
    noteTime(ctx.meta, time);
    const request = m[5]!;
    const text = m[6]!;

    if (pendingFailure) {
      const code = request === pendingFailure.request ? errorCodeIn(text) : undefined;
      pendingFailure.linesSeen++;
      if (code !== undefined || request !== pendingFailure.request || pendingFailure.linesSeen > 3) {
        if (code !== undefined) pendingFailure.message += ` ${text.trim()}`;
        yield failureEvent(pendingFailure, code);
        pendingFailure = undefined;
        if (code !== undefined) continue;
      }
    }

    // The request id is WinHTTP's own numbering, not a thread: it goes to a field, tid stays unknown.
    const common = { time, line: l.line, offset: l.offset, message: text };
    const ret = API_RETURN.exec(text);
    if (ret) {
      const api = ret[1]!;
      const value = ret[2]!.trim();
      const handle = lastHandleByApi.get(api);
      if (/^FALSE\b/i.test(value) || /^NULL\b/i.test(value)) {
        const f: FailedCall = { api, line: l, time, request, message: text, linesSeen: 0, ...(handle ? { handle } : {}) };
        const code = errorCodeIn(value);
        if (code !== undefined) yield failureEvent(f, code);
        else pendingFailure = f;
        continue;
      }
      const fields: Fields = { Api: api, Result: 0, ReturnValue: value, RequestId: request };
      const newHandle = /handle\s+(0x[0-9a-f]+)/i.exec(value)?.[1];
      if (newHandle) fields.ApiHandle = newHandle;
      else if (handle) fields.ApiHandle = handle;
      stats.events++;
      yield textEvent(ctx.file, { ...common, provider: 'Microsoft-Windows-WinHttp', providerGuid: WINHTTP_GUID, id: 10, fields });
      continue;
    }
    const call = API_CALL.exec(text);
    if (call) {
      const api = call[1]!;
      const args = call[2]!;
      const handle = /^\s*(0x[0-9a-f]+)/i.exec(args)?.[1];
      if (handle) lastHandleByApi.set(api, handle);
      const fields: Fields = { Api: api, Arguments: args, RequestId: request };
      if (handle) fields.ApiHandle = handle;
      stats.events++;
      yield textEvent(ctx.file, { ...common, provider: 'Microsoft-Windows-WinHttp', providerGuid: WINHTTP_GUID, id: 9, fields });
      const mask = /SECURE_PROTOCOLS/i.test(args) ? secureProtocolsIn(args.replace(/\(\s*84\s*\)/, '')) : undefined;
      if (mask !== undefined) {
        stats.events++;
        yield optionEvent(ctx, common, request, handle, mask);
      }
      continue;
    }
    const mask = /SECURE_PROTOCOL/i.test(text) ? secureProtocolsIn(text) : undefined;
    if (mask !== undefined) {
      stats.events++;
      yield optionEvent(ctx, common, request, lastHandleByApi.get('WinHttpSetOption'), mask);
      continue;
    }
    stats.events++;
    stats.unmatchedMessages++;
    yield textEvent(ctx.file, { ...common, provider: 'WinHttpLog', fields: { RequestId: request, Text: text } });
  }
  if (pendingFailure) yield failureEvent(pendingFailure, undefined);
}

function errorCodeIn(text: string): number | undefined {
  const m = ERROR_CODE.exec(text);
  if (!m) return undefined;
  if (m[1]) return winHttpErrorByName(m[1])?.code;
  return Number(m[2] ?? m[3]);
}

function secureProtocolsIn(text: string): number | undefined {
  const m = SECURE_PROTOCOLS.exec(text);
  if (!m) return undefined;
  return parseProtocolMask((m[1] ?? m[2] ?? '').trim());
}

function optionEvent(
  ctx: ParseContext,
  common: { time: bigint; line: number; offset: number; message: string },
  request: string,
  handle: string | undefined,
  mask: number,
): TraceEvent {
  const fields: Fields = { Option: OPTION_SECURE_PROTOCOLS, Value: mask, SecureProtocols: mask, Error: 0, RequestId: request };
  if (handle) {
    fields.Request = handle;
    fields.RequestHandle = handle;
  }
  return textEvent(ctx.file, { ...common, provider: 'Microsoft-Windows-WebIO', providerGuid: WEBIO_GUID, id: 15, fields });
}
