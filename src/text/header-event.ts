// tracerpt renders the log-file header as the first event (`EventTrace` / `Header`, MSNT_SystemTrace). Its
// TRACE_LOGFILE_HEADER fields fill InputMeta the way the ETL reader's header does.
import type { Fields } from '../decode/types.js';
import type { InputMeta } from './types.js';
import { parseTextTimestamp } from './text-time.js';

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^0x[0-9a-f]+$/i.test(s)) return parseInt(s.slice(2), 16);
  if (/^-?\d+$/.test(s)) return Number(s);
  return undefined;
}

function time(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'string') return typeof v === 'number' ? BigInt(Math.trunc(v)) : undefined;
  const s = v.trim();
  if (/^\d{15,}$/.test(s)) return BigInt(s);
  return parseTextTimestamp(s);
}

/** EventTraceGuid: the classic GUID of the log-file header event. */
export const EVENT_TRACE_GUID = '68fdd900-4a3e-11d1-84f4-0000f80464e3';

/** TRACE_LOGFILE_HEADER properties in MOF order (EventTrace_Header), as tracerpt lists them. */
export const HEADER_FIELD_NAMES = [
  'BufferSize', 'Version', 'ProviderVersion', 'NumberOfProcessors', 'EndTime', 'TimerResolution', 'MaxFileSize',
  'LogFileMode', 'BuffersWritten', 'StartBuffers', 'PointerSize', 'EventsLost', 'CPUSpeed', 'LoggerName',
  'LogFileName', 'TimeZoneInformation', 'BootTime', 'PerfFreq', 'StartTime', 'ReservedFlags', 'BuffersLost',
] as const;

/** True for the header event as tracerpt names it: provider `EventTrace`/`MSNT_SystemTrace` or EventTraceGuid, type `Header`. */
export function isHeaderEvent(provider: string, eventName: string): boolean {
  const p = provider.replace(/[{}]/g, '').toLowerCase();
  return (/^(eventtrace|msnt_systemtrace)$/.test(p) || p === EVENT_TRACE_GUID) && /header/i.test(eventName);
}

export function applyHeaderFields(f: Fields, meta: InputMeta): void {
  const get = (name: string) => {
    const key = Object.keys(f).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : f[key];
  };
  const cpus = num(get('NumberOfProcessors'));
  if (cpus !== undefined) meta.cpus = cpus;
  const ptr = num(get('PointerSize'));
  if (ptr === 4 || ptr === 8) meta.pointerSize = ptr;
  const lost = num(get('EventsLost'));
  if (lost !== undefined) meta.eventsLost = lost;
  const blost = num(get('BuffersLost'));
  if (blost !== undefined) meta.buffersLost = blost;
  const logger = get('LoggerName');
  if (typeof logger === 'string' && logger.trim()) meta.loggerName = logger.trim();
  const build = num(get('ProviderVersion'));
  if (build !== undefined && build > 0) meta.osBuild = build;
  const version = num(get('Version'));
  if (version !== undefined && version > 0) {
    const major = version & 0xff;
    const minor = (version >>> 8) & 0xff;
    meta.osVersion = `${major}.${minor}${meta.osBuild !== undefined ? `.${meta.osBuild}` : ''}`;
  }
  const start = time(get('StartTime'));
  if (start !== undefined && start > 0n) meta.startTime = start;
  const end = time(get('EndTime'));
  if (end !== undefined && end > 0n) meta.endTime = end;
}
