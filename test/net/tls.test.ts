import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NetworkAnalyzer, alertDescriptionName, cipherSuiteName, tlsVersionName } from '../../src/net/index.js';
import { flowRow } from '../../src/report/flows.js';
import {
  Conversation,
  certificate,
  certificateBody,
  clientHelloBody,
  concat,
  handshake,
  record,
  resetFrames,
  serverHelloBody,
  u8,
} from './build.js';

const TLS10 = 0x0301;
const TLS12 = 0x0303;
const TLS13 = 0x0304;
const CH = (body: Uint8Array, version = TLS10) => record(22, version, handshake(1, body));
const SH = (body: Uint8Array, version = TLS12) => record(22, version, handshake(2, body));

function run(packets: ReturnType<Conversation['packet']>[]) {
  const a = new NetworkAnalyzer();
  for (const p of packets) a.addPacket(p);
  const flows = a.flows();
  assert.is(flows.length, 1);
  return { flow: flows[0]!, analyzer: a };
}

test.before.each(() => resetFrames());

test('TLS 1.0-only ClientHello answered by a protocol_version alert', () => {
  const c = new Conversation();
  const { flow } = run([
    ...c.handshake(),
    c.packet('client', { ack: true, psh: true }, CH(clientHelloBody({ legacyVersion: TLS10, ciphers: [0x002f, 0x0035, 0x000a], sni: 'outlook.office365.com' }))),
    c.packet('server', { ack: true, psh: true }, record(21, TLS10, u8(2, 70))),
    c.packet('server', { ack: true, rst: true }, u8()),
  ]);
  const ch = flow.tls!.clientHello!;
  assert.is(ch.recordVersion, TLS10);
  assert.is(ch.legacyVersion, TLS10);
  assert.is(ch.supportedVersions, undefined);
  assert.equal(ch.cipherSuites, [0x002f, 0x0035, 0x000a]);
  assert.is(ch.serverName, 'outlook.office365.com');
  assert.is(ch.truncated, false);
  assert.equal(flow.tls!.alerts.map((x) => [x.from, x.level, x.description, x.encrypted]), [['server', 2, 70, false]]);
  const row = flowRow(flow);
  assert.is(row.alert, 'fatal:protocol_version');
  assert.equal(row.client_offered_versions, ['TLS 1.0']);
  assert.equal(row.client_ciphers, ['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA']);
  assert.is(row.rst_by, 'server');
  assert.is(row.syn, true);
  assert.is(row.established, false);
});

