// Byte vectors for each layout piece, written from shared/reference/etl-format.md offsets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Bytes, concat } from './bytes.js';
import { implausibility, parseBufferHeader } from '../../src/etl/buffer-index.js';
import { parseTraceHeader } from '../../src/etl/logfile-header.js';
import { qwordValue } from '../../src/etl/qword.js';
import { RecordCursor, type RecordDamage } from '../../src/etl/records.js';
import { generatedRecords } from '../../src/etl/records-generated.js';
import { GuidCache } from '../../src/etl/guid-cache.js';
import { clockTypeOf, KIND_BY_HEADER_TYPE, logFileModeNames } from '../../src/etl/constants.js';
import { kernelGroupGuid } from '../../src/etl/kernel-groups.js';
import { TraceError } from '../../src/common/errors.js';
import type { RawEvent } from '../../src/etl/types.js';
import { ksyEnum, loadFormat, parseWith } from '../../src/formats/load.js';

function bufferHeader(o: { size: number; saved: number; filled: number; seq: bigint; ctx: number; flag: number; type?: number; state?: number }): Bytes {
  return new Bytes(0x48)
    .u32(0x00, o.size)
    .u32(0x04, o.saved)
    .u32(0x08, o.saved + 0x10000) // CurrentOffset: garbage in files
    .u64(0x10, 0x1122334455667788n)
    .u64(0x18, o.seq)
    .u32(0x28, o.ctx)
    .u32(0x2c, o.state ?? 3)
    .u32(0x30, o.filled)
    .u16(0x34, o.flag)
    .u16(0x36, o.type ?? 0);
}

test('WMI_BUFFER_HEADER, Win8+ PROC_INDEX context: CPU from the low 11 bits', () => {
  const h = parseBufferHeader(bufferHeader({ size: 0x10000, saved: 0x1230, filled: 0x1230, seq: 0x1_0000_0007n, ctx: 0x0012_0803, flag: 0x21 }).b);
  assert.is(h.bufferSize, 0x10000);
  assert.is(h.savedOffset, 0x1230);
  assert.is(h.filledBytes, 0x1230);
  assert.is(qwordValue(h.sequenceNumber), 0x1_0000_0007n);
  assert.is(qwordValue(h.timestamp), 0x1122334455667788n);
  assert.is(h.processorIndex, 0x803 & 0x7ff);
  assert.is(h.bufferFlag, 0x21);
  assert.is(implausibility(h), undefined);
});

test('WMI_BUFFER_HEADER, Windows 7 context (PROC_INDEX clear): CPU is the low byte, 0x0802 → 2', () => {
  const h = parseBufferHeader(bufferHeader({ size: 0x2000, saved: 0, filled: 0x228, seq: 0n, ctx: 0x0000_0802, flag: 0x01, type: 4 }).b);
  assert.is(h.processorIndex, 2);
  assert.is(h.bufferType, 4);
  assert.is(implausibility(h), undefined, 'SavedOffset 0 is normal in Win7 header buffers');
});

test('WMI_BUFFER_HEADER plausibility: compressed uses SavedOffset; bad sizes, types and flags are named', () => {
  const comp = parseBufferHeader(bufferHeader({ size: 0x1809, saved: 0x6000, filled: 0x6000, seq: 3n, ctx: 1, flag: 0x61 }).b);
  assert.is(implausibility(comp), undefined, 'compressed FilledBytes may exceed the on-disk size');
  assert.match(implausibility(parseBufferHeader(bufferHeader({ size: 0x40, saved: 0, filled: 0x48, seq: 0n, ctx: 0, flag: 0 }).b))!, /smaller than the 0x48-byte header/);
  assert.match(implausibility(parseBufferHeader(bufferHeader({ size: 0x2000, saved: 0x3000, filled: 0x3000, seq: 0n, ctx: 0, flag: 0x21 }).b))!, /FilledBytes 0x3000 outside/);
  assert.match(implausibility(parseBufferHeader(bufferHeader({ size: 0x2000, saved: 0x100, filled: 0x100, seq: 0n, ctx: 0, flag: 0x21, type: 9 }).b))!, /BufferType 9/);
  assert.match(implausibility(parseBufferHeader(bufferHeader({ size: 0x2000, saved: 0x100, filled: 0x100, seq: 0n, ctx: 0, flag: 0x121 }).b))!, /BufferFlag/);
  assert.match(implausibility(parseBufferHeader(bufferHeader({ size: 0x2000, saved: 0x20, filled: 0x20, seq: 0n, ctx: 0, flag: 0x61 }).b))!, /compressed buffer with SavedOffset/);
});

