// The record walk over one buffer's event bytes — the reader's hot path, written by hand after the layouts in
// formats/etl.ksy (event_record and its bodies); test/etl/differential.test.ts proves both agree on every record
// of every real sample. `next()` reads only what ordering and filtering need (kind, size, provider, id, time
// offset); `toRawEvent()` reads the rest for records the consumer keeps.
import type { ExtendedItem, HeaderKind, RawEvent, ReadIssue } from './types.js';
import { EVENT_HEADER_SIZE, EventHeaderFlag, HEADER_SIZE_BY_TYPE, KIND_BY_HEADER_TYPE, MessageFlag, POINTER32_HEADER_TYPES, RecordMarker } from './constants.js';
import { kernelGroupGuid } from './kernel-groups.js';
import type { GuidCache } from './guid-cache.js';
import { hex32, readGuid } from '../common/format.js';
import { described, type Described, type Message } from '../common/message.js';

/** Damage found inside a buffer; `offset` is relative to the buffer start (decompressed space). */
export interface RecordDamage {
  kind: ReadIssue['kind'];
  offset: number;
  message: string;
  detail: Message;
  /** True when the rest of the buffer is unusable; false when only this record was skipped. */
  stopsBuffer: boolean;
}

// The table values as plain module constants: the walk below tests them for every record.
const MARKER_TYPED = RecordMarker.TYPED;
const MARKER_MESSAGE = RecordMarker.MESSAGE;
const EXTENDED_INFO = EventHeaderFlag.EXTENDED_INFO;
const MSG_SEQUENCE = MessageFlag.SEQUENCE;
const MSG_GUID = MessageFlag.GUID;
const MSG_COMPONENT_ID = MessageFlag.COMPONENT_ID;
const MSG_TIMESTAMP = MessageFlag.TIMESTAMP;
const MSG_SYSTEM_INFO = MessageFlag.SYSTEM_INFO;
const MSG_POINTER32 = MessageFlag.POINTER32;
const MSG_POINTER64 = MessageFlag.POINTER64;

const MESSAGE_HEADER_SIZE = 8;

export class RecordCursor {
  bytes: Uint8Array = new Uint8Array(0);
  dv: DataView = new DataView(this.bytes.buffer);
  /** Next record position. */
  pos = 0;
  end = 0;
  cpu = 0;
  bufferOffset = 0;
  /** Whether the current buffer was decompressed (record offsets are then not file offsets). */
  compressed = false;

  // The current record (valid after next() returned true).
  start = 0;
  size = 0;
  headerType = 0;
  kind: HeaderKind = 'system';
  providerGuid = '';
  id = 0;
  payloadStart = 0;
  /** Offset of the raw timestamp, or -1 for a MESSAGE without one (it inherits the previous record's). */
  private timeOff = -1;
  /** Timestamp offset of the latest record that has one (read only when a MESSAGE without one needs it). */
  private lastTimeOff = -1;
  private lastRaw = 0n;
  private extCount = 0;
  private msgGuidOff = -1;

  constructor(
    private readonly guids: GuidCache,
    /** Pointer size of the trace; MESSAGE records without a POINTER32/64 flag use it. */
    private readonly defaultPointerSize: 4 | 8,
    private readonly onDamage: (d: RecordDamage) => void,
  ) {}

  /** Points the cursor at a buffer whose records span [start, end) of `bytes`. */
  reset(bytes: Uint8Array, start: number, end: number, cpu: number, bufferOffset: number): void {
    // A MESSAGE without a timestamp at the start of this buffer inherits the last time of the previous one.
    if (this.lastTimeOff >= 0) this.lastRaw = this.dv.getBigUint64(this.lastTimeOff, true);
    this.lastTimeOff = -1;
    this.bytes = bytes;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = start;
    this.end = Math.min(end, bytes.length);
    this.cpu = cpu;
    this.bufferOffset = bufferOffset;
  }

