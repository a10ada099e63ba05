// Payload encoders: byte layouts written out by hand from the manifest templates, and (when the shared reference
// is present) the generator's event table checked field by field against the derived manifest tables.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodePayload, schemaOf } from '../../samples/generator/payload.js';
import { EVENT_SCHEMAS } from '../../samples/generator/manifest-events.js';
import { sockaddrIn } from '../../samples/generator/scenarios/flows.js';
import { hasShared, sharedDir } from '../helpers/paths.js';
import { sharedTest } from '../helpers/when.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('WebIO 728 v1 inserts CipherConfig before the credential handles', () => {
  const v = { Connection: 0x10n, EnabledProtocols: 0xa80, SSLClientCert: 0n, EnableRevertToSelfClientCertificate: 1, CipherConfig: 7, CredHandleHigh: 0x20n, CredHandleLow: 0x30n, Result: 0 };
  const b = encodePayload(schemaOf('Microsoft-Windows-WebIO', 728, 1), v);
  assert.is(
    hex(b),
    '1000000000000000' + '800a0000' + '0000000000000000' + '0100' + '07000000' + '2000000000000000' + '3000000000000000' + '00000000',
  );
});

test('UnicodeString is NUL-terminated UTF-16LE; AnsiString NUL-terminated', () => {
  const b = encodePayload(schemaOf('Microsoft-Windows-WinHttp', 11, 0), { ApiHandle: 1n, Api: 'Ab', Result: 12175 });
  assert.is(hex(b), '0100000000000000' + '416200' + '8f2f0000');
  const w = encodePayload(schemaOf('Microsoft-Windows-WinRM', 142, 0), { operationName: 'Cr', errorCode: 5 });
  assert.is(hex(w), '430072000000' + '05000000');
});

test('counted strings carry their character count and no NUL; Binary its byte count', () => {
  const b = encodePayload(schemaOf('Microsoft-Windows-WinHttp', 811, 1), { ConfigurationURL: 'http://w/p', Error: 12167 });
  assert.is(hex(b), '0a00' + Buffer.from('http://w/p', 'utf16le').toString('hex') + '872f0000');
  const a = encodePayload(schemaOf('Microsoft-Windows-WinHttp', 811, 0), { ConfigurationURL: 'http://w/p', Error: 12167 });
  assert.is(hex(a), '0a00' + Buffer.from('http://w/p').toString('hex') + '872f0000');
  const n = encodePayload(schemaOf('Microsoft-Windows-NDIS-PacketCapture', 1001, 0), {
    MiniportIfIndex: 12,
    LowerIfIndex: 12,
    Fragment: Uint8Array.of(0xde, 0xad),
    GftFlowEntryId: 0n,
    GftOffloadInformation: 0n,
  });
  assert.is(hex(n), '0c000000' + '0c000000' + '02000000' + 'dead' + '00'.repeat(16));
  const old = encodePayload(schemaOf('Microsoft-Windows-NDIS-PacketCapture', 1001, 0), { MiniportIfIndex: 1, LowerIfIndex: 1, Fragment: Uint8Array.of(9) }, 8, 'Fragment');
  assert.is(hex(old), '01000000' + '01000000' + '01000000' + '09', 'pre-Windows 10 template ends at Fragment');
});

test('TCPIP SOCKADDR_IN: family LE, port big-endian, address, zero padding', () => {
  assert.is(hex(sockaddrIn('52.97.146.210', 443)), '0200' + '01bb' + '346192d2' + '00'.repeat(8));
  const b = encodePayload(schemaOf('Microsoft-Windows-TCPIP', 1033, 1), {
    LocalAddress: sockaddrIn('10.0.0.1', 50000),
    RemoteAddress: sockaddrIn('10.0.0.2', 443),
    Status: 0,
    ProcessId: 6240,
    Compartment: 1,
    Tcb: 0xffff000011112222n,
    ProcessStartKey: 9n,
  });
  assert.is(b.length, 4 + 16 + 4 + 16 + 4 + 4 + 4 + 8 + 8);
  assert.is(Buffer.from(b).readUInt32LE(0), 16, 'LocalAddressLength');
  assert.is(Buffer.from(b).readUInt32LE(44), 6240, 'ProcessId');
});

test('unknown or missing fields are refused', () => {
  assert.throws(() => encodePayload(schemaOf('Microsoft-Windows-WinRM', 142, 0), { operationName: 'x' }));
  assert.throws(() => encodePayload(schemaOf('Microsoft-Windows-WinRM', 142, 0), { operationName: 'x', errorCode: 1, extra: 2 }));
  assert.throws(() => schemaOf('Microsoft-Windows-WinRM', 99999, 0));
});

sharedTest('event table matches the derived manifest field lists (shared reference)', () => {
  const dir = join(sharedDir, 'reference', 'manifests', 'derived');
  const rows = new Map<string, string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.events+messages.tsv'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const c = line.split('\t');
      if (c.length > 4 && /^\d+$/.test(c[1]!)) rows.set(`${c[0]}/${c[1]}/${c[2]}`, c[3]!);
    }
  }
  for (const s of EVENT_SCHEMAS) {
    const sig = rows.get(`${s.provider}/${s.id}/${s.version}`);
    assert.ok(sig, `${s.provider} ${s.id} v${s.version} is in the derived tables`);
    const fields = /\((.*)\)$/.exec(sig!)![1]!.split(',').map((x) => x.trim()).filter(Boolean).map((x) => x.split(' '));
    assert.equal(
      s.fields.map((f) => [f.type, f.name]),
      fields,
      `${s.provider} ${s.id} v${s.version} fields`,
    );
  }
});

test.run();
