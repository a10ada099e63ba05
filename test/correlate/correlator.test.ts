import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { at, correlate, ev, flow, hello, serverHello, webioAttempt, EXO, EXO_IP, TLS10, TLS12, MODERN_SUITES, OLD_SUITES } from './fixtures.js';
import { parseEndpoint } from '../../src/correlate/index.js';

test('WebIO events on one connection pointer build one connection with mask, address and pid', () => {
  const r = correlate([...webioAttempt(3968, 0xa0, 0, '0xAA', 3), ev.isc(60, 3968, '0xAA', 0x80090326, EXO)]);
  assert.is(r.connections.length, 1);
  const c = r.connections[0]!;
  assert.is(c.pid, 3968);
  assert.is(c.winhttpEnabledProtocols, 0xa0);
  assert.is(c.remoteIp, EXO_IP);
  assert.is(c.remotePort, 443);
  assert.is(c.serverName, EXO);
  assert.is(c.serverNameSource, 'security_context');
  assert.equal(c.webioConnections, ['0xAA']);
  assert.equal(c.securityStatus, [0x80090326]);
  assert.is(c.resetBy, 'server', 'close reason 3 = remote reset');
  assert.is(c.outcome, 'tls_failed');
  assert.ok(c.keyEvidence?.get('credentials')?.text.includes('EnabledProtocols 160'));
});