  /** Advances to the next record; false at the end of the buffer or on damage that ends it. */
  next(): boolean {
    const dv = this.dv;
    for (;;) {
      const p = this.pos;
      const end = this.end;
      if (p + 4 > end) return false;
      const marker = dv.getUint32(p, true);
      if (marker === 0xffffffff) {
        const before = `0x${(end - p).toString(16)}`;
        return this.stop('bad_record', p, described('read.fill_at_record', { before }));
      }
      const flags = marker >>> 24;
      const ht = (marker >>> 16) & 0xff;
      let size: number;
      let kind: HeaderKind | undefined;
      if (flags === MARKER_TYPED) {
        kind = KIND_BY_HEADER_TYPE[ht];
        if (kind === undefined) {
          const type = `0x${ht.toString(16).padStart(2, '0')}`;
          return this.stop('bad_record', p, described('read.record_type_unknown', { type, marker: hex32(marker) }));
        }
        // The size word of SYSTEM/COMPACT/PERFINFO follows the marker: a header cut by the end of the buffer's data
        // (a short last buffer of a truncated file) must not be read past it.
        if (p + HEADER_SIZE_BY_TYPE[ht]! > end) return this.stopCut(p, kind, HEADER_SIZE_BY_TYPE[ht]!, end);
        size = kind === 'system' || kind === 'compact' || kind === 'perfinfo' ? dv.getUint16(p + 4, true) : marker & 0xffff;
        let min = HEADER_SIZE_BY_TYPE[ht]!;
        if (kind === 'perfinfo') min += perfinfoExtraWords(marker & 0xffff) * 8;
        if (size < min) return this.stopSmall(p, kind, size, min);
      } else if (flags === MARKER_MESSAGE) {
        kind = 'message';
        if (p + MESSAGE_HEADER_SIZE > end) return this.stopCut(p, kind, MESSAGE_HEADER_SIZE, end);
        size = marker & 0xffff;
        if (size < MESSAGE_HEADER_SIZE) return this.stopSmall(p, kind, size, MESSAGE_HEADER_SIZE);
      } else {
        return this.stop('bad_record', p, described('read.not_a_marker', { marker: hex32(marker) }));
      }
      if (p + size > end) {
        const past = `0x${(p + size - end).toString(16)}`;
        const hexSize = `0x${size.toString(16)}`;
        return this.stop('bad_record', p, described('read.record_past_end', { kind, size: hexSize, past }));
      }
      this.pos = p + ((size + 7) & ~7);
      this.start = p;
      this.size = size;
      this.headerType = ht;
      this.kind = kind;
      if (this.locate(p, size, kind, marker)) {
        if (this.timeOff >= 0) this.lastTimeOff = this.timeOff;
        return true;
      }
      // Damaged extended items or message fields: this record is skipped, the next one is still readable.
    }
  }

  /** Fills provider, id, time offset and payload start; false (after reporting) when the record is unusable. */
  private locate(p: number, size: number, kind: HeaderKind, marker: number): boolean {
    const dv = this.dv;
    switch (kind) {
      case 'system':
      case 'compact': {
        const hook = dv.getUint16(p + 6, true);
        this.providerGuid = kernelGroupGuid(hook);
        this.id = hook & 0xff;
        this.timeOff = p + 0x10;
        this.payloadStart = p + HEADER_SIZE_BY_TYPE[this.headerType]!;
        return true;
      }
      case 'perfinfo': {
        const hook = dv.getUint16(p + 6, true);
        this.providerGuid = kernelGroupGuid(hook);
        this.id = hook & 0xff;
        this.timeOff = p + 0x08;
        this.payloadStart = p + HEADER_SIZE_BY_TYPE[this.headerType]! + perfinfoExtraWords(marker & 0xffff) * 8;
        return true;
      }
      case 'full':
      case 'instance':
        this.providerGuid = this.guids.read(this.bytes, dv, p + 0x18);
        this.id = this.bytes[p + 4]!;
        this.timeOff = p + 0x10;
        this.payloadStart = p + HEADER_SIZE_BY_TYPE[this.headerType]!;
        return true;
      case 'event_header': {
        this.providerGuid = this.guids.read(this.bytes, dv, p + 0x18);
        this.id = dv.getUint16(p + 0x28, true);
        this.timeOff = p + 0x10;
        let q = p + EVENT_HEADER_SIZE;
        this.extCount = 0;
        if ((dv.getUint16(p + 4, true) & EXTENDED_INFO) !== 0) {
          const recEnd = p + size;
          for (;;) {
            if (q + 8 > recEnd) return this.skip(q, described('read.extended_past_end'));
            const total = dv.getUint16(q, true);
            const dataSize = dv.getUint16(q + 6, true);
            if (total < 8 || dataSize > total - 8 || q + total > recEnd) {
              const sizes = { total: `0x${total.toString(16)}`, data: `0x${dataSize.toString(16)}` };
              return this.skip(q, described('read.extended_misfit', sizes));
            }
            this.extCount++;
            const linked = (dv.getUint16(q + 4, true) & 1) !== 0;
            q += total;
            if (!linked) break;
          }
        }
        this.payloadStart = q;
        return true;
      }
      case 'message': {
        const opt = dv.getUint16(p + 6, true);
        let q = p + MESSAGE_HEADER_SIZE;
        if (opt & MSG_SEQUENCE) q += 4;
        this.msgGuidOff = -1;
        if (opt & MSG_GUID) {
          this.msgGuidOff = q;
          q += 16;
        } else if (opt & MSG_COMPONENT_ID) q += 4;
        this.timeOff = -1;
        if (opt & MSG_TIMESTAMP) {
          this.timeOff = q;
          q += 8;
        }
        if (opt & MSG_SYSTEM_INFO) q += 8;
        if (q > p + size) {
          const fields = { flags: `0x${opt.toString(16)}`, size: `0x${size.toString(16)}` };
          return this.skip(p, described('read.message_options_past', fields));
        }
        this.providerGuid = this.msgGuidOff >= 0 ? this.guids.read(this.bytes, dv, this.msgGuidOff) : '';
        this.id = dv.getUint16(p + 4, true);
        this.payloadStart = q;
        return true;
      }
    }
  }