/** A prologue: header buffer header + SYSTEM header + TRACE_LOGFILE_HEADER (32 or 64 bit) + names. */
function prologue(ptr: 4 | 8): Uint8Array {
  const names = concat(Buffer.from('My Session\0', 'utf16le'), Buffer.from('C:\\t\\a.etl\0', 'utf16le'));
  const fixed = ptr === 8 ? 0x118 : 0x110;
  const ev = new Bytes(0x20 + fixed + names.length)
    .u32(0, ptr === 8 ? 0xc0020002 : 0xc0010002)
    .u16(4, 0x20 + fixed + names.length)
    .u64(0x10, 5_000_000n); // SystemTime: raw half of the sync pair
  const l = 0x20;
  const tz = ptr === 8 ? 0x48 : 0x40;
  ev.u32(l + 0x00, 0x10000)
    .raw(l + 0x04, [10, 0, 2, 0])
    .u32(l + 0x08, 22621)
    .u32(l + 0x0c, 12)
    .u64(l + 0x10, 133_000_000_100_000_000n)
    .u32(l + 0x18, 156250)
    .u32(l + 0x1c, 100)
    .u32(l + 0x20, 0x4010001)
    .u32(l + 0x24, 7)
    .u32(l + 0x28, 1)
    .u32(l + 0x2c, ptr)
    .u32(l + 0x30, 11)
    .u32(l + 0x34, 2995)
    .u32(l + tz, 480) // Bias
    .utf16(l + tz + 4, 'Pacific Standard Time')
    // 4 bytes of padding at tz + 0xAC, then BootTime
    .u32(l + tz + 0xac, 0xdeadbeef)
    .u64(l + tz + 0xb0, 132_999_000_000_000_000n)
    .u64(l + tz + 0xb8, 10_000_000n)
    .u64(l + tz + 0xc0, 133_000_000_000_000_000n)
    .u32(l + tz + 0xc8, 1)
    .u32(l + tz + 0xcc, 2)
    .raw(l + fixed, names);
  const filled = 0x48 + ev.b.length;
  return concat(bufferHeader({ size: 0x400, saved: filled, filled, seq: 0n, ctx: 0, flag: 0x1, type: 4, state: 3 }).b, ev.b);
}

for (const ptr of [8, 4] as const) {
  test(`TRACE_LOGFILE_HEADER ${ptr * 8}-bit: fields, the pad after TimeZoneInformation, UTF-16 names`, () => {
    const h = parseTraceHeader(prologue(ptr), 'x.etl');
    assert.is(h.pointerSize, ptr);
    assert.is(h.bufferSize, 0x10000);
    assert.is(h.osVersion, '10.0');
    assert.is(h.layoutVersion, '2.0');
    assert.is(h.osBuild, 22621);
    assert.is(h.cpus, 12);
    assert.is(h.endTime, 133_000_000_100_000_000n);
    assert.is(h.timerResolution, 156250);
    assert.is(h.maximumFileSizeMB, 100);
    assert.is(h.logFileMode, 0x4010001);
    assert.equal(h.logFileModeFlags, ['SEQUENTIAL', 'RELOG', 'COMPRESSED']);
    assert.is(h.buffersWritten, 7);
    assert.is(h.eventsLost, 11);
    assert.is(h.cpuSpeedMHz, 2995);
    assert.is(h.timeZoneBias, 480);
    assert.is(h.timeZoneName, 'Pacific Standard Time');
    assert.is(h.bootTime, 132_999_000_000_000_000n);
    assert.is(h.perfFreq, 10_000_000n);
    assert.is(h.startTime, 133_000_000_000_000_000n);
    assert.is(h.clockType, 'qpc');
    assert.is(h.buffersLost, 2);
    assert.is(h.loggerName, 'My Session');
    assert.is(h.logFileName, 'C:\\t\\a.etl');
    assert.is(h.syncRawTime, 5_000_000n);
    assert.is(h.compressionFormat, 3);
  });
}

