// decodeWithSchema: one byte vector per in-type and per schema feature.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeWithSchema, InType, OutType, type EventSchema, type FieldSchema } from '../../src/decode/index.js';
import { Bytes, sockaddr4, sockaddr6 } from './build.js';

function one(field: FieldSchema, bytes: Bytes, pointerSize: 4 | 8 = 8) {
  const payload = bytes.bytes();
  const res = decodeWithSchema(payload, { fields: [field] }, pointerSize);
  assert.is(res.error, undefined, `no error for ${field.name}`);
  assert.is(res.consumed, payload.length, `consumed all of ${field.name}`);
  return res.fields[field.name];
}

test('integers: ≤ 32 bits are numbers, 64 bits are bigints', () => {
  assert.is(one({ name: 'a', inType: InType.Int8 }, new Bytes().u8(0xfe)), -2);
  assert.is(one({ name: 'a', inType: InType.UInt8 }, new Bytes().u8(0xfe)), 254);
  assert.is(one({ name: 'a', inType: InType.Int16 }, new Bytes().u16(0xfffe)), -2);
  assert.is(one({ name: 'a', inType: InType.UInt16 }, new Bytes().u16(0xfffe)), 65534);
  assert.is(one({ name: 'a', inType: InType.Int32 }, new Bytes().u32(0xfffffffe)), -2);
  assert.is(one({ name: 'a', inType: InType.UInt32 }, new Bytes().u32(0xfffffffe)), 4294967294);
  assert.is(one({ name: 'a', inType: InType.Int64 }, new Bytes().u64(-2n)), -2n);
  assert.is(one({ name: 'a', inType: InType.UInt64 }, new Bytes().u64(-2n)), 18446744073709551614n);
  assert.is(one({ name: 'a', inType: InType.HexInt32 }, new Bytes().u32(0xa80)), 0xa80);
  assert.is(one({ name: 'a', inType: InType.HexInt64 }, new Bytes().u64(0x1234n)), 0x1234n);
});

test('floats, booleans, chars', () => {
  assert.is(one({ name: 'a', inType: InType.Float }, new Bytes().f32(1.5)), 1.5);
  assert.is(one({ name: 'a', inType: InType.Double }, new Bytes().f64(-2.25)), -2.25);
  assert.is(one({ name: 'a', inType: InType.Boolean }, new Bytes().u32(1)), true);
  assert.is(one({ name: 'a', inType: InType.Boolean }, new Bytes().u32(0)), false);
  assert.is(one({ name: 'a', inType: InType.UInt8, outType: OutType.Boolean }, new Bytes().u8(1)), true);
  assert.is(one({ name: 'a', inType: InType.UInt8, outType: OutType.String }, new Bytes().u8(0x4d)), 'M');
  assert.is(one({ name: 'a', inType: InType.UnicodeChar }, new Bytes().u16(0x263a)), '☺');
  assert.is(one({ name: 'a', inType: InType.AnsiChar }, new Bytes().u8(0x41)), 'A');
});

test('pointers and SizeT follow the pointer size; text 0x + upper-case hex', () => {
  assert.is(one({ name: 'p', inType: InType.Pointer }, new Bytes().u64(0xffffe189bd811aa0n)), '0xFFFFE189BD811AA0');
  assert.is(one({ name: 'p', inType: InType.Pointer }, new Bytes().u32(0x2a3f1b0), 4), '0x2A3F1B0');
  assert.is(one({ name: 'p', inType: InType.SizeT }, new Bytes().u64(0n)), '0x0');
});

test('GUID, FILETIME, SYSTEMTIME, SID', () => {
  assert.is(
    one({ name: 'g', inType: InType.Guid }, new Bytes().guid('50b3e73c-9370-461d-bb9f-26f32d68887d')),
    '50b3e73c-9370-461d-bb9f-26f32d68887d',
  );
  // 2021-09-09T14:59:35.7990000Z
  assert.is(one({ name: 't', inType: InType.FileTime }, new Bytes().u64(132756731757990000n)), '2021-09-09T14:59:35.7990000Z');
  const st = new Bytes().u16(2021).u16(9).u16(4).u16(9).u16(14).u16(59).u16(35).u16(799);
  assert.is(one({ name: 't', inType: InType.SystemTime }, st), '2021-09-09T14:59:35.799Z');
  const sid = new Bytes().u8(1, 2, 0, 0, 0, 0, 0, 5).u32(32).u32(544);
  assert.is(one({ name: 's', inType: InType.Sid }, sid), 'S-1-5-32-544');
  // Kernel TOKEN_USER + SID (two pointers first), and the 4-byte "no SID" form.
  const wbem = new Bytes().u64(0xffff1234n).u64(0n).u8(1, 1, 0, 0, 0, 0, 0, 5).u32(18);
  assert.is(one({ name: 's', inType: InType.WbemSid }, wbem), 'S-1-5-18');
  assert.is(one({ name: 's', inType: InType.WbemSid }, new Bytes().u32(0)), null);
});

