// KernelTraceControl EventMetadata: hand-built TRACE_EVENT_INFO / EVENT_MAP_INFO blobs laid out per tdh.h,
// turned into schemas, and used by EventDecoder ahead of the bundled tables.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EVENT_METADATA_GUID, EventDecoder, parseEventInfo, parseEventMapInfo } from '../../src/decode/index.js';
import { Bytes, rawEvent } from './build.js';

interface Prop {
  name: string;
  flags?: number;
  inType?: number;
  outType?: number;
  map?: string;
  count?: number;
  length?: number;
  /** struct: first member index and member count */
  struct?: [number, number];
}

const PROVIDER = '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac';

/** TRACE_EVENT_INFO with its strings after the property array; offsets relative to the blob. */
function traceEventInfo(o: { id: number; version: number; providerName: string; message?: string; top: number; props: Prop[] }): Uint8Array {
  const strings: string[] = [];
  const base = 0x70 + 24 * o.props.length;
  const offsets = new Map<string, number>();
  let at = base;
  const place = (s: string) => {
    if (!offsets.has(s)) {
      offsets.set(s, at);
      strings.push(s);
      at += (s.length + 1) * 2;
    }
    return offsets.get(s)!;
  };
  const provOff = place(o.providerName);
  const msgOff = o.message ? place(o.message) : 0;
  const nameOffs = o.props.map((p) => place(p.name));
  const mapOffs = o.props.map((p) => (p.map ? place(p.map) : 0));
  const b = new Bytes()
    .guid(PROVIDER)
    .raw(new Array(16).fill(0))
    .u16(o.id).u8(o.version).u8(0x10).u8(4).u8(0).u16(0).u64(0n)
    .u32(0) // decoding source: XML
    .u32(provOff).u32(0).u32(0).u32(0).u32(0).u32(0) // provider, level, channel, keywords, task, opcode
    .u32(msgOff).u32(0).u32(0).u32(0) // message, provider message, binary XML offset/size
    .u32(0).u32(0) // event name, attributes
    .u32(o.props.length).u32(o.top).u32(0);
  o.props.forEach((p, i) => {
    b.u32(p.flags ?? 0).u32(nameOffs[i]!);
    if (p.struct) b.u16(p.struct[0]).u16(p.struct[1]).u32(0);
    else b.u16(p.inType ?? 0).u16(p.outType ?? 0).u32(mapOffs[i]!);
    b.u16(p.count ?? 1).u16(p.length ?? 0).u32(0);
  });
  for (const s of strings) b.utf16z(s);
  return b.bytes();
}

function eventMapInfo(name: string, flag: number, entries: Array<[number, string]>): Uint8Array {
  const strings: string[] = [name, ...entries.map(([, t]) => t + ' ')];
  let at = 16 + 8 * entries.length;
  const offs = strings.map((s) => {
    const o = at;
    at += (s.length + 1) * 2;
    return o;
  });
  const b = new Bytes().guid(PROVIDER).u32(offs[0]!).u32(flag).u32(entries.length).u32(0);
  entries.forEach(([v], i) => b.u32(offs[i + 1]!).u32(v));
  for (const s of strings) b.utf16z(s);
  return b.bytes();
}

const PARAM_LENGTH = 0x2;
const PARAM_COUNT = 0x4;
const STRUCT = 0x1;

const packetInfo = () =>
  traceEventInfo({
    id: 160,
    version: 0,
    providerName: 'Microsoft-Windows-PktMon',
    message: 'Direction %2, Size %3 ',
    top: 5,
    props: [
      { name: 'PktGroupId', inType: 10, outType: 10 },
      { name: 'DirTag', inType: 6, outType: 6, map: 'PacketDirectionTag' },
      { name: 'LoggedPayloadSize', inType: 6, outType: 6 },
      { name: 'Payload', flags: PARAM_LENGTH, inType: 14, outType: 15, length: 2 },
      { name: 'Pairs', flags: STRUCT | PARAM_COUNT, struct: [5, 2], count: 2 },
      { name: 'K', inType: 4 },
      { name: 'V', inType: 8, outType: 23 },
    ],
  });

