// Golden netsh-style messages from the bundled tables, with payloads laid out per the manifest templates;
// version selection; rendering helpers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  EventDecoder,
  formatFieldValue,
  renderMessage,
  InType,
  type TraceEvent,
} from '../../src/decode/index.js';
import { Bytes, rawEvent, sockaddr4 } from './build.js';

const WEBIO = '50b3e73c-9370-461d-bb9f-26f32d68887d';
const TCPIP = '2f07e2ee-15db-40f1-90ef-9d7ba282188a';
const DNS = '1c95126e-7eea-49a9-a3fe-a378b03ddb4d';
const WINHTTP = '7d44233d-3055-4b9c-ba64-0d47ca40a232';
const NDIS = '2ed6006e-4729-4609-b423-3ee7bcd678ef';

function decode(providerGuid: string, id: number, version: number, payload: Uint8Array, pointerSize: 4 | 8 = 8): TraceEvent {
  return new EventDecoder('t.etl').decode(rawEvent({ providerGuid, id, version, payload, pointerSize }));
}

/** WebIO SSLAcquireCredentialsHandle payload; v1 adds CipherConfig after EnableRevertToSelfClientCertificate. */
function acquire(v: 0 | 1, o: { conn: bigint; protocols: number; result: number; cipher?: number; ptr?: 4 | 8 }): Uint8Array {
  const b = new Bytes();
  const ptr = (x: bigint) => (o.ptr === 4 ? b.u32(Number(x)) : b.u64(x));
  ptr(o.conn);
  b.u32(o.protocols);
  ptr(0n);
  b.u16(0);
  if (v === 1) b.u32(o.cipher ?? 0);
  b.u64(0x1234n).u64(0x5678n).u32(o.result);
  return b.bytes();
}

test('WebIO 728 v0: EnabledProtocols in decimal like netsh', () => {
  const ev = decode(WEBIO, 728, 0, acquire(0, { conn: 0xffffc50f12345678n, protocols: 0xa80, result: 0 }));
  assert.is(ev.decodedBy, 'bundled');
  assert.is(ev.provider, 'Microsoft-Windows-WebIO');
  assert.is(ev.eventName, 'SSLAcquireCredentialsHandleStart');
  assert.is(ev.fields.EnabledProtocols, 2688);
  assert.is(ev.fields.Connection, '0xFFFFC50F12345678');
  assert.is(
    ev.message,
    '0xFFFFC50F12345678: SSL AcquireCredentialsHandle - (EnabledProtocols 2688) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)',
  );
});

test('WebIO 728 v1 adds CipherConfig; 32-bit pointers from a 32-bit header', () => {
  const ev = decode(WEBIO, 728, 1, acquire(1, { conn: 0x2a3f1b0n, protocols: 160, result: 0, cipher: 3, ptr: 4 }), 4);
  assert.is(ev.fields.CipherConfig, 3);
  assert.is(
    ev.message,
    '0x2A3F1B0: SSL AcquireCredentialsHandle - (EnabledProtocols 160) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0) (CipherConfig 3)',
  );
});

test('WebIO 729 v0 (EnabledProtocols has a bitmap) still shows the decimal mask', () => {
  const ev = decode(WEBIO, 729, 0, acquire(0, { conn: 0x10n, protocols: 0xa80, result: 0 }));
  assert.is(ev.fields.EnabledProtocols, 2688);
  assert.is(
    ev.message,
    '0x10: SSL AcquireCredentialsHandle returned - (0) Credential Handle(4660:22136) (EnabledProtocols 2688) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)',
  );
});

test('WebIO 730 v0 and v1: failure with the result code', () => {
  const v0 = decode(WEBIO, 730, 0, acquire(0, { conn: 0x10n, protocols: 0xa0, result: 0x8009030e }));
  assert.is(
    v0.message,
    '0x10: SSL AcquireCredentialsHandle failed - (2148074254) (EnabledProtocols 160) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)',
  );
  const v1 = decode(WEBIO, 730, 1, acquire(1, { conn: 0x10n, protocols: 0x2800, result: 5, cipher: 0 }));
  assert.is(
    v1.message,
    '0x10: SSL AcquireCredentialsHandle failed - (5) (EnabledProtocols 10240) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0) (CipherConfig 0)',
  );
});

test('TCPIP 1033: SOCKADDR endpoints as ip:port', () => {
  const local = sockaddr4([192, 168, 5, 68], 55330);
  const remote = sockaddr4([52, 96, 165, 18], 443);
  const p = new Bytes()
    .u32(local.length).raw(local)
    .u32(remote.length).raw(remote)
    .u32(0).u32(4321).u32(1)
    .u64(0xffffe189bd811aa0n)
    .bytes();
  const ev = decode(TCPIP, 1033, 0, p);
  assert.is(ev.decodedBy, 'bundled');
  assert.is(ev.fields.LocalAddress, '192.168.5.68:55330');
  assert.is(ev.fields.RemoteAddress, '52.96.165.18:443');
  assert.is(
    ev.message,
    'TCP: connection 0xFFFFE189BD811AA0 (local=192.168.5.68:55330 remote=52.96.165.18:443) connect completed. PID = 4321.',
  );
});