test('TLS 1.2: hellos, certificate, ChangeCipherSpec, application data → established', () => {
  const c = new Conversation();
  const cert = certificate('outlook.office365.com', 'DigiCert Cloud Services CA-1', ['outlook.office365.com', '*.outlook.com']);
  const { flow } = run([
    ...c.handshake(),
    c.packet('client', { ack: true, psh: true }, CH(clientHelloBody({ legacyVersion: TLS12, ciphers: [0xc030, 0xc02f], sni: 'outlook.office365.com', alpn: ['h2', 'http/1.1'], groups: [29, 23], sigalgs: [0x0804, 0x0401] }))),
    c.packet('server', { ack: true }, SH(serverHelloBody(TLS12, 0xc030))),
    c.packet('server', { ack: true, psh: true }, record(22, TLS12, handshake(11, certificateBody([cert])))),
    c.packet('client', { ack: true }, record(20, TLS12, u8(1))),
    c.packet('client', { ack: true }, record(22, TLS12, new Uint8Array(40))),
    c.packet('server', { ack: true }, record(20, TLS12, u8(1))),
    c.packet('client', { ack: true, psh: true }, record(23, TLS12, new Uint8Array(100))),
  ]);
  const t = flow.tls!;
  assert.equal(t.clientHello!.alpn, ['h2', 'http/1.1']);
  assert.equal(t.clientHello!.supportedGroups, [29, 23]);
  assert.equal(t.clientHello!.signatureAlgorithms, [0x0804, 0x0401]);
  assert.is(t.serverHello!.selectedVersion, TLS12);
  assert.is(t.serverHello!.cipherSuite, 0xc030);
  assert.is(t.clientChangeCipherSpec && t.serverChangeCipherSpec, true);
  assert.is(t.established, true);
  assert.equal(t.certificates, [
    {
      sanDns: ['outlook.office365.com', '*.outlook.com'],
      issuer: 'O=Example CA Org, CN=DigiCert Cloud Services CA-1',
      subjectCN: 'outlook.office365.com',
      notBefore: '2024-01-01T00:00:00Z',
      notAfter: '2099-12-31T23:59:59Z',
    },
  ]);
  assert.is(flowRow(flow).cipher, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
});

test('TLS 1.3: supported_versions chooses 1.3; established after application data from both sides', () => {
  const c = new Conversation();
  const packets = [
    ...c.handshake(),
    c.packet('client', { ack: true, psh: true }, CH(clientHelloBody({ legacyVersion: TLS12, ciphers: [0x1301, 0x1302, 0xc02f], versions: [0x3a3a, TLS13, TLS12], sni: 'login.microsoftonline.com' }))),
    c.packet('server', { ack: true }, concat(SH(serverHelloBody(TLS12, 0x1301, { selected: TLS13 })), record(20, TLS12, u8(1)), record(23, TLS12, new Uint8Array(300)))),
  ];
  const a = new NetworkAnalyzer();
  for (const p of packets) a.addPacket(p);
  assert.is(a.flows()[0]!.tls!.established, false, 'server flight alone is not established');
  a.addPacket(c.packet('client', { ack: true }, concat(record(20, TLS12, u8(1)), record(23, TLS12, new Uint8Array(53)))));
  const t = a.flows()[0]!.tls!;
  assert.equal(t.clientHello!.supportedVersions, [TLS13, TLS12], 'GREASE removed');
  assert.is(t.serverHello!.legacyVersion, TLS12);
  assert.is(t.serverHello!.selectedVersion, TLS13);
  assert.is(t.established, true);
  const row = flowRow(a.flows()[0]!);
  assert.equal(row.client_offered_versions, ['TLS 1.3', 'TLS 1.2']);
  assert.is(row.server_selected_version, 'TLS 1.3');
  assert.is(row.cipher, 'TLS_AES_128_GCM_SHA256');
});

test('HelloRetryRequest is recognised by its random and kept when the real ServerHello follows', () => {
  const c = new Conversation();
  const hello = clientHelloBody({ legacyVersion: TLS12, ciphers: [0x1301], versions: [TLS13], groups: [23] });
  const a = new NetworkAnalyzer();
  for (const p of [...c.handshake(), c.packet('client', { ack: true }, CH(hello)), c.packet('server', { ack: true }, SH(serverHelloBody(TLS12, 0x1301, { selected: TLS13, hrr: true })))]) {
    a.addPacket(p);
  }
  let sh = a.flows()[0]!.tls!.serverHello!;
  assert.is(sh.helloRetryRequest, true);
  assert.is(sh.selectedVersion, TLS13);
  a.addPacket(c.packet('client', { ack: true }, concat(record(20, TLS12, u8(1)), CH(hello, TLS12))));
  a.addPacket(c.packet('server', { ack: true }, SH(serverHelloBody(TLS12, 0x1302, { selected: TLS13 }))));
  sh = a.flows()[0]!.tls!.serverHello!;
  assert.is(sh.helloRetryRequest, true);
  assert.is(sh.cipherSuite, 0x1302);
});

test('alert 40 handshake_failure in plaintext; an alert after ChangeCipherSpec is encrypted', () => {
  const c = new Conversation();
  const { flow } = run([
    ...c.handshake(),
    c.packet('client', { ack: true }, CH(clientHelloBody({ legacyVersion: TLS12, ciphers: [0x0005] }), TLS12)),
    c.packet('server', { ack: true }, record(21, TLS12, u8(2, 40))),
    c.packet('client', { ack: true }, record(20, TLS12, u8(1))),
    c.packet('client', { ack: true }, record(21, TLS12, new Uint8Array(26))),
  ]);
  const alerts = flow.tls!.alerts;
  assert.equal(alerts.map((x) => [x.from, x.level, x.description, x.encrypted]), [
    ['server', 2, 40, false],
    ['client', undefined, undefined, true],
  ]);
  assert.is(flowRow(flow).alert, 'fatal:handshake_failure');
  assert.is(alertDescriptionName(40), 'handshake_failure');
});

test('ClientHello split over three segments, one segment retransmitted and one out of order', () => {
  const c = new Conversation();
  const rec = CH(clientHelloBody({ legacyVersion: TLS12, ciphers: Array.from({ length: 40 }, (_, i) => 0xc000 + i), sni: 'a.example.com', versions: [TLS13, TLS12] }), TLS10);
  const parts = [rec.subarray(0, 30), rec.subarray(30, 70), rec.subarray(70)];
  const hs = c.handshake();
  const s0 = c.nextSeq('client');
  const p1 = c.packet('client', { ack: true }, parts[0]!);
  const p2 = c.packet('client', { ack: true }, parts[1]!);
  const p3 = c.packet('client', { ack: true, psh: true }, parts[2]!);
  const again = c.packet('client', { ack: true }, parts[0]!, { seq: s0 });
  const { flow } = run([...hs, p1, p3, again, p2]);
  const ch = flow.tls!.clientHello!;
  assert.is(ch.truncated, false);
  assert.is(ch.cipherSuites.length, 40);
  assert.is(ch.serverName, 'a.example.com');
  assert.equal(ch.supportedVersions, [TLS13, TLS12]);
  assert.is(flow.retransmissions, 1);
  assert.is(flow.packets, 7);
});

test('a ClientHello cut by the snap length keeps the fields before the cut and is marked truncated', () => {
  const c = new Conversation();
  const rec = CH(clientHelloBody({ legacyVersion: TLS12, ciphers: [0xc02c, 0xc02b, 0xc030, 0xc02f, 0x009d, 0x009c], sni: 'outlook.office365.com' }), TLS12);
  const { flow } = run([...c.handshake(), c.packet('client', { ack: true, psh: true }, rec, { captured: 50 })]);
  const ch = flow.tls!.clientHello!;
  assert.is(ch.truncated, true);
  assert.is(ch.recordVersion, TLS12);
  assert.is(ch.legacyVersion, TLS12);
  // 5 record + 4 handshake + 2 version + 32 random + 1 session id + 2 list length = 46: two suites fit in 50.
  assert.equal(ch.cipherSuites, [0xc02c, 0xc02b]);
  assert.is(ch.serverName, undefined, 'unknown, not guessed');
  assert.is(flow.truncated, true);
  assert.is(flowRow(flow).truncated, true);
});

test('records after a cut header resume at a segment that starts a record (alert still found)', () => {
  const c = new Conversation();
  const { flow } = run([
    ...c.handshake(),
    c.packet('client', { ack: true }, CH(clientHelloBody({ legacyVersion: TLS12, ciphers: [0x002f] }), TLS12)),
    c.packet('server', { ack: true }, concat(record(22, TLS12, new Uint8Array(60)), record(22, TLS12, new Uint8Array(30))), { captured: 20 }),
    c.packet('server', { ack: true }, record(21, TLS12, u8(2, 48))),
  ]);
  assert.equal(flow.tls!.alerts.map((a) => a.description), [48]);
});

test('non-TLS payload on a SYN-started flow yields no TLS session', () => {
  const c = new Conversation(undefined, { ip: '52.96.0.10', port: 80 });
  const { flow } = run([...c.handshake(), c.packet('client', { ack: true, psh: true }, new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'))]);
  assert.is(flow.tls, undefined);
  assert.is(flow.bytes, 18);
});

test('version, cipher and alert names', () => {
  assert.is(tlsVersionName(0x0301), 'TLS 1.0');
  assert.is(tlsVersionName(0x0303), 'TLS 1.2');
  assert.is(tlsVersionName(0x0304), 'TLS 1.3');
  assert.is(tlsVersionName(0x0300), 'SSL 3.0');
  assert.is(cipherSuiteName(0xc02f), 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
  assert.is(cipherSuiteName(0x0004), 'TLS_RSA_WITH_RC4_128_MD5');
  assert.is(cipherSuiteName(0x00ff), 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV');
  assert.is(cipherSuiteName(0x1301), 'TLS_AES_128_GCM_SHA256');
  assert.is(cipherSuiteName(0xfefe), '0xfefe');
  assert.is(alertDescriptionName(70), 'protocol_version');
  assert.is(alertDescriptionName(112), 'unrecognized_name');
});

test.run();

test('an analysis (no record notes) reads a kept-open connection as a full table does: cut header, out-of-order and repeated segments after the handshake', () => {
  const c = new Conversation();
  const packets = [
    ...c.handshake(),
    c.packet('client', { ack: true }, CH(clientHelloBody({ legacyVersion: TLS12, ciphers: [0xc030] }), TLS12)),
    c.packet('server', { ack: true }, concat(SH(serverHelloBody(TLS12, 0xc030)), record(20, TLS12, u8(1)))),
    c.packet('client', { ack: true }, concat(record(20, TLS12, u8(1)), record(22, TLS12, new Uint8Array(40)))),
    c.packet('client', { ack: true, psh: true }, record(23, TLS12, new Uint8Array(300))),
    // The second record's header is cut: the next boundary is found again at a segment that starts a record.
    c.packet('server', { ack: true }, concat(record(23, TLS12, new Uint8Array(200)), record(23, TLS12, new Uint8Array(50))), { captured: 207 }),
  ];
  const resumeAt = c.nextSeq('server');
  const resumed = c.packet('server', { ack: true }, record(23, TLS12, new Uint8Array(30)));
  const closing = c.packet('server', { ack: true, psh: true }, record(21, TLS12, new Uint8Array(26)));
  const again = c.packet('server', { ack: true }, record(23, TLS12, new Uint8Array(30)), { seq: resumeAt });
  packets.push(closing, resumed, again);
  const read = (compact: boolean) => {
    const a = new NetworkAnalyzer({ compact });
    for (const p of packets) a.addPacket(p);
    return a.flows()[0]!;
  };
  const full = read(false);
  const analysis = read(true);
  assert.equal(full.tls!.alerts.map((x) => [x.from, x.encrypted, x.afterApplicationData]), [['server', true, true]]);
  assert.is(full.tls!.established, true);
  assert.is(full.retransmissions, 1);
  assert.equal(analysis.tls, full.tls);
  assert.is(analysis.retransmissions, full.retransmissions);
  assert.is(analysis.truncated, true);
});