test('strings: NUL-terminated, counted by a field (NUL stripped), counted in the payload', () => {
  assert.is(one({ name: 's', inType: InType.UnicodeString }, new Bytes().utf16z('héllo')), 'héllo');
  assert.is(one({ name: 's', inType: InType.AnsiString }, new Bytes().utf8z('GET')), 'GET');
  assert.is(one({ name: 's', inType: InType.AnsiString }, new Bytes().raw([0xe9, 0x41, 0])), 'éA', 'Latin-1 fallback');
  assert.is(one({ name: 's', inType: InType.CountedString }, new Bytes().u16(6).utf16('abc')), 'abc');
  assert.is(one({ name: 's', inType: InType.TdhCountedString }, new Bytes().u16(6).utf16('abc')), 'abc');
  assert.is(one({ name: 's', inType: InType.ReversedCountedString }, new Bytes().u16be(4).utf16('ab')), 'ab');
  assert.is(one({ name: 's', inType: InType.CountedAnsiString }, new Bytes().u16(3).raw([0x61, 0x62, 0])), 'ab');
  assert.is(one({ name: 's', inType: InType.NonNullTerminatedString }, new Bytes().utf16('tail')), 'tail');

  const schema: EventSchema = {
    fields: [
      { name: '_URLLength', inType: InType.UInt16 },
      { name: 'URL', inType: InType.AnsiString, length: '_URLLength' },
      { name: 'NameLength', inType: InType.UInt32 },
      { name: 'Name', inType: InType.UnicodeString, length: 'NameLength' },
      { name: 'Fixed', inType: InType.UnicodeString, length: 2 },
    ],
  };
  const p = new Bytes().u16(5).raw(Buffer.from('http\0')).u32(3).utf16('ab').u16(0).utf16('xy').bytes();
  const res = decodeWithSchema(p, schema, 8);
  assert.is(res.error, undefined);
  assert.is(res.consumed, p.length);
  assert.equal(res.fields, { _URLLength: 5, URL: 'http', NameLength: 3, Name: 'ab', Fixed: 'xy' });
});

test('binary by length field; SOCKADDR blobs become ip:port; IPv4/IPv6 out-types', () => {
  const schema: EventSchema = {
    fields: [
      { name: 'LocalAddressLength', inType: InType.UInt32 },
      { name: 'LocalAddress', inType: InType.Binary, length: 'LocalAddressLength' },
      { name: 'RemoteAddressLength', inType: InType.UInt32 },
      { name: 'RemoteAddress', inType: InType.Binary, length: 'RemoteAddressLength' },
      { name: 'Size', inType: InType.UInt16 },
      { name: 'Data', inType: InType.Binary, length: 'Size' },
      { name: 'Peer', inType: InType.Binary, length: 16, outType: OutType.SocketAddress },
      { name: 'V6', inType: InType.Binary, length: 16, outType: OutType.Ipv6 },
      { name: 'V4', inType: InType.UInt32, outType: OutType.Ipv4 },
      { name: 'Port', inType: InType.UInt16, outType: OutType.Port },
    ],
  };
  const v6 = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  const local = sockaddr4([192, 168, 1, 2], 50123);
  const remote = sockaddr6([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x78, 0xba, 0x2d, 0xdc, 0x68, 0x74, 0xea, 0x90], 443);
  const p = new Bytes()
    .u32(local.length).raw(local)
    .u32(remote.length).raw(remote)
    .u16(3).u8(1, 2, 3)
    .raw(sockaddr4([52, 96, 1, 5], 443))
    .raw(v6)
    .u8(10, 0, 0, 1)
    .u16be(8080)
    .bytes();
  const res = decodeWithSchema(p, schema, 8);
  assert.is(res.error, undefined);
  assert.is(res.consumed, p.length);
  assert.is(res.fields.LocalAddress, '192.168.1.2:50123');
  assert.is(res.fields.RemoteAddress, '[fe80::78ba:2ddc:6874:ea90]:443');
  assert.equal(res.fields.Data, new Uint8Array([1, 2, 3]));
  assert.is(res.fields.Peer, '52.96.1.5:443');
  assert.is(res.fields.V6, '2001:db8::1');
  assert.is(res.fields.V4, '10.0.0.1');
  assert.is(res.fields.Port, 8080);
});

test('a field named like an address that is not a SOCKADDR stays bytes', () => {
  const v = one({ name: 'RemoteAddress', inType: InType.Binary, length: 4 }, new Bytes().u8(9, 9, 9, 9));
  assert.equal(v, new Uint8Array([9, 9, 9, 9]));
});

