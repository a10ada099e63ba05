// Building TraceEvents from text: every text event has the same defaults (no header bits the text does not show).
import type { Fields, TraceEvent } from '../decode/types.js';
import type { ReadIssue } from '../etl/types.js';
import type { InputMeta } from './types.js';
import { described, type Described } from '../common/message.js';

export interface TextEventInit {
  time?: bigint;
  cpu?: number;
  pid?: number;
  tid?: number;
  providerGuid?: string;
  provider: string;
  id?: number;
  version?: number;
  opcode?: number;
  task?: number;
  level?: number;
  keyword?: bigint;
  eventName?: string;
  fields?: Fields;
  message?: string;
  activityId?: string;
  line?: number;
  offset?: number;
}

export function textEvent(file: string, e: TextEventInit): TraceEvent {
  const ev: TraceEvent = {
    time: e.time ?? 0n,
    cpu: e.cpu ?? 0,
    pid: e.pid ?? -1,
    tid: e.tid ?? -1,
    providerGuid: e.providerGuid ?? '',
    provider: e.provider,
    id: e.id ?? 0,
    version: e.version ?? 0,
    opcode: e.opcode ?? 0,
    task: e.task ?? 0,
    level: e.level ?? 0,
    keyword: e.keyword ?? 0n,
    headerKind: 'text',
    pointerSize: 8,
    fields: e.fields ?? {},
    decodedBy: 'text',
    source: { file, line: e.line, offset: e.offset },
  };
  if (e.eventName !== undefined) ev.eventName = e.eventName;
  if (e.message !== undefined) ev.message = e.message;
  if (e.activityId !== undefined) ev.activityId = e.activityId;
  return ev;
}

/** Shared state of one text parse: where issues go and the meta that fills in as events pass. */
export interface ParseContext {
  file: string;
  meta: InputMeta;
  issues: ReadIssue[];
}

/** Widens meta.startTime/endTime with an event time (text exports have no header with these). */
export function noteTime(meta: InputMeta, t: bigint): void {
  if (t <= 0n) return;
  if (meta.startTime === undefined || t < meta.startTime) meta.startTime = t;
  if (meta.endTime === undefined || t > meta.endTime) meta.endTime = t;
}

/** A problem on one line of a text export: `line N: …`. */
export function lineIssue(ctx: ParseContext, offset: number, line: number, what: Described, kind: ReadIssue['kind'] = 'bad_record'): void {
  ctx.issues.push({ kind, file: ctx.file, offset, ...atLine(line, what) });
}

/** `line N: what`, in English and as a catalog message. */
export function atLine(line: number, what: Described): Described {
  return described('read.at_line', { line, detail: what.detail });
}
