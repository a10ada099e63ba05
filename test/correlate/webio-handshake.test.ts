// WebIO 704/705 handshake bytes attached to their connection: they fill what packets did not show, packets win.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TlsHandshakeBytes } from '../../src/providers/observations.js';
import { at, correlate, ev, flow, hello, run, webioAttempt, EXO, EXO_IP, TLS12, MODERN_SUITES, OLD_SUITES } from './fixtures.js';
import { clientHelloBody, handshake, record, u8 } from '../net/build.js';
import { english, englishText } from '../helpers/english.js';

const CONN = '0xc24a6f1000';
const PID = 3968;

function bytes(ms: number, direction: TlsHandshakeBytes['direction'], data: Uint8Array, conn = CONN): TlsHandshakeBytes {
  const id = direction === 'sent' ? 705 : 704;
  return {
    kind: 'tls_bytes',
    connection: conn,
    direction,
    data,
    time: at(ms),
    pid: PID,
    tid: PID + 4,
    ref: { time: at(ms), source: `Microsoft-Windows-WebIO/${id}`, text: `${conn}: InitializeSecurityContext Details (${id === 705 ? 'Post' : 'Pre'})` },
  };
}
const helloBytes = (version: number, ciphers: number[]) => record(22, 0x0301, handshake(1, clientHelloBody({ legacyVersion: version, ciphers, sni: EXO })));
const alertBytes = (description: number) => record(21, 0x0301, u8(2, description));

test('no packets: the 705 ClientHello fills the offered versions, suites and SNI, quoted as WebIO/705', () => {
  const r = correlate([...webioAttempt(PID, 0xa0, 0, CONN), bytes(40, 'sent', helloBytes(0x0301, OLD_SUITES)), ev.isc(90, PID, CONN, 0x80090304), ev.closed(95, PID, CONN, 3)]);
  assert.is(r.connections.length, 1);
  const c = r.connections[0]!;
  assert.equal(c.clientOfferedVersions, ['TLS 1.0']);
  assert.equal(c.clientOfferedVersionCodes, [0x0301]);
  assert.equal(c.clientCipherSuites, OLD_SUITES);
  assert.is(c.clientHelloSource, 'webio');
  assert.is(c.clientHelloTruncated, false);
  assert.is(c.serverName, EXO);
  assert.is(c.serverNameSource, 'sni');
  const ref = c.keyEvidence!.get('client_hello')!;
  assert.is(ref.source, 'Microsoft-Windows-WebIO/705');
  assert.match(englishText(ref.text), /^ClientHello .*offers TLS 1\.0/);
  assert.ok(c.evidence.some((e) => e === ref));
  assert.is(c.outcome, 'tls_failed');
});

