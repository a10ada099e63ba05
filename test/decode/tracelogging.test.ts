// TraceLogging metadata (ext 0x0B) → schema → fields, for every in-type of the TraceLoggingDynamic.h table,
// arrays, nested structs and custom types; provider name from ext 0x0C.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventDecoder, traceLoggingProviderName, traceLoggingSchema } from '../../src/decode/index.js';
import { Bytes, rawEvent, tlMetadata, type TlField } from './build.js';

function traits(name: string): Uint8Array {
  const b = new Bytes().utf8z(name).bytes();
  return new Bytes().u16(b.length + 2).raw(b).bytes();
}

const GUID = 'a9e7c7a1-0000-4000-8000-000000000001';

function decodeTl(fields: TlField[], payload: Uint8Array, pointerSize: 4 | 8 = 8) {
  const dec = new EventDecoder('test.etl');
  const raw = rawEvent({
    providerGuid: GUID,
    payload,
    pointerSize,
    flags: 1,
    ext: [
      { type: 0x0c, data: traits('Contoso.Test') },
      { type: 0x0b, data: tlMetadata('Ev', fields) },
    ],
  });
  const ev = dec.decode(raw);
  assert.is(ev.decodedBy, 'tracelogging');
  assert.is(ev.payload, undefined, 'payload consumed exactly');
  assert.is(ev.provider, 'Contoso.Test');
  assert.is(ev.eventName, 'Ev');
  return ev.fields;
}

test('every scalar in-type', () => {
  const fields: TlField[] = [
    { name: 'u16s', inType: 1 },
    { name: 'ansi', inType: 2 },
    { name: 'i8', inType: 3 },
    { name: 'u8', inType: 4 },
    { name: 'i16', inType: 5 },
    { name: 'u16', inType: 6 },
    { name: 'i32', inType: 7 },
    { name: 'u32', inType: 8 },
    { name: 'i64', inType: 9 },
    { name: 'u64', inType: 10 },
    { name: 'f32', inType: 11 },
    { name: 'f64', inType: 12 },
    { name: 'b32', inType: 13 },
    { name: 'bin', inType: 14 },
    { name: 'guid', inType: 15 },
    { name: 'ptr', inType: 16 },
    { name: 'ft', inType: 17 },
    { name: 'st', inType: 18 },
    { name: 'sid', inType: 19 },
    { name: 'hex32', inType: 20 },
    { name: 'hex64', inType: 21 },
    { name: 'cstr', inType: 22 },
    { name: 'castr', inType: 23 },
    { name: 'cbin', inType: 25 },
  ];
  const p = new Bytes()
    .utf16z('Hello')
    .utf8z('World!')
    .u8(0x80)
    .u8(200)
    .u16(0x8000)
    .u16(51)
    .u32(-102 >>> 0)
    .u32(102)
    .u64(-5n)
    .u64(204n)
    .f32(0.5)
    .f64(3.25)
    .u32(1)
    .u16(2).u8(0xde, 0xad)
    .guid('0ad614c4-0ef4-4225-8013-f44f37cb0397')
    .u64(0x7ff6_0000_1000n)
    .u64(132756731757990000n)
    .u16(2021).u16(9).u16(4).u16(9).u16(14).u16(59).u16(35).u16(799)
    .u8(1, 1, 0, 0, 0, 0, 0, 5).u32(18)
    .u32(0xa80)
    .u64(0xabcdefn)
    .u16(4).utf16('ok')
    .u16(3).raw(Buffer.from('abc'))
    .u16(1).u8(0xff)
    .bytes();
  const f = decodeTl(fields, p);
  assert.equal(f, {
    u16s: 'Hello',
    ansi: 'World!',
    i8: -128,
    u8: 200,
    i16: -32768,
    u16: 51,
    i32: -102,
    u32: 102,
    i64: -5n,
    u64: 204n,
    f32: 0.5,
    f64: 3.25,
    b32: true,
    bin: new Uint8Array([0xde, 0xad]),
    guid: '0ad614c4-0ef4-4225-8013-f44f37cb0397',
    ptr: '0x7FF600001000',
    ft: '2021-09-09T14:59:35.7990000Z',
    st: '2021-09-09T14:59:35.799Z',
    sid: 'S-1-5-18',
    hex32: 0xa80,
    hex64: 0xabcdefn,
    cstr: 'ok',
    castr: 'abc',
    cbin: new Uint8Array([0xff]),
  });
});