test('a packet flow joins the socket connect with the same server endpoint close in time', () => {
  const f = flow({ ms: 2, server: `${EXO_IP}:443`, clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' });
  const r = correlate(webioAttempt(3968, 0xa0), [f]);
  assert.is(r.connections.length, 1);
  const c = r.connections[0]!;
  assert.is(c.flow, f);
  assert.is(c.localPort, 50712);
  assert.equal(c.clientOfferedVersions, ['TLS 1.0']);
  assert.equal(c.clientOfferedVersionCodes, [0x0301]);
  assert.is(c.serverNameSource, 'sni');
  assert.is(r.stats.flowsJoined, 1);
  assert.is(c.outcome, 'tls_failed');
});

test('a flow to the same server far from the socket connect is its own connection', () => {
  const f = flow({ ms: 60_000, server: `${EXO_IP}:443`, clientHello: hello(TLS12, MODERN_SUITES, EXO), serverHello: serverHello(0x0303, 0xc030), established: true });
  const r = correlate(webioAttempt(3968, 0xa80), [f]);
  assert.is(r.connections.length, 2);
  assert.is(r.connections[0]!.flow, undefined);
  assert.is(r.connections[1]!.flow, f);
  assert.is(r.connections[1]!.outcome, 'established');
  assert.is(r.connections[1]!.cipher, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
});

test('a retry on the same pointer after a failed connect is a new attempt', () => {
  const r = correlate([
    ev.connect(0, 10, '0xBB', '10.1.1.1:443'),
    ev.connect(21_000, 10, '0xBB', undefined, 'error', 10060),
    ev.connect(21_001, 10, '0xBB', `${EXO_IP}:443`),
    ev.connect(21_020, 10, '0xBB', undefined, 'stop'),
    ev.credentials(21_030, 10, '0xBB', 0xa80),
  ]);
  assert.is(r.connections.length, 2);
  const [a, b] = r.connections;
  assert.is(a!.remoteIp, '10.1.1.1');
  assert.is(a!.connectError, 10060);
  assert.is(a!.outcome, 'tcp_failed');
  assert.is(b!.remoteIp, EXO_IP);
  assert.is(b!.winhttpEnabledProtocols, 0xa80);
  assert.is(b!.connectError, undefined);
});

test('WinHttp errors join the latest connection of the same process; others stay trace-level', () => {
  const r = correlate([...webioAttempt(3968, 0xa0, 0, '0x1', 3), ev.winhttpError(150, 3968, 12175), ev.winhttpError(160, 777, 12002)]);
  assert.equal(r.connections[0]!.winhttpErrors, [12175]);
  assert.is(r.facts.unattachedErrors.length, 1);
  assert.is(r.facts.unattachedErrors[0]!.code, 12002);
});

test('a failing attempt is preferred over a healthy one when an error could belong to either', () => {
  const r = correlate([
    ...webioAttempt(50, 0xa80, 0, '0x1'),
    ev.isc(30, 50, '0x1', 0, 'login.microsoftonline.com'),
    ...webioAttempt(50, 0xa0, 40, '0x2', 3),
    ev.winhttpError(200, 50, 12175),
  ]);
  const failing = r.connections.find((c) => c.winhttpEnabledProtocols === 0xa0)!;
  const ok = r.connections.find((c) => c.winhttpEnabledProtocols === 0xa80)!;
  assert.ok(ok.established);
  assert.equal(failing.winhttpErrors, [12175]);
  assert.equal(ok.winhttpErrors, []);
});

test('DNS names name flows without SNI; failed lookups become dns_failed attempts only when they matter', () => {
  const noSni = flow({ ms: 10, server: `${EXO_IP}:443`, clientHello: hello(TLS12, MODERN_SUITES), serverHello: serverHello(0x0303, 0xc030), established: true });
  const r = correlate(
    [
      ev.dns(0, 1200, EXO, 0, [EXO_IP]),
      ev.dns(1, 1200, 'wpad.contoso.local', 9003, []),
      ev.dns(2, 1200, 'printer.contoso.local', 9003, []),
      ev.dns(3, 1200, 'autodiscover.outlook.com', 9003, []),
    ],
    [noSni],
  );
  const named = r.connections.find((c) => c.flow)!;
  assert.is(named.serverName, EXO);
  assert.is(named.serverNameSource, 'dns');
  const failed = r.connections.filter((c) => c.outcome === 'dns_failed');
  assert.equal(failed.map((c) => c.serverName), ['autodiscover.outlook.com'], 'wpad and an unrelated local name are not attempts');
  assert.is(failed[0]!.dnsStatus, 9003);
});

test('a failed lookup of any name becomes an attempt once WinHTTP reported 12007, and the error joins it', () => {
  const r = correlate([ev.dns(0, 3968, 'mail.contoso.com', 9003, [], 'webio'), ev.winhttpError(5, 3968, 12007)]);
  assert.is(r.connections.length, 1);
  const c = r.connections[0]!;
  assert.is(c.outcome, 'dns_failed');
  assert.equal(c.winhttpErrors, [12007]);
  assert.ok(c.keyEvidence?.has('dns_failure'));
});

test('TCPIP/AFD events give packet-only flows their process; process events give the name', () => {
  const f = flow({ ms: 10, client: '10.0.0.5:50999', server: '20.190.1.1:443', clientHello: hello(TLS10, OLD_SUITES, 'login.microsoftonline.com'), alerts: [{ from: 'server', ms: 60, description: 70 }] });
  const r = correlate([ev.process(0, 4242, 'powershell.exe'), ev.tcp(9, 4242, 'connect_request', '10.0.0.5:50999', '20.190.1.1:443')], [f]);
  const c = r.connections[0]!;
  assert.is(c.pid, 4242);
  assert.is(c.process, 'powershell.exe');
  assert.is(c.alert, 'fatal:protocol_version');
  assert.is(c.alertFrom, 'server');
  assert.is(c.outcome, 'tls_failed');
});

test('flows on ports nobody asked about are counted, not listed', () => {
  const r = correlate([], [flow({ ms: 0, server: '10.9.9.9:9999' }), flow({ ms: 1, server: `${EXO_IP}:443` })]);
  assert.is(r.connections.length, 1);
  assert.is(r.stats.flowsIgnored, 1);
  assert.is(r.stats.flows, 2);
});

test('evidence per connection is bounded and what was cut is counted', () => {
  const obs = [ev.connect(0, 9, '0x9', `${EXO_IP}:443`)];
  for (let i = 1; i <= 9; i++) obs.push(ev.request(i, 9, { connection: '0x9', phase: `phase ${i}` }) as never);
  const r = correlate(obs, [], { maxEvidence: 3 });
  const c = r.connections[0]!;
  assert.is(c.evidence.length, 3);
  assert.is(c.evidenceCut, 7);
});

test('a truncated capture with a client reset is incomplete, not a failure', () => {
  const f = flow({ ms: 0, server: '20.54.25.4:443', clientHello: hello(TLS12, [0xc030], undefined, true), rstBy: 'client', truncated: true });
  const r = correlate([], [f]);
  assert.is(r.connections[0]!.outcome, 'incomplete');
  assert.ok(r.connections[0]!.clientHelloTruncated);
});

test('a SYN never answered is a TCP failure; a SYN answered by RST too', () => {
  const r = correlate([], [flow({ ms: 0, server: `${EXO_IP}:443`, synAck: false, retransmissions: 2 }), flow({ ms: 5, client: '10.0.0.5:50800', server: '52.96.0.1:443', synAck: false, rstBy: 'server' })]);
  assert.is(r.connections[0]!.synUnanswered, true);
  assert.is(r.connections[0]!.outcome, 'tcp_failed');
  assert.is(r.connections[1]!.outcome, 'tcp_failed');
  assert.ok(r.connections[1]!.keyEvidence?.has('tcp_failure'));
});

test('WinRM events join by process and host; WinHttp 1053 marks a version mismatch', () => {
  const r = correlate([...webioAttempt(3968, 0xa0), ev.isc(30, 3968, '0xc24a6f1000', 0x80090326, EXO), ev.mismatch(100, 3968, EXO, 'powershell.exe'), ev.winrm(120, 3968, 142, 'WSMan operation Create failed, error code 2150859207', EXO, 2150859207)]);
  const c = r.connections[0]!;
  assert.ok(c.versionMismatchReported);
  assert.is(c.process, 'powershell.exe');
  assert.is(c.winrmEvents?.length, 1);
  assert.ok(c.keyEvidence?.has('winrm_error'));
});

test('the application secure-protocols option (WebIO 15) is carried to the next connection of the process', () => {
  const r = correlate([ev.request(0, 77, { secureProtocols: 0xa0 }), ...webioAttempt(77, 0xa0, 5)]);
  assert.is(r.connections[0]!.appSecureProtocols, 0xa0);
});

test('certificate validation failures are recorded; the secure-channel flag alone is not a certificate problem', () => {
  const r = correlate([
    ...webioAttempt(5, 0xa80, 0, '0x5'),
    ev.cert(50, 5, { connection: '0x5', errorFlags: 0x8 }),
    ...webioAttempt(6, 0xa80, 0, '0x6'),
    ev.cert(50, 6, { connection: '0x6', errorFlags: 0x80000000 }),
  ]);
  const a = r.connections.find((c) => c.pid === 5)!;
  const b = r.connections.find((c) => c.pid === 6)!;
  assert.is(a.outcome, 'cert_failed');
  assert.equal(a.certErrors, ['WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA'], 'the flag by its name');
  assert.equal(b.certErrors, []);
});

test('connections are numbered in time order and evidence is sorted', () => {
  const r = correlate([...webioAttempt(1, 0xa80, 500, '0x2'), ...webioAttempt(1, 0xa80, 0, '0x1')].sort((x, y) => Number(x.time - y.time)));
  assert.equal(r.connections.map((c) => c.id), [1, 2]);
  assert.ok(r.connections[0]!.firstSeen < r.connections[1]!.firstSeen);
  const times = r.connections[0]!.evidence.map((e) => e.time);
  assert.equal(times, [...times].sort((a, b) => (a < b ? -1 : 1)));
});

test('endpoints parse from bracketed IPv6 and IPv4 text', () => {
  assert.equal(parseEndpoint('[2603:1036::1]:443'), { ip: '2603:1036::1', port: 443 });
  assert.equal(parseEndpoint('52.96.88.40:443'), { ip: '52.96.88.40', port: 443 });
  assert.is(parseEndpoint('nonsense'), undefined);
});

test('phase markers that name only the request join the connection WebIO 104 tied it to', () => {
  const marker = { ...ev.request(50, 9, { phase: 'SSL Negotiation' }), request: '0xREQ' };
  const slot = { ...ev.request(10, 9, { connection: '0x9' }), request: '0xREQ' };
  const r = correlate([ev.connect(0, 9, '0x9', `${EXO_IP}:443`), slot, marker]);
  assert.is(r.connections.length, 1);
  assert.ok(r.connections[0]!.evidence.some((e) => e.text.includes('SSL Negotiation')));
});

test('a lookup logged by the DNS cache service belongs to the process named by ClientPID', () => {
  const r = correlate([{ ...ev.dns(0, 1200, EXO, 9003, []), clientPid: 3968 }, ev.winhttpError(5, 3968, 12007)]);
  const c = r.connections[0]!;
  assert.is(c.pid, 3968);
  assert.equal(c.winhttpErrors, [12007]);
});

test('a reset of a connection already open when the capture began is not a failed attempt', () => {
  const r = correlate([], [flow({ ms: 0, server: `${EXO_IP}:443`, syn: false, synAck: false, rstBy: 'server' })]);
  assert.is(r.connections[0]!.outcome, 'unknown');
  const r2 = correlate([], [flow({ ms: 0, server: `${EXO_IP}:443`, rstBy: 'server' })]);
  assert.is(r2.connections[0]!.outcome, 'reset');
});

test('a Schannel alert event joins the one unfinished connection it can belong to', () => {
  const alert = { kind: 'schannel' as const, id: 36887, alert: 70, text: 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 70.', time: at(60), pid: 700, tid: 1, ref: { time: at(60), source: 'Schannel/36887', text: 'fatal alert 70' } };
  const r = correlate([...webioAttempt(1, 0xa0, 0, '0x1'), alert]);
  const c = r.connections[0]!;
  assert.is(c.alert, 'fatal:protocol_version');
  assert.is(c.alertFrom, 'server');
  assert.is(c.outcome, 'tls_failed');
  // Two unfinished connections at that moment: ambiguous, so it stays a trace-level fact only.
  const r2 = correlate([...webioAttempt(1, 0xa0, 0, '0x1'), ...webioAttempt(2, 0xa0, 10, '0x2'), alert]);
  assert.ok(r2.connections.every((x) => x.alert === undefined));
  assert.is(r2.facts.schannelEvents.length, 1);
});

test.run();