test('not an ETL: empty, too short, wrong marker, cut-off header → TraceError 65 with offset', () => {
  const cases: [Uint8Array, RegExp, number][] = [
    [new Uint8Array(0), /empty file/, 0],
    [new Uint8Array(40), /too short/, 0],
    [Buffer.from('PK\x03\x04'.padEnd(200, 'x')), /expected a logfile-header event marker .* found 0x/, 0x48],
    [prologue(8).subarray(0, 0x100), /truncated or damaged logfile header/, 0x48],
  ];
  for (const [bytes, msg, offset] of cases) {
    try {
      parseTraceHeader(bytes, 'bad.etl');
      assert.unreachable('should throw');
    } catch (err) {
      assert.instance(err, TraceError);
      const e = err as TraceError;
      assert.is(e.exitCode, 65);
      assert.is(e.offset, offset);
      assert.match(e.message, msg);
      assert.match(e.describe(), /^bad\.etl: at byte 0x/);
    }
  }
});

test('log file mode names; unknown bits shown as hex', () => {
  assert.equal(logFileModeNames(0x8000002), ['CIRCULAR', 'INDEPENDENT_SESSION']);
  assert.equal(logFileModeNames(0x40000000), ['0x40000000']);
  assert.equal(logFileModeNames(0), []);
  assert.equal(logFileModeNames(0x80000020), ['PREALLOCATE', 'ADDTO_TRIAGE_DUMP'], 'the top bit is named like the others');
});

test('clock types from the .ksy enum: each value names its clock, an undefined one reads as raw', () => {
  assert.equal([0, 1, 2, 3].map(clockTypeOf), ['raw', 'qpc', 'system_time', 'cpu_cycles']);
  assert.is(clockTypeOf(7), 'raw');
  assert.equal(Object.keys(ksyEnum('Etl', 'ClockType')).length, 4);
});

test('every typed header type the .ksy declares has a record kind in the hand walk, and only those', () => {
  const declared = Object.values(ksyEnum('Etl', 'HeaderType')).sort((a, b) => a - b);
  const walked = KIND_BY_HEADER_TYPE.flatMap((kind, type) => (kind ? [type] : []));
  assert.equal(walked, declared);
  assert.is(KIND_BY_HEADER_TYPE[0x13], 'event_header');
  assert.is(KIND_BY_HEADER_TYPE[0x14], 'full');
});

// ---- record headers -------------------------------------------------------------------------------------------

const PROVIDER = '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac';
const CLASSIC = '9b79ee91-b5fd-41c0-a243-4248e266e9d0';
const MSG_GUID = '11111111-2222-3333-4444-555555555555';