  /** Raw timestamp of the current record (MESSAGE records without one inherit the previous record's). */
  rawTime(): bigint {
    if (this.timeOff >= 0) return this.dv.getBigUint64(this.timeOff, true);
    if (this.lastTimeOff >= 0) return this.dv.getBigUint64(this.lastTimeOff, true);
    return this.lastRaw;
  }

  /** Builds the full RawEvent of the current record. `raw` is the value rawTime() returned for it. */
  toRawEvent(raw: bigint, time: bigint): RawEvent {
    const dv = this.dv;
    const b = this.bytes;
    const p = this.start;
    const ht = this.headerType;
    const ev: RawEvent = {
      headerKind: this.kind,
      pointerSize: POINTER32_HEADER_TYPES.has(ht) ? 4 : 8,
      rawTime: raw,
      time,
      cpu: this.cpu,
      pid: -1,
      tid: -1,
      providerGuid: this.providerGuid,
      id: this.id,
      version: 0,
      channel: 0,
      level: 0,
      opcode: 0,
      task: 0,
      keyword: 0n,
      flags: 0,
      ext: EMPTY_EXT,
      payload: b.subarray(this.payloadStart, p + this.size),
      bufferOffset: this.bufferOffset,
      recordOffset: p,
    };
    switch (this.kind) {
      case 'system':
      case 'compact': {
        const hook = dv.getUint16(p + 6, true);
        ev.version = dv.getUint16(p, true);
        ev.hookId = hook;
        ev.opcode = hook & 0xff;
        ev.tid = dv.getUint32(p + 8, true);
        ev.pid = dv.getUint32(p + 0x0c, true);
        if (this.kind === 'system') {
          ev.kernelTime = dv.getUint32(p + 0x18, true);
          ev.userTime = dv.getUint32(p + 0x1c, true);
        }
        break;
      }
      case 'perfinfo': {
        const hook = dv.getUint16(p + 6, true);
        const v = dv.getUint16(p, true);
        ev.version = v & 0xff;
        ev.hookId = hook;
        ev.opcode = hook & 0xff;
        let q = p + 0x10;
        if (v & 0x8000) {
          ev.pebsIndex = dv.getBigUint64(q, true);
          q += 8;
        }
        const pmc = (v & 0x700) >>> 8;
        if (pmc > 0) {
          ev.pmcCounters = [];
          for (let i = 0; i < pmc; i++, q += 8) ev.pmcCounters.push(dv.getBigUint64(q, true));
        }
        break;
      }
      case 'full':
      case 'instance':
        ev.opcode = b[p + 4]!;
        ev.level = b[p + 5]!;
        ev.version = dv.getUint16(p + 6, true);
        ev.tid = dv.getUint32(p + 8, true);
        ev.pid = dv.getUint32(p + 0x0c, true);
        ev.kernelTime = dv.getUint32(p + 0x28, true);
        ev.userTime = dv.getUint32(p + 0x2c, true);
        if (this.kind === 'instance') {
          ev.instanceId = dv.getUint32(p + 0x30, true);
          ev.parentInstanceId = dv.getUint32(p + 0x34, true);
          ev.parentGuid = readGuid(b, p + 0x38);
        }
        break;
      case 'event_header': {
        ev.flags = dv.getUint16(p + 4, true);
        ev.eventProperty = dv.getUint16(p + 6, true);
        ev.tid = dv.getUint32(p + 8, true);
        ev.pid = dv.getUint32(p + 0x0c, true);
        ev.version = b[p + 0x2a]!;
        ev.channel = b[p + 0x2b]!;
        ev.level = b[p + 0x2c]!;
        ev.opcode = b[p + 0x2d]!;
        ev.task = dv.getUint16(p + 0x2e, true);
        ev.keyword = dv.getBigUint64(p + 0x30, true);
        ev.kernelTime = dv.getUint32(p + 0x38, true);
        ev.userTime = dv.getUint32(p + 0x3c, true);
        if ((dv.getUint32(p + 0x40, true) | dv.getUint32(p + 0x44, true) | dv.getUint32(p + 0x48, true) | dv.getUint32(p + 0x4c, true)) !== 0) {
          ev.activityId = readGuid(b, p + 0x40);
        }
        if (this.extCount > 0) {
          const ext: ExtendedItem[] = [];
          let q = p + EVENT_HEADER_SIZE;
          for (let i = 0; i < this.extCount; i++) {
            const total = dv.getUint16(q, true);
            ext.push({ type: dv.getUint16(q + 2, true), data: b.subarray(q + 8, q + 8 + dv.getUint16(q + 6, true)) });
            q += total;
          }
          ev.ext = ext;
        }
        break;
      }
      case 'message': {
        const opt = dv.getUint16(p + 6, true);
        ev.messageFlags = opt;
        ev.pointerSize = opt & MSG_POINTER32 ? 4 : opt & MSG_POINTER64 ? 8 : this.defaultPointerSize;
        let q = p + MESSAGE_HEADER_SIZE;
        if (opt & MSG_SEQUENCE) {
          ev.messageSequence = dv.getUint32(q, true);
          q += 4;
        }
        if (opt & MSG_GUID) q += 16;
        else if (opt & MSG_COMPONENT_ID) {
          ev.componentId = dv.getUint32(q, true);
          q += 4;
        }
        if (opt & MSG_TIMESTAMP) q += 8;
        if (opt & MSG_SYSTEM_INFO) {
          ev.tid = dv.getUint32(q, true);
          ev.pid = dv.getUint32(q + 4, true);
        }
        break;
      }
    }
    return ev;
  }