test('TRACE_EVENT_INFO → schema with length-by-field, count-by-field struct, map and message', () => {
  const info = parseEventInfo(packetInfo());
  assert.is(info.providerGuid, PROVIDER);
  assert.is(info.providerName, 'Microsoft-Windows-PktMon');
  assert.is(info.id, 160);
  assert.is(info.version, 0);
  assert.is(info.schema.message, 'Direction %2, Size %3');
  assert.equal(info.schema.fields, [
    { name: 'PktGroupId', inType: 10, outType: 10 },
    { name: 'DirTag', inType: 6, outType: 6, map: 'PacketDirectionTag' },
    { name: 'LoggedPayloadSize', inType: 6, outType: 6 },
    { name: 'Payload', inType: 14, outType: 15, length: 'LoggedPayloadSize' },
    {
      name: 'Pairs',
      inType: 0,
      members: [
        { name: 'K', inType: 4 },
        { name: 'V', inType: 8, outType: 23 },
      ],
      count: 'LoggedPayloadSize',
      array: true,
    },
  ]);
});

test('EVENT_MAP_INFO → named value map (trailing spaces trimmed) and bit maps', () => {
  const m = parseEventMapInfo(eventMapInfo('PacketDirectionTag', 1, [[3, 'Rx'], [4, 'Tx']]));
  assert.is(m.providerGuid, PROVIDER);
  assert.is(m.name, 'PacketDirectionTag');
  assert.equal(m.map, { bitmap: false, entries: [[3, 'Rx'], [4, 'Tx']] });
  assert.is(parseEventMapInfo(eventMapInfo('Flags', 2, [[1, 'A']])).map.bitmap, true);
});

function metaRecord(opcode: number, payload: Uint8Array) {
  return rawEvent({ providerGuid: EVENT_METADATA_GUID, headerKind: 'full', opcode, id: opcode, payload });
}

test('EventDecoder: embedded schema decodes the event and beats the bundled table', () => {
  const dec = new EventDecoder('relog.etl');
  const m1 = dec.decode(metaRecord(32, packetInfo()));
  assert.is(m1.decodedBy, 'embedded');
  assert.is(m1.eventName, 'EventInfo');
  assert.is(m1.fields.EventId, 160);
  const m2 = dec.decode(metaRecord(33, eventMapInfo('PacketDirectionTag', 1, [[3, 'Rx']])));
  assert.is(m2.eventName, 'EventMapInfo');
  assert.is(m2.fields.MapName, 'PacketDirectionTag');
  const payload = new Bytes().u64(7n).u16(3).u16(2).u8(0xaa, 0xbb).u8(1).u8(10, 0, 0, 1).u8(2).u8(10, 0, 0, 2).bytes();
  const ev = dec.decode(rawEvent({ providerGuid: PROVIDER, id: 160, payload }));
  assert.is(ev.decodedBy, 'embedded');
  assert.is(ev.provider, 'Microsoft-Windows-PktMon');
  assert.is(ev.payload, undefined);
  assert.equal(ev.fields, {
    PktGroupId: 7n,
    DirTag: 3,
    LoggedPayloadSize: 2,
    Payload: new Uint8Array([0xaa, 0xbb]),
    Pairs: [
      { K: 1, V: '10.0.0.1' },
      { K: 2, V: '10.0.0.2' },
    ],
  });
  // The embedded field list differs from the bundled one, so the embedded template is used.
  assert.is(ev.message, 'Direction 3(Rx), Size 2');
});

test('without metadata the same event falls back to the bundled table (or hex)', () => {
  const dec = new EventDecoder('x.etl');
  const payload = new Bytes().u64(7n).u16(3).u16(2).bytes();
  const ev = dec.decode(rawEvent({ providerGuid: PROVIDER, id: 160, payload }));
  assert.is(ev.decodedBy, 'none');
  assert.equal(ev.payload, payload);
});

test('prepare() registers metadata from a filtered pass; malformed blobs are counted, never thrown', () => {
  const dec = new EventDecoder('x.etl');
  const n = dec.prepare([metaRecord(32, packetInfo()), metaRecord(32, new Uint8Array(10)), metaRecord(33, new Uint8Array(3))]);
  assert.is(n, 1);
  assert.is(dec.providerName(PROVIDER), 'Microsoft-Windows-PktMon');
  const bad = dec.decode(metaRecord(32, new Uint8Array(40)));
  assert.is(bad.decodedBy, 'none');
  assert.equal(bad.payload, new Uint8Array(40));
});

test.run();