function records(): Uint8Array[] {
  const system = new Bytes(0x24).u16(0, 3).u8(2, 0x02).u8(3, 0xc0).u16(4, 0x24).u16(6, 0x0301).u32(8, 100).u32(0xc, 200).u64(0x10, 1000n).u32(0x18, 7).u32(0x1c, 9).raw(0x20, [1, 2, 3, 4]);
  const compact = new Bytes(0x1c).u16(0, 2).u8(2, 0x03).u8(3, 0xc0).u16(4, 0x1c).u16(6, 0x0524).u32(8, 101).u32(0xc, 201).u64(0x10, 1001n).raw(0x18, [5, 6, 7, 8]);
  // PERFINFO with PEBS index (0x8000) and two PMC counters (0x0200): 0x10 + 3 × 8 header bytes.
  const perfinfo = new Bytes(0x2c).u16(0, 0x8202).u8(2, 0x11).u8(3, 0xc0).u16(4, 0x2c).u16(6, 0x0f2e).u64(8, 1002n).u64(0x10, 0xaaaan).u64(0x18, 1n).u64(0x20, 2n).raw(0x28, [9, 9, 9, 9]);
  const full = new Bytes(0x32).u16(0, 0x32).u8(2, 0x14).u8(3, 0xc0).u8(4, 35).u8(5, 4).u16(6, 2).u32(8, 102).u32(0xc, 202).u64(0x10, 1003n).guid(0x18, CLASSIC).u32(0x28, 11).u32(0x2c, 12).raw(0x30, [0xab, 0xcd]);
  const instance = new Bytes(0x49).u16(0, 0x49).u8(2, 0x0b).u8(3, 0xc0).u8(4, 1).u8(5, 5).u16(6, 1).u32(8, 103).u32(0xc, 203).u64(0x10, 1004n).guid(0x18, CLASSIC).u32(0x30, 77).u32(0x34, 66).guid(0x38, PROVIDER).raw(0x48, [0xee]);
  // EVENT_HEADER64 with two extended items: RELATED_ACTIVITYID (16 bytes) and STACK_TRACE64 (8 + 2×8 → 24 bytes).
  const eh = new Bytes(0x50 + 0x18 + 0x20 + 3)
    .u16(0, 0x50 + 0x18 + 0x20 + 3).u8(2, 0x13).u8(3, 0xc0).u16(4, 0x0001).u16(6, 0x8).u32(8, 104).u32(0xc, 204).u64(0x10, 1005n)
    .guid(0x18, PROVIDER).u16(0x28, 160).u8(0x2a, 1).u8(0x2b, 16).u8(0x2c, 4).u8(0x2d, 0).u16(0x2e, 9).u64(0x30, 0x8000000000000010n)
    .u32(0x38, 13).u32(0x3c, 14).guid(0x40, 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee')
    .u16(0x50, 0x18).u16(0x52, 1).u16(0x54, 1).u16(0x56, 16).guid(0x58, 'abcdef01-2345-6789-abcd-ef0123456789')
    .u16(0x68, 0x20).u16(0x6a, 6).u16(0x6c, 0).u16(0x6e, 24).u64(0x70, 42n).u64(0x78, 0xfffff80000001000n).u64(0x80, 0x7ff600001234n)
    .raw(0x88, [0x61, 0x62, 0x63]);
  // EVENT_HEADER32 without extended items.
  const eh32 = new Bytes(0x52).u16(0, 0x52).u8(2, 0x12).u8(3, 0xc0).u32(8, 105).u32(0xc, 205).u64(0x10, 1006n).guid(0x18, PROVIDER).u16(0x28, 7).raw(0x50, [1, 2]);
  // MESSAGE: SEQUENCE | GUID | TIMESTAMP | SYSTEMINFO | POINTER64 → 8 + 4 + 16 + 8 + 8 bytes of header.
  const msg = new Bytes(0x2c + 4).u16(0, 0x30).u8(2, 0).u8(3, 0x90).u16(4, 12).u16(6, 0x1 | 0x2 | 0x8 | 0x20 | 0x80)
    .u32(8, 555).guid(0xc, MSG_GUID).u64(0x1c, 1007n).u32(0x24, 106).u32(0x28, 206).raw(0x2c, [0x10, 0x20, 0x30, 0x40]);
  // MESSAGE with COMPONENTID only: no timestamp (inherits the previous record's), no TID/PID.
  const msg2 = new Bytes(0x0e).u16(0, 0x0e).u8(3, 0x90).u16(4, 3).u16(6, 0x4).u32(8, 0x77).raw(0x0c, [0xfe, 0xff]);
  return [system.b, compact.b, perfinfo.b, full.b, instance.b, eh.b, eh32.b, msg.b, msg2.b];
}

/** A buffer (0x48-byte header + 8-aligned records) holding `recs`; returns it and its FilledBytes. */
function bufferOf(recs: Uint8Array[]): { bytes: Uint8Array; filled: number } {
  const parts: Uint8Array[] = [new Uint8Array(0x48)];
  let n = 0x48;
  for (const r of recs) {
    const padded = new Uint8Array((r.length + 7) & ~7);
    padded.set(r);
    parts.push(padded);
    n += padded.length;
  }
  return { bytes: concat(...parts, new Uint8Array(0x40).fill(0xff)), filled: n };
}

function walk(bytes: Uint8Array, end: number): { events: RawEvent[]; damage: RecordDamage[] } {
  const damage: RecordDamage[] = [];
  const c = new RecordCursor(new GuidCache(), 8, (d) => damage.push(d));
  c.reset(bytes, 0x48, end, 3, 0x1000);
  const events: RawEvent[] = [];
  while (c.next()) {
    const raw = c.rawTime();
    events.push(c.toRawEvent(raw, raw * 10n));
  }
  return { events, damage };
}

test('every record header kind: dispatch, sizes, fields, payload boundaries', () => {
  const { bytes, filled } = bufferOf(records());
  const { events, damage } = walk(bytes, filled);
  assert.equal(damage, []);
  assert.equal(events.map((e) => e.headerKind), ['system', 'compact', 'perfinfo', 'full', 'instance', 'event_header', 'event_header', 'message', 'message']);
  const [sys, cmp, pi, full, inst, eh, eh32, msg, msg2] = events as [RawEvent, RawEvent, RawEvent, RawEvent, RawEvent, RawEvent, RawEvent, RawEvent, RawEvent];

  assert.is(sys.providerGuid, kernelGroupGuid(0x0301));
  assert.is(sys.providerGuid, '3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c', 'group 3 = Process');
  assert.is(sys.id, 1);
  assert.is(sys.hookId, 0x0301);
  assert.is(sys.version, 3);
  assert.is(sys.tid, 100);
  assert.is(sys.pid, 200);
  assert.is(sys.rawTime, 1000n);
  assert.is(sys.time, 10000n);
  assert.is(sys.kernelTime, 7);
  assert.is(sys.userTime, 9);
  assert.equal([...sys.payload], [1, 2, 3, 4]);
  assert.is(sys.pointerSize, 8);
  assert.is(sys.cpu, 3);
  assert.is(sys.bufferOffset, 0x1000);

  assert.is(cmp.pointerSize, 4, 'COMPACT32');
  assert.is(cmp.providerGuid, '3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c', 'group 5 = Thread');
  assert.is(cmp.id, 0x24);
  assert.is(cmp.kernelTime, undefined);
  assert.equal([...cmp.payload], [5, 6, 7, 8]);

  assert.is(pi.providerGuid, 'ce1dbfb4-137e-4da6-87b0-3f59aa102cbc', 'group 0x0F = PerfInfo');
  assert.is(pi.id, 0x2e);
  assert.is(pi.version, 2);
  assert.is(pi.pid, -1);
  assert.is(pi.tid, -1);
  assert.is(pi.rawTime, 1002n);
  assert.is(pi.pebsIndex, 0xaaaan);
  assert.equal(pi.pmcCounters, [1n, 2n]);
  assert.equal([...pi.payload], [9, 9, 9, 9]);

  assert.is(full.providerGuid, CLASSIC);
  assert.is(full.id, 35);
  assert.is(full.opcode, 35);
  assert.is(full.level, 4);
  assert.is(full.version, 2);
  assert.is(full.tid, 102);
  assert.is(full.kernelTime, 11);
  assert.equal([...full.payload], [0xab, 0xcd]);

  assert.is(inst.pointerSize, 4, 'INSTANCE32');
  assert.is(inst.instanceId, 77);
  assert.is(inst.parentInstanceId, 66);
  assert.is(inst.parentGuid, PROVIDER);
  assert.equal([...inst.payload], [0xee]);

  assert.is(eh.providerGuid, PROVIDER);
  assert.is(eh.id, 160);
  assert.is(eh.version, 1);
  assert.is(eh.channel, 16);
  assert.is(eh.level, 4);
  assert.is(eh.task, 9);
  assert.is(eh.keyword, 0x8000000000000010n);
  assert.is(eh.flags, 1);
  assert.is(eh.eventProperty, 8);
  assert.is(eh.activityId, 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee');
  assert.is(eh.ext.length, 2);
  assert.is(eh.ext[0]!.type, 1);
  assert.equal([...eh.ext[0]!.data], [...new Bytes(16).guid(0, 'abcdef01-2345-6789-abcd-ef0123456789').b]);
  assert.is(eh.ext[1]!.type, 6);
  assert.is(eh.ext[1]!.data.length, 24);
  assert.equal([...eh.payload], [0x61, 0x62, 0x63]);

  assert.is(eh32.pointerSize, 4);
  assert.equal(eh32.ext, []);
  assert.is(eh32.activityId, undefined);
  assert.equal([...eh32.payload], [1, 2]);

  assert.is(msg.providerGuid, MSG_GUID);
  assert.is(msg.id, 12);
  assert.is(msg.messageSequence, 555);
  assert.is(msg.rawTime, 1007n);
  assert.is(msg.tid, 106);
  assert.is(msg.pid, 206);
  assert.is(msg.pointerSize, 8);
  assert.equal([...msg.payload], [0x10, 0x20, 0x30, 0x40]);

  assert.is(msg2.providerGuid, '');
  assert.is(msg2.componentId, 0x77);
  assert.is(msg2.rawTime, 1007n, 'no TIMESTAMP flag: previous record time');
  assert.is(msg2.tid, -1);
  assert.equal([...msg2.payload], [0xfe, 0xff]);
});

test('MESSAGE without a timestamp first in a buffer inherits the last time of the previous buffer of that cursor', () => {
  const recs = records();
  const first = bufferOf([recs[0]!, recs[1]!]); // times 1000, 1001
  const second = bufferOf([recs[8]!]); // COMPONENTID-only message
  const c = new RecordCursor(new GuidCache(), 8, () => assert.unreachable());
  c.reset(first.bytes, 0x48, first.filled, 0, 0);
  while (c.next()) c.rawTime();
  c.reset(second.bytes, 0x48, second.filled, 0, 0x2000);
  assert.ok(c.next());
  assert.is(c.kind, 'message');
  assert.is(c.rawTime(), 1001n);
});

test('generated parser (formats/etl.ksy) reads the same vectors to the same RawEvents', () => {
  const { bytes, filled } = bufferOf(records());
  const hand = walk(bytes, filled).events;
  const gen = [...generatedRecords(bytes, 0x48, filled, { cpu: 3, bufferOffset: 0x1000, defaultPointerSize: 8, toFiletime: (r) => r * 10n })];
  assert.is(gen.length, hand.length);
  for (let i = 0; i < hand.length; i++) {
    const h = hand[i]!;
    const g = gen[i]!;
    assert.equal({ ...g, ext: g.ext.map((e) => ({ type: e.type, data: [...e.data] })), payload: [...g.payload] }, { ...h, ext: h.ext.map((e) => ({ type: e.type, data: [...e.data] })), payload: [...h.payload] }, `record ${i}`);
  }
});

test('extended data items in formats/etl.ksy: SID, TS id, provider traits, stack trace 64, stack key', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Ext: any = loadFormat('Etl').ExtendedItem;
  // SID S-1-5-21-1-2 : revision 1, 3 sub-authorities, authority 5 (big-endian 6 bytes).
  const sid = new Bytes(8 + 24).u16(0, 32).u16(2, 2).u16(6, 20).raw(8, [1, 3, 0, 0, 0, 0, 0, 5]).u32(16, 21).u32(20, 1).u32(24, 2);
  const s = parseWith(Ext, sid.b);
  assert.is(s.extType, 2);
  assert.is(s.data.subAuthorityCount, 3);
  assert.equal([...s.data.identifierAuthority], [0, 0, 0, 0, 0, 5]);
  assert.equal(s.data.subAuthorities, [21, 1, 2]);
  assert.is(parseWith(Ext, new Bytes(16).u16(0, 16).u16(2, 3).u16(6, 4).u32(8, 7).b).data, 7, 'TS_ID');
  const traits = new Bytes(24).u16(0, 24).u16(2, 0x0c).u16(6, 13).u16(8, 13).raw(10, [...Buffer.from('MySource\0')]);
  const t = parseWith(Ext, traits.b);
  assert.is(t.data.providerName, 'MySource');
  assert.is(t.data.size, 13);
  const st = parseWith(Ext, new Bytes(32).u16(0, 32).u16(2, 6).u16(6, 24).u64(8, 9n).u64(16, 0xfffff8000000abcdn).u64(24, 0x7ff612345678n).b);
  assert.is(qwordValue(st.data.matchId), 9n);
  assert.equal(st.data.addresses.map(qwordValue), [0xfffff8000000abcdn, 0x7ff612345678n]);
  const key = parseWith(Ext, new Bytes(24).u16(0, 24).u16(2, 0x12).u16(6, 16).u64(8, 1n).u64(16, 0x55n).b);
  assert.is(qwordValue(key.data.stackKey), 0x55n);
  assert.is(key.padding.length, 0);
});

test('record damage: fill before FilledBytes, unknown marker, size past the end stop the buffer; bad ext skips one record', () => {
  const recs = records();
  // 0xFFFFFFFF fill where FilledBytes says records continue.
  {
    const { bytes, filled } = bufferOf(recs.slice(0, 2));
    const r = walk(bytes, filled + 0x20);
    assert.is(r.events.length, 2);
    assert.is(r.damage.length, 1);
    assert.match(r.damage[0]!.message, /fill \(0xFFFFFFFF\)/);
    assert.ok(r.damage[0]!.stopsBuffer);
  }
  // Unknown marker byte.
  {
    const { bytes, filled } = bufferOf(recs.slice(0, 3));
    bytes[0x48 + 0x28 + 3] = 0x55; // second record's flag byte (the first record, 0x24 bytes, is padded to 0x28)
    const r = walk(bytes, filled);
    assert.is(r.events.length, 1);
    assert.match(r.damage[0]!.message, /not a record marker/);
  }
  // Size past the end.
  {
    const { bytes, filled } = bufferOf(recs.slice(0, 2));
    new DataView(bytes.buffer).setUint16(0x48 + 4, 0x7000, true);
    const r = walk(bytes, filled);
    assert.is(r.events.length, 0);
    assert.match(r.damage[0]!.message, /runs .* past the end/);
    assert.is(r.damage[0]!.offset, 0x48);
  }
  // Header type with no layout (0x0C TIMED).
  {
    const { bytes, filled } = bufferOf(recs.slice(0, 1));
    bytes[0x48 + 2] = 0x0c;
    assert.match(walk(bytes, filled).damage[0]!.message, /unknown record header type 0x0c/);
  }
  // Extended item claiming more data than its total size: that record is skipped, the next one is read.
  {
    const { bytes, filled } = bufferOf([recs[5]!, recs[6]!]);
    new DataView(bytes.buffer).setUint16(0x48 + 0x56, 0x40, true);
    const r = walk(bytes, filled);
    assert.equal(r.events.map((e) => e.id), [7]);
    assert.is(r.damage.length, 1);
    assert.not.ok(r.damage[0]!.stopsBuffer);
    assert.match(r.damage[0]!.message, /extended data item/);
  }
});

test.run();