  private stop(kind: ReadIssue['kind'], offset: number, what: Described): false {
    this.onDamage({ kind, offset, message: what.message, detail: what.detail, stopsBuffer: true });
    this.pos = this.end;
    return false;
  }

  /** The buffer's data (FilledBytes, or what a truncated file holds of it) ends inside a record header. */
  private stopCut(p: number, kind: HeaderKind, headerSize: number, end: number): false {
    const sizes = { kind, size: `0x${headerSize.toString(16)}`, left: `0x${(end - p).toString(16)}` };
    return this.stop('bad_record', p, described('read.record_header_cut', sizes));
  }

  /** A record whose size word is smaller than its own header. */
  private stopSmall(p: number, kind: HeaderKind, size: number, min: number): false {
    const sizes = { kind, size: `0x${size.toString(16)}`, header: kind === 'message' ? String(min) : `0x${min.toString(16)}` };
    return this.stop('bad_record', p, described('read.record_size_small', sizes));
  }

  private skip(offset: number, what: Described): false {
    this.onDamage({ kind: 'bad_record', offset, message: what.message, detail: what.detail, stopsBuffer: false });
    return false;
  }
}

const EMPTY_EXT: ExtendedItem[] = [];
Object.freeze(EMPTY_EXT);

/** PEBS index word (version bit 0x8000) plus PMC counter words (version bits 0x0700). */
function perfinfoExtraWords(version: number): number {
  return ((version >>> 15) & 1) + ((version >>> 8) & 7);
}

