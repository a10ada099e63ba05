// Standalone TLS record bytes (WebIO 704/705 buffers) read with the packet path's record/handshake parser.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTlsRecordBytes, TlsRecordReader } from '../../src/net/index.js';
import { certificate, certificateBody, clientHelloBody, concat, handshake, record, serverHelloBody, u8 } from './build.js';

const TLS10 = 0x0301;
const TLS12 = 0x0303;
const OLD = [0x0035, 0x002f, 0x000a];
const helloRecord = (version = TLS10, ciphers = OLD, sni = 'outlook.office365.com') =>
  record(22, version, handshake(1, clientHelloBody({ legacyVersion: version, ciphers, sni })));

test('a whole ClientHello buffer (705 output token) gives versions, suites and SNI', () => {
  const f = parseTlsRecordBytes('client', helloRecord());
  const ch = f.clientHello!;
  assert.ok(ch);
  assert.is(ch.recordVersion, TLS10);
  assert.is(ch.legacyVersion, TLS10);
  assert.equal(ch.cipherSuites, OLD);
  assert.is(ch.serverName, 'outlook.office365.com');
  assert.is(ch.truncated, false);
  assert.is(f.client.truncated, false);
  assert.is(f.client.chunks, 1);
  assert.is(f.serverHello, undefined);
});

test('a ClientHello cut short is marked truncated and keeps only what was there', () => {
  const full = helloRecord(TLS12, [0xc030, 0xc02f, 0x009f, 0x0035]);
  // Header (5) + handshake header (4) + version (2) + random (32) + sid len (1) + suites length (2) + 2 suites.
  const cut = full.subarray(0, 5 + 4 + 2 + 32 + 1 + 2 + 4);
  const f = parseTlsRecordBytes('client', cut);
  assert.ok(f.clientHello);
  assert.is(f.clientHello!.truncated, true);
  assert.is(f.clientHello!.legacyVersion, TLS12);
  assert.is(f.clientHello!.serverName, undefined, 'SNI unknown, not guessed');
  assert.is(f.client.truncated, true);
});

test('fewer bytes than a record header say nothing and guess nothing', () => {
  const f = parseTlsRecordBytes('client', u8(22, 3));
  assert.is(f.clientHello, undefined);
  assert.equal(f.records, []);
});

test('server buffers (704 input): ServerHello, Certificate and an alert', () => {
  const flight = concat(
    record(22, TLS12, handshake(2, serverHelloBody(TLS12, 0xc030))),
    record(22, TLS12, handshake(11, certificateBody([certificate('outlook.com', 'DigiCert Cloud Services CA-1', ['outlook.office365.com'])]))),
  );
  const f = parseTlsRecordBytes('server', [flight, record(21, TLS12, u8(2, 40))]);
  assert.is(f.serverHello!.selectedVersion, TLS12);
  assert.is(f.serverHello!.cipherSuite, 0xc030);
  assert.is(f.certificates[0]!.subjectCN, 'outlook.com');
  assert.is(f.alerts.length, 1);
  assert.equal({ from: f.alerts[0]!.from, level: f.alerts[0]!.level, description: f.alerts[0]!.description }, { from: 'server', level: 2, description: 40 });
  assert.is(f.server.chunks, 2);
});

test('an input buffer given again with more bytes (SEC_E_INCOMPLETE_MESSAGE retry) is not read twice', () => {
  const sh = record(22, TLS12, handshake(2, serverHelloBody(TLS12, 0xc02f)));
  const alert = record(21, TLS12, u8(2, 70));
  const both = concat(sh, alert);
  // First call: the ServerHello and 3 bytes of the alert record; second call: the same bytes from the alert on, complete.
  const f = parseTlsRecordBytes('server', [both.subarray(0, sh.length + 3), alert]);
  assert.is(f.serverHello!.cipherSuite, 0xc02f);
  assert.is(f.alerts.length, 1, 'one alert, not two');
  assert.is(f.alerts[0]!.description, 70);
  assert.is(f.server.bytes, both.length, 'repeated bytes counted once');
  assert.is(f.server.truncated, false);
});

test('a record split across buffers that do not repeat is joined', () => {
  const rec = helloRecord();
  const f = parseTlsRecordBytes('client', [rec.subarray(0, 40), rec.subarray(40)]);
  assert.is(f.clientHello!.truncated, false);
  assert.equal(f.clientHello!.cipherSuites, OLD);
});

test('bytes that are not TLS are reported as such', () => {
  const f = parseTlsRecordBytes('server', new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\n\r\n'));
  assert.is(f.server.notTls, true);
  assert.is(f.serverHello, undefined);
});

test('both directions in one reader: milestones per buffer and buffer numbers on the records', () => {
  const r = new TlsRecordReader();
  const a = r.add('client', helloRecord(), 1n);
  const b = r.add('server', record(21, TLS10, u8(2, 70)), 2n);
  assert.equal(a.milestones, ['ClientHello']);
  assert.equal(b.milestones, ['Alert 2:70']);
  const f = r.finish(3n);
  assert.equal(f.records.map((n) => [n.packet, n.contentType]), [[1, 22], [2, 21]]);
  assert.is(f.alerts[0]!.time, 2n);
  assert.is(f.client.lastChunk, 1);
  assert.is(f.server.lastChunk, 2);
});

test.run();