test('arrays: fixed count, count from a field, u16 count prefix, character arrays', () => {
  const schema: EventSchema = {
    fields: [
      { name: 'Fixed', inType: InType.UInt16, count: 3, array: true },
      { name: 'One', inType: InType.UInt8, count: 1, array: true },
      { name: 'N', inType: InType.UInt32 },
      { name: 'ByField', inType: InType.Int16, count: 'N' },
      { name: 'Prefixed', inType: InType.UnicodeString, countPrefix: true, array: true },
      { name: 'Chars', inType: InType.UInt16, outType: OutType.String, countPrefix: true, array: true },
    ],
  };
  const p = new Bytes()
    .u16(1).u16(2).u16(3)
    .u8(7)
    .u32(2).u16(0xffff).u16(5)
    .u16(2).utf16z('a').utf16z('bc')
    .u16(3).utf16('Hi!')
    .bytes();
  const res = decodeWithSchema(p, schema, 8);
  assert.is(res.error, undefined);
  assert.is(res.consumed, p.length);
  assert.equal(res.fields, { Fixed: [1, 2, 3], One: [7], N: 2, ByField: [-1, 5], Prefixed: ['a', 'bc'], Chars: 'Hi!' });
});

test('structs, nested and in arrays', () => {
  const schema: EventSchema = {
    fields: [
      {
        name: 'a',
        inType: 0,
        members: [
          { name: 'b', inType: InType.UnicodeString },
          { name: 'inner', inType: 0, members: [{ name: 'c', inType: InType.UInt8 }] },
        ],
      },
      { name: 'Count', inType: InType.UInt8 },
      {
        name: 'list',
        inType: 0,
        count: 'Count',
        members: [
          { name: 'len', inType: InType.UInt8 },
          { name: 'data', inType: InType.Binary, length: 'len' },
        ],
      },
    ],
  };
  const p = new Bytes().utf16z('x').u8(9).u8(2).u8(1).u8(0xaa).u8(2).u8(0xbb, 0xcc).bytes();
  const res = decodeWithSchema(p, schema, 8);
  assert.is(res.error, undefined);
  assert.is(res.consumed, p.length);
  assert.equal(res.fields, {
    a: { b: 'x', inner: { c: 9 } },
    Count: 2,
    list: [
      { len: 1, data: new Uint8Array([0xaa]) },
      { len: 2, data: new Uint8Array([0xbb, 0xcc]) },
    ],
  });
});

test('damage: overruns, odd UTF-16 tails and missing lengths stop with an error, never throw', () => {
  const s: EventSchema = { fields: [{ name: 'a', inType: InType.UInt32 }, { name: 'b', inType: InType.UInt64 }] };
  const r1 = decodeWithSchema(new Bytes().u32(5).u8(1, 2).bytes(), s, 8);
  assert.ok(r1.error?.includes('b'));
  assert.equal(r1.fields, { a: 5 });
  assert.is(r1.consumed, 4);
  const r2 = decodeWithSchema(new Bytes().utf16('abc').u8(1).bytes(), { fields: [{ name: 's', inType: InType.UnicodeString }] }, 8);
  assert.ok(r2.error?.includes('terminator'), 'odd byte count cannot be UTF-16');
  const r2b = decodeWithSchema(new Bytes().utf16('WSL').bytes(), { fields: [{ name: 's', inType: InType.UnicodeString }] }, 8);
  assert.equal(r2b, { fields: { s: 'WSL' }, consumed: 6 }, 'a final string without its NUL ends with the payload');
  const r3 = decodeWithSchema(new Uint8Array(4), { fields: [{ name: 'blob', inType: InType.Binary }] }, 8);
  assert.ok(r3.error?.includes('without a length'));
  const r4 = decodeWithSchema(new Bytes().u32(1000).bytes(), { fields: [{ name: 'n', inType: InType.UInt32 }, { name: 'x', inType: InType.UInt32, count: 'n' }] }, 8);
  assert.ok(r4.error?.includes('cannot fit'));
  const r5 = decodeWithSchema(new Uint8Array(2), { fields: [{ name: 'x', inType: 999 }] }, 8);
  assert.ok(r5.error?.includes('not supported'));
});

test('the bytes of a binary field are a copy, not a view of the payload', () => {
  const payload = new Bytes().u8(2, 7, 8).bytes();
  const res = decodeWithSchema(payload, { fields: [{ name: 'n', inType: InType.UInt8 }, { name: 'd', inType: InType.Binary, length: 'n' }] }, 8);
  payload[1] = 0;
  assert.equal(res.fields.d, new Uint8Array([7, 8]));
});

test('shareBytes: binary values are views of the payload (for payloads that are never overwritten)', () => {
  const payload = new Bytes().u8(2, 7, 8).bytes();
  const schema = { fields: [{ name: 'n', inType: InType.UInt8 }, { name: 'd', inType: InType.Binary, length: 'n' }] };
  const res = decodeWithSchema(payload, schema, 8, { shareBytes: true });
  assert.equal(res.fields.d, new Uint8Array([7, 8]));
  assert.is((res.fields.d as Uint8Array).constructor, Uint8Array);
  payload[1] = 0;
  assert.equal(res.fields.d, new Uint8Array([0, 8]));
});

test.run();