test('with WebIO bytes WINHTTP_TLS12_NOT_OFFERED quotes the ClientHello and NO_PACKET_CAPTURE says where it came from', () => {
  const d = run([...webioAttempt(PID, 0xa0, 0, CONN, 3), bytes(40, 'sent', helloBytes(0x0301, OLD_SUITES)), ev.winhttpError(100, PID, 12175)], [], { packets: 0 });
  const f = english(d.findings.find((x) => x.code === 'WINHTTP_TLS12_NOT_OFFERED')!);
  assert.ok(f);
  assert.match(f.explanation, /WebIO logged the ClientHello .*offered TLS 1\.0/);
  assert.ok(f.evidence.some((e) => e.source === 'Microsoft-Windows-WebIO/705'));
  const gap = english(d.findings.find((x) => x.code === 'NO_PACKET_CAPTURE')!);
  assert.ok(gap, 'the gap stays');
  assert.match(gap.explanation, /read from WebIO's own logging/);
  assert.equal(gap.connections, [1]);
});

test('without WebIO bytes the gap keeps its plain text', () => {
  const d = run([...webioAttempt(PID, 0xa0, 0, CONN, 3), ev.winhttpError(100, PID, 12175)], [], { packets: 0 });
  const gap = english(d.findings.find((x) => x.code === 'NO_PACKET_CAPTURE')!);
  assert.match(gap.explanation, /cannot be shown/);
  assert.equal(gap.connections, []);
});

test('TLS 1.2 asked for, TLS 1.0 in the 705 bytes, protocol_version in the 704 bytes: SCHANNEL_TLS12_DISABLED', () => {
  const d = run(
    [...webioAttempt(PID, 0xa80, 0, CONN), bytes(40, 'sent', helloBytes(0x0301, OLD_SUITES)), bytes(80, 'received', alertBytes(70)), ev.isc(81, PID, CONN, 0x80090326)],
    [],
    { packets: 0, osBuild: 7601 },
  );
  const c = d.result.connections[0]!;
  assert.is(c.alert, 'fatal:protocol_version');
  assert.is(c.alertFrom, 'server');
  assert.is(c.keyEvidence!.get('alert')!.source, 'Microsoft-Windows-WebIO/704');
  assert.ok(d.findings.some((f) => f.code === 'SCHANNEL_TLS12_DISABLED'));
  assert.not.ok(d.findings.some((f) => f.code === 'WINHTTP_TLS12_NOT_OFFERED'));
});

test('TLS 1.2 with only RSA/CBC suites in the 705 bytes and handshake_failure in the 704 bytes: NO_SHARED_CIPHER_SUITE', () => {
  const d = run([...webioAttempt(PID, 0xa80, 0, CONN), bytes(40, 'sent', helloBytes(0x0303, OLD_SUITES)), bytes(80, 'received', alertBytes(40))], [], { packets: 0, osBuild: 9600 });
  assert.ok(d.findings.some((f) => f.code === 'NO_SHARED_CIPHER_SUITE'));
  assert.equal(d.result.connections[0]!.clientOfferedVersions, ['TLS 1.2']);
});

test('packets stay primary: a different WebIO ClientHello is noted in the evidence, not used', () => {
  const f = flow({ ms: 2, server: `${EXO_IP}:443`, clientHello: hello(TLS12, MODERN_SUITES, EXO), rstBy: 'server' });
  const r = correlate([...webioAttempt(PID, 0xa80, 0, CONN), bytes(40, 'sent', helloBytes(0x0301, OLD_SUITES))], [f]);
  const c = r.connections[0]!;
  assert.is(c.flow, f);
  assert.equal(c.clientOfferedVersions, ['TLS 1.2']);
  assert.equal(c.clientCipherSuites, MODERN_SUITES);
  assert.is(c.clientHelloSource, 'packets');
  assert.not.match(c.keyEvidence!.get('client_hello')!.source, /WebIO/);
  assert.ok(c.evidence.some((e) => e.source === 'Microsoft-Windows-WebIO/705' && /differs from the captured one/.test(englishText(e.text))));
});

test('a packet flow without the handshake (capture began late) takes the ClientHello from WebIO', () => {
  const f = flow({ ms: 2, server: `${EXO_IP}:443`, syn: false, synAck: false });
  const r = correlate([...webioAttempt(PID, 0xa0, 0, CONN), bytes(40, 'sent', helloBytes(0x0301, OLD_SUITES))], [f]);
  const c = r.connections[0]!;
  assert.is(c.flow, f);
  assert.equal(c.clientOfferedVersions, ['TLS 1.0']);
  assert.is(c.clientHelloSource, 'webio');
});

test('bytes on another connection pointer stay with that connection', () => {
  const r = correlate([...webioAttempt(PID, 0xa0, 0, CONN), ...webioAttempt(PID, 0xa80, 5, '0xBEEF'), bytes(40, 'sent', helloBytes(0x0303, MODERN_SUITES), '0xBEEF')]);
  const a = r.connections.find((c) => c.webioConnections.includes(CONN))!;
  const b = r.connections.find((c) => c.webioConnections.includes('0xBEEF'))!;
  assert.equal(a.clientOfferedVersions, []);
  assert.equal(b.clientOfferedVersions, ['TLS 1.2']);
});

test('a ClientHello cut short in the 705 bytes is marked truncated and does not count as a capture snap length', () => {
  const full = helloBytes(0x0303, MODERN_SUITES);
  const d = run([...webioAttempt(PID, 0xa80, 0, CONN), bytes(40, 'sent', full.subarray(0, 50))], [], { packets: 0 });
  const c = d.result.connections[0]!;
  assert.is(c.clientHelloTruncated, true);
  assert.equal(c.clientOfferedVersions, ['TLS 1.2']);
  assert.not.ok(d.findings.some((f) => f.code === 'CAPTURE_TRUNCATED'));
});

test.run();