test('DNS-Client 3008: query completed', () => {
  const p = new Bytes().utf16z('outlook.office365.com').u32(1).u64(0x6000n).u32(9003).utf16z('').bytes();
  const ev = decode(DNS, 3008, 0, p);
  assert.is(ev.fields.QueryStatus, 9003);
  assert.is(
    ev.message,
    'DNS query is completed for the name outlook.office365.com, type 1, query options 24576 with status 9003 Results',
  );
});

test('WinHttp 12: API pending', () => {
  const p = new Bytes().u64(0x1a2b3cn).utf8z('WinHttpSendRequest').bytes();
  const ev = decode(WINHTTP, 12, 0, p);
  assert.is(ev.fields.ApiHandle, 0x1a2b3cn);
  assert.is(ev.message, 'WinHttpSendRequest(1715004) API pending completion.');
});

test('unknown version: nearest lower version only when it reads the payload exactly', () => {
  const exact = decode(WEBIO, 728, 7, acquire(1, { conn: 0x10n, protocols: 0x800, result: 0 }));
  assert.is(exact.decodedBy, 'bundled');
  assert.is(exact.fields.CipherConfig, 0, 'v1 layout');
  const longer = decode(WEBIO, 728, 7, new Bytes().raw(acquire(1, { conn: 0x10n, protocols: 0x800, result: 0 })).u32(9).bytes());
  assert.is(longer.decodedBy, 'none');
  assert.ok(longer.payload instanceof Uint8Array);
  assert.equal(longer.fields, {});
});

test('known version with extra bytes keeps the fields and the payload', () => {
  const p = new Bytes().raw(acquire(0, { conn: 0x10n, protocols: 0x800, result: 0 })).u8(1, 2).bytes();
  const ev = decode(WEBIO, 728, 0, p);
  assert.is(ev.decodedBy, 'bundled');
  assert.is(ev.fields.EnabledProtocols, 2048);
  assert.equal(ev.payload, p);
});

test('NDIS 1001 v0: the Windows 7 template (no Gft fields) is tried when the newer one does not fit', () => {
  const frame = [1, 2, 3, 4, 5];
  const win7 = new Bytes().u32(8).u32(9).u32(frame.length).raw(frame).bytes();
  const ev = decode(NDIS, 1001, 0, win7);
  assert.is(ev.decodedBy, 'bundled');
  assert.is(ev.payload, undefined);
  assert.equal(ev.fields, { MiniportIfIndex: 8, LowerIfIndex: 9, FragmentSize: 5, Fragment: new Uint8Array(frame) });
  const win10 = new Bytes().raw(win7).u64(0n).u64(0n).bytes();
  assert.is(decode(NDIS, 1001, 0, win10).fields.GftFlowEntryId, 0n);
});

test('renderMessage: %n newline, %% and friends, !printf! specs, hex types, maps, missing inserts', () => {
  const schema = {
    fields: [
      { name: 'A', inType: InType.UInt32 },
      { name: 'B', inType: InType.HexInt32 },
      { name: 'C', inType: InType.UInt32, map: 'm' },
      { name: 'D', inType: InType.UInt32, map: 'bits' },
      { name: 'E', inType: InType.Binary },
    ],
  };
  const maps = new Map([
    ['m', { bitmap: false, entries: [[9, 'Inspection drop']] as Array<[number, string]> }],
    ['bits', { bitmap: true, entries: [[1, 'READ'], [4, 'WRITE']] as Array<[number, string]> }],
  ]);
  const fields = { A: 255, B: 0xa80, C: 9, D: 5, E: new Uint8Array([0xab, 1]) };
  assert.is(
    renderMessage('a=%1!08x! b=%2 c=%3 d=%4 e=%5%n100%% %7%tx%0ignored', schema, fields, maps),
    'a=000000ff b=0x00000A80 c=9(Inspection drop) d=5(READ|WRITE) e=0xAB01\n100% %7\tx',
  );
  assert.is(renderMessage('%1!d! %1!X! %1!5d!|', schema, { A: 42 }), '42 2A    42|');
});

test('formatFieldValue: bigint decimal, bytes hex, objects JSON', () => {
  assert.is(formatFieldValue(18446744073709551614n), '18446744073709551614');
  assert.is(formatFieldValue(new Uint8Array([0x0a, 0xff])), '0aff');
  assert.is(formatFieldValue({ a: 1n, b: [new Uint8Array([1]), 'x', null, true] }), '{"a":1,"b":["01","x",null,true]}');
  assert.is(formatFieldValue(null), '');
  assert.is(formatFieldValue(false), 'false');
});

test.run();
