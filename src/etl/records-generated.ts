// The record walk done with the generated parser (formats/etl.ksy `event_record`). The reader uses the
// hand-written walk in records.ts (the hot path); this one is the executable specification it is tested against
// (test/etl/differential.test.ts) and the baseline of the record-walk benchmark.
import { KaitaiStream, loadFormat } from '../formats/load.js';
import { readGuid } from '../common/format.js';
import { kernelGroupGuid } from './kernel-groups.js';
import { qwordValue, type Qword } from './qword.js';
import { KIND_BY_HEADER_TYPE, MessageFlag, POINTER32_HEADER_TYPES, RecordMarker } from './constants.js';
import type { ExtendedItem, HeaderKind, RawEvent } from './types.js';

interface GenGuid {
  data1: number;
  data2: number;
  data3: number;
  data4: Uint8Array;
}

function guidString(g: GenGuid): string {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, g.data1, true);
  dv.setUint16(4, g.data2, true);
  dv.setUint16(6, g.data3, true);
  b.set(g.data4, 8);
  return readGuid(b, 0);
}

/**
 * Every record of one buffer's bytes ([start, end) of `bytes`) as RawEvents, parsed with the generated code.
 * Stops at the first 0xFFFFFFFF fill or unknown marker (real samples have neither before FilledBytes).
 */
export function* generatedRecords(
  bytes: Uint8Array,
  start: number,
  end: number,
  ctx: { cpu: number; bufferOffset: number; defaultPointerSize: 4 | 8; toFiletime: (raw: bigint) => bigint },
): Generator<RawEvent> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const EventRecord: any = loadFormat('Etl').EventRecord;
  const view = new DataView(bytes.buffer, bytes.byteOffset, end);
  let pos = start;
  let lastRaw = 0n;
  while (pos + 4 <= end) {
    if (view.getUint32(pos, true) === 0xffffffff) return;
    const io = new KaitaiStream(view);
    io.seek(pos);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const r: any = new EventRecord(io);
    const body = r.body;
    if (body === null || body === undefined) return;
    const isMessage = r.markerFlags === RecordMarker.MESSAGE;
    const kind: HeaderKind = isMessage ? 'message' : KIND_BY_HEADER_TYPE[r.headerType]!;
    const size: number = kind === 'system' || kind === 'compact' || kind === 'perfinfo' ? body.size : r.markerLo;
    const payloadStart: number = io.pos;
    const ev: RawEvent = {
      headerKind: kind,
      pointerSize: POINTER32_HEADER_TYPES.has(r.headerType) ? 4 : 8,
      rawTime: 0n,
      time: 0n,
      cpu: ctx.cpu,
      pid: -1,
      tid: -1,
      providerGuid: '',
      id: 0,
      version: 0,
      channel: 0,
      level: 0,
      opcode: 0,
      task: 0,
      keyword: 0n,
      flags: 0,
      ext: [],
      payload: bytes.subarray(payloadStart, pos + size),
      bufferOffset: ctx.bufferOffset,
      recordOffset: pos,
    };
    let raw: bigint;
    switch (kind) {
      case 'system':
      case 'compact':
        raw = qwordValue(body.systemTime);
        ev.version = r.markerLo;
        ev.hookId = body.hookId;
        ev.opcode = ev.id = body.hookId & 0xff;
        ev.providerGuid = kernelGroupGuid(body.hookId);
        ev.tid = body.threadId;
        ev.pid = body.processId;
        if (kind === 'system') {
          ev.kernelTime = body.kernelTime;
          ev.userTime = body.userTime;
        }
        break;
      case 'perfinfo':
        raw = qwordValue(body.systemTime);
        ev.version = r.markerLo & 0xff;
        ev.hookId = body.hookId;
        ev.opcode = ev.id = body.hookId & 0xff;
        ev.providerGuid = kernelGroupGuid(body.hookId);
        if (body.pebsIndex !== undefined && body.pebsIndex !== null) ev.pebsIndex = qwordValue(body.pebsIndex);
        if (body.pmcCounters.length > 0) ev.pmcCounters = body.pmcCounters.map((q: Qword) => qwordValue(q));
        break;
      case 'full':
      case 'instance':
        raw = qwordValue(body.timestamp);
        ev.opcode = ev.id = body.classType;
        ev.level = body.classLevel;
        ev.version = body.classVersion;
        ev.tid = body.threadId;
        ev.pid = body.processId;
        ev.providerGuid = guidString(body.guid);
        ev.kernelTime = body.kernelTime;
        ev.userTime = body.userTime;
        if (kind === 'instance') {
          ev.instanceId = body.instanceId;
          ev.parentInstanceId = body.parentInstanceId;
          ev.parentGuid = guidString(body.parentGuid);
        }
        break;
      case 'event_header': {
        raw = qwordValue(body.timestamp);
        ev.flags = body.flags;
        ev.eventProperty = body.eventProperty;
        ev.tid = body.threadId;
        ev.pid = body.processId;
        ev.providerGuid = guidString(body.providerId);
        ev.id = body.id;
        ev.version = body.version;
        ev.channel = body.channel;
        ev.level = body.level;
        ev.opcode = body.opcode;
        ev.task = body.task;
        ev.keyword = qwordValue(body.keyword);
        ev.kernelTime = body.kernelTime;
        ev.userTime = body.userTime;
        const activity = guidString(body.activityId);
        if (activity !== '00000000-0000-0000-0000-000000000000') ev.activityId = activity;
        const items = (body.extendedItems ?? []) as { extType: number; _raw_data?: Uint8Array; data: unknown }[];
        // The item data as bytes: the generated parser keeps the raw bytes of typed items in _raw_data.
        ev.ext = items.map((it): ExtendedItem => ({ type: it.extType, data: it._raw_data ?? (it.data as Uint8Array) }));
        break;
      }
      case 'message': {
        const opt: number = body.optionFlags;
        raw = body.timestamp !== undefined && body.timestamp !== null ? qwordValue(body.timestamp) : lastRaw;
        ev.messageFlags = opt;
        ev.pointerSize = opt & MessageFlag.POINTER32 ? 4 : opt & MessageFlag.POINTER64 ? 8 : ctx.defaultPointerSize;
        ev.id = body.messageNumber;
        ev.providerGuid = body.messageGuid ? guidString(body.messageGuid) : '';
        if (body.sequenceNumber !== undefined && body.sequenceNumber !== null) ev.messageSequence = body.sequenceNumber;
        if (body.componentId !== undefined && body.componentId !== null) ev.componentId = body.componentId;
        if (body.threadId !== undefined && body.threadId !== null) {
          ev.tid = body.threadId;
          ev.pid = body.processId;
        }
        break;
      }
    }
    lastRaw = raw;
    ev.rawTime = raw;
    ev.time = ctx.toFiletime(raw);
    yield ev;
    pos += (size + 7) & ~7;
  }
}