test('pointer in-type follows the 32-bit header kind', () => {
  const f = decodeTl([{ name: 'p', inType: 16 }], new Bytes().u32(0x1000).bytes(), 4);
  assert.is(f.p, '0x1000');
});

test('out-types: bool, char, hex, IPv4, port, FILETIME on a UINT64', () => {
  const f = decodeTl(
    [
      { name: 'flag', inType: 4, outType: 3 },
      { name: 'ch', inType: 4, outType: 2 },
      { name: 'ip', inType: 8, outType: 8 },
      { name: 'port', inType: 6, outType: 7 },
      { name: 'when', inType: 10, outType: 16 },
      { name: 'code', inType: 8, outType: 4 },
    ],
    new Bytes().u8(1).u8(0x4d).u8(10, 1, 2, 3).u16be(443).u64(132756731757990000n).u32(5).bytes(),
  );
  assert.equal(f, { flag: true, ch: 'M', ip: '10.1.2.3', port: 443, when: '2021-09-09T14:59:35.7990000Z', code: 5 });
});

test('constant and variable arrays; UINT16 array with out-type STRING reads as text', () => {
  const f = decodeTl(
    [
      { name: 'three', inType: 8, mode: 0x20, count: 3 },
      { name: 'var', inType: 6, mode: 0x40 },
      { name: 'strs', inType: 2, mode: 0x40 },
      { name: 'Raw Script', inType: 6, outType: 2, mode: 0x40 },
    ],
    new Bytes().u32(1).u32(2).u32(3).u16(2).u16(7).u16(8).u16(2).utf8z('a').utf8z('b').u16(4).utf16('Run(').bytes(),
  );
  assert.equal(f, { three: [1, 2, 3], var: [7, 8], strs: ['a', 'b'], 'Raw Script': 'Run(' });
});

test('nested structs and struct arrays', () => {
  const f = decodeTl(
    [
      { name: 'a', inType: 24, outType: 2 },
      { name: 'b', inType: 1 },
      { name: 'inner', inType: 24, outType: 1 },
      { name: 'c', inType: 4 },
      { name: 'pairs', inType: 24, outType: 2, mode: 0x40 },
      { name: 'k', inType: 4 },
      { name: 'v', inType: 4 },
      { name: 'after', inType: 4 },
    ],
    new Bytes().utf16z('Hello').u8(7).u16(2).u8(1, 2).u8(3, 4).u8(9).bytes(),
  );
  assert.equal(f, {
    a: { b: 'Hello', inner: { c: 7 } },
    pairs: [
      { k: 1, v: 2 },
      { k: 3, v: 4 },
    ],
    after: 9,
  });
});

test('custom type: u16 byte count + opaque bytes', () => {
  const f = decodeTl([{ name: 'bond', inType: 14, mode: 0x60, schema: [1, 2, 3] }], new Bytes().u16(2).u8(5, 6).bytes());
  assert.equal(f, { bond: new Uint8Array([5, 6]) });
});

test('a payload that does not fit its metadata is kept as hex', () => {
  const dec = new EventDecoder('t.etl');
  const ev = dec.decode(
    rawEvent({
      providerGuid: GUID,
      payload: new Uint8Array([1, 2]),
      ext: [{ type: 0x0b, data: tlMetadata('Ev', [{ name: 'x', inType: 8 }]) }],
    }),
  );
  assert.is(ev.decodedBy, 'none');
  assert.equal(ev.payload, new Uint8Array([1, 2]));
});

test('malformed metadata does not throw', () => {
  const dec = new EventDecoder('t.etl');
  const ev = dec.decode(rawEvent({ providerGuid: GUID, payload: new Uint8Array([1]), ext: [{ type: 0x0b, data: new Uint8Array([0xff, 0x7f, 1]) }] }));
  assert.is(ev.decodedBy, 'none');
  assert.throws(() => traceLoggingSchema(new Uint8Array([0xff, 0x7f, 1])));
});

test('provider traits name', () => {
  assert.is(traceLoggingProviderName(new Bytes().u16(11).utf8z('MySource').bytes()), 'MySource');
});

test.run();
