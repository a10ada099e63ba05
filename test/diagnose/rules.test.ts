// Every catalog rule: one case where it must fire and one where it must not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, ev, flow, hello, serverHello, webioAttempt, EXO, EXO_IP, TLS10, TLS12, MODERN_SUITES, OLD_SUITES } from '../correlate/fixtures.js';
import { CATALOG } from '../../src/diagnose/index.js';
import type { Finding } from '../../src/diagnose/types.js';
import { english, englishText } from '../helpers/english.js';

const codes = (fs: Finding[]) => fs.map((f) => f.code);
const find = (fs: Finding[], code: string) => english(fs.find((f) => f.code === code));
const exoFlow = (spec: Partial<Parameters<typeof flow>[0]> = {}) => flow({ ms: 2, server: `${EXO_IP}:443`, ...spec });

// ---- WINHTTP_TLS12_NOT_OFFERED ----
test('WINHTTP_TLS12_NOT_OFFERED fires for EnabledProtocols 0xA0 with a TLS 1.0 ClientHello and a reset', () => {
  const d = run([...webioAttempt(3968, 0xa0), ev.winhttpError(300, 3968, 12175)], [exoFlow({ clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' })], { osBuild: 9200 });
  const f = find(d.findings, 'WINHTTP_TLS12_NOT_OFFERED')!;
  assert.ok(f);
  assert.is(f.severity, 'error');
  assert.is(d.verdict, 'failure');
  assert.equal(f.connections, [1]);
  assert.match(f.explanation, /0x000000A0/);
  assert.match(f.explanation, /TLS 1\.0/);
  assert.match(f.explanation, /12175/);
  const reg = f.remediation.filter((r) => r.registry).map((r) => r.registry!);
  assert.ok(f.remediation.some((r) => r.kb === 'KB3140245'));
  assert.ok(reg.some((r) => r.path === 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp' && r.name === 'DefaultSecureProtocols' && r.value === 0xa80 && r.type === 'REG_DWORD'));
  assert.ok(reg.some((r) => r.path === 'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp' && r.value === 0xa80));
  assert.not.ok(reg.some((r) => r.path.includes('SCHANNEL')), 'Server 2012 needs no Schannel keys');
  assert.ok(f.evidence.some((e) => e.source.includes('WebIO/728')));
  assert.ok(f.evidence.some((e) => /ClientHello/.test(englishText(e.text))));
});

test('WINHTTP_TLS12_NOT_OFFERED on Windows 7 adds the Schannel TLS 1.2 Client keys; a 32-bit OS gets no Wow6432Node', () => {
  const d = run(webioAttempt(1, 0xa0, 0, '0x1', 3), [], { osBuild: 7601, pointerSize: 4 });
  const f = find(d.findings, 'WINHTTP_TLS12_NOT_OFFERED')!;
  const reg = f.remediation.filter((r) => r.registry).map((r) => r.registry!);
  assert.ok(reg.some((r) => r.path.endsWith('SCHANNEL\\Protocols\\TLS 1.2\\Client') && r.name === 'Enabled' && r.value === 1));
  assert.ok(reg.some((r) => r.path.endsWith('SCHANNEL\\Protocols\\TLS 1.2\\Client') && r.name === 'DisabledByDefault' && r.value === 0));
  assert.not.ok(reg.some((r) => r.path.includes('Wow6432Node')));
});

test('WINHTTP_TLS12_NOT_OFFERED does not fire when TLS 1.2 was enabled and the handshake completed', () => {
  const d = run(webioAttempt(1, 0xa80), [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), serverHello: serverHello(0x0303, 0xc030), established: true })]);
  assert.not.ok(codes(d.findings).includes('WINHTTP_TLS12_NOT_OFFERED'));
  assert.is(d.verdict, 'ok');
  assert.is(d.result.connections[0]!.outcome, 'established');
});

// ---- SCHANNEL_TLS12_DISABLED ----
test('SCHANNEL_TLS12_DISABLED fires when WinHTTP enabled TLS 1.2 but the ClientHello offered TLS 1.0', () => {
  const d = run(webioAttempt(1, 0xa80), [exoFlow({ clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' })], { osBuild: 7601 });
  const f = find(d.findings, 'SCHANNEL_TLS12_DISABLED')!;
  assert.ok(f);
  assert.not.ok(codes(d.findings).includes('WINHTTP_TLS12_NOT_OFFERED'));
  assert.ok(f.remediation.some((r) => r.registry?.name === 'DisabledByDefault' && r.registry.value === 0));
  assert.match(f.explanation, /Windows 7/);
});

test('SCHANNEL_TLS12_DISABLED does not fire when the ClientHello offered TLS 1.2', () => {
  const d = run(webioAttempt(1, 0xa80), [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), rstBy: 'server' })]);
  assert.not.ok(codes(d.findings).includes('SCHANNEL_TLS12_DISABLED'));
});

// ---- CLIENT_LEGACY_TLS_ONLY ----
test('CLIENT_LEGACY_TLS_ONLY fires for a non-WinHTTP PowerShell connection offering TLS 1.0 (alert protocol_version)', () => {
  const f1 = flow({ ms: 10, client: '10.0.0.5:51000', server: '20.190.1.1:443', clientHello: hello(TLS10, OLD_SUITES, 'login.microsoftonline.com'), alerts: [{ from: 'server', ms: 60, description: 70 }] });
  // WebIO is traced (another connection), so this one was not made by WinHTTP.
  const d = run([ev.process(0, 4242, 'powershell.exe'), ev.tcp(9, 4242, 'connect_request', '10.0.0.5:51000', '20.190.1.1:443'), ...webioAttempt(900, 0xa80, 5000, '0x9')], [f1]);
  const f = find(d.findings, 'CLIENT_LEGACY_TLS_ONLY')!;
  assert.ok(f);
  const c = d.result.connections.find((x) => x.flow === f1)!;
  assert.is(c.clientStack, 'dotnet');
  assert.match(f.explanation, /AADSTS1002016/);
  const reg = f.remediation.filter((r) => r.registry).map((r) => `${r.registry!.path}\\${r.registry!.name}`);
  for (const v of ['v4.0.30319', 'v2.0.50727']) {
    for (const root of ['HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\', 'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\']) {
      assert.ok(reg.includes(`${root}${v}\\SchUseStrongCrypto`), `${root}${v} SchUseStrongCrypto`);
      assert.ok(reg.includes(`${root}${v}\\SystemDefaultTlsVersions`));
    }
  }
  assert.ok(f.remediation.some((r) => r.powershell === '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12'));
});

test('CLIENT_LEGACY_TLS_ONLY does not fire for a WinHTTP connection (that is WINHTTP_TLS12_NOT_OFFERED)', () => {
  const d = run(webioAttempt(1, 0xa0), [exoFlow({ clientHello: hello(TLS10, OLD_SUITES, EXO), alerts: [{ from: 'server', ms: 60, description: 70 }] })]);
  assert.not.ok(codes(d.findings).includes('CLIENT_LEGACY_TLS_ONLY'));
  assert.ok(codes(d.findings).includes('WINHTTP_TLS12_NOT_OFFERED'));
});

// ---- NO_SHARED_CIPHER_SUITE ----
test('NO_SHARED_CIPHER_SUITE fires for TLS 1.2 without ECDHE+AES-GCM suites answered by handshake_failure', () => {
  const d = run(webioAttempt(1, 0xa80), [exoFlow({ clientHello: hello(TLS12, OLD_SUITES, EXO), alerts: [{ from: 'server', ms: 60, description: 40 }] })]);
  const f = find(d.findings, 'NO_SHARED_CIPHER_SUITE')!;
  assert.ok(f);
  assert.match(f.explanation, /TLS_RSA_WITH_AES_256_CBC_SHA/);
  assert.ok(f.remediation.some((r) => r.powershell?.includes('Get-TlsCipherSuite')));
  assert.ok(f.remediation.some((r) => r.powershell?.includes('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')));
  assert.not.ok(codes(d.findings).includes('TLS_HANDSHAKE_FAILED'));
});

test('NO_SHARED_CIPHER_SUITE does not fire when the offer had ECDHE+AES-GCM (the unexplained failure is reported instead)', () => {
  const d = run(webioAttempt(1, 0xa80), [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), alerts: [{ from: 'server', ms: 60, description: 40 }] })]);
  assert.not.ok(codes(d.findings).includes('NO_SHARED_CIPHER_SUITE'));
  assert.ok(codes(d.findings).includes('TLS_HANDSHAKE_FAILED'));
});

// ---- CERTIFICATE_VALIDATION_FAILED ----
test('CERTIFICATE_VALIDATION_FAILED fires for an inspection CA certificate rejected with unknown_ca / 12045', () => {
  const d = run(
    [...webioAttempt(1, 0xa80), ev.winhttpError(300, 1, 12045)],
    [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), serverHello: serverHello(0x0303, 0xc030), certificates: [{ subjectCN: EXO, sanDns: [EXO], issuer: 'Contoso TLS Inspection CA' }], alerts: [{ from: 'client', ms: 80, description: 48 }] })],
  );
  const f = find(d.findings, 'CERTIFICATE_VALIDATION_FAILED')!;
  assert.ok(f);
  assert.match(f.explanation, /Contoso TLS Inspection CA/);
  assert.match(f.explanation, /inspect/i);
  assert.ok(f.remediation.some((r) => r.powershell?.includes('Cert:\\LocalMachine\\Root')));
  assert.ok(f.remediation.some((r) => /Exclude the Microsoft 365 endpoints/.test(r.text)));
  assert.is(d.result.connections[0]!.outcome, 'cert_failed');
});

test('CERTIFICATE_VALIDATION_FAILED does not fire for a completed handshake with a public certificate', () => {
  const d = run(webioAttempt(1, 0xa80), [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), serverHello: serverHello(0x0303, 0xc030), certificates: [{ subjectCN: EXO, sanDns: [EXO], issuer: 'DigiCert Cloud Services CA-1' }], established: true })]);
  assert.not.ok(codes(d.findings).includes('CERTIFICATE_VALIDATION_FAILED'));
});

// ---- DNS_NAME_NOT_RESOLVED ----
test('DNS_NAME_NOT_RESOLVED fires for a failed lookup of the server with WinHTTP 12007', () => {
  const d = run([ev.dns(0, 3968, EXO, 9003, [], 'webio'), ev.winhttpError(10, 3968, 12007)]);
  const f = find(d.findings, 'DNS_NAME_NOT_RESOLVED')!;
  assert.ok(f);
  assert.match(f.explanation, /9003/);
  assert.match(f.explanation, /outlook\.office365\.com/);
  assert.ok(f.remediation.some((r) => r.powershell === `Resolve-DnsName ${EXO}`));
  assert.not.ok(codes(d.findings).includes('MISLEADING_ERROR_MESSAGE'));
});

test('DNS_NAME_NOT_RESOLVED does not fire for a failed WPAD lookup', () => {
  const d = run([ev.dns(0, 1200, 'wpad.contoso.local', 9003, [])]);
  assert.not.ok(codes(d.findings).includes('DNS_NAME_NOT_RESOLVED'));
});

// ---- TCP_CONNECT_FAILED ----
test('TCP_CONNECT_FAILED fires for a socket connect error and for an unanswered SYN', () => {
  const d = run([ev.connect(0, 1, '0x1', `${EXO_IP}:443`), ev.connect(21_000, 1, '0x1', undefined, 'error', 10060), ev.winhttpError(21_010, 1, 12029)]);
  const f = find(d.findings, 'TCP_CONNECT_FAILED')!;
  assert.ok(f);
  assert.match(f.explanation, /10060/);
  assert.ok(f.remediation.some((r) => r.powershell?.startsWith('Test-NetConnection')));
  const d2 = run([], [exoFlow({ synAck: false, retransmissions: 2 })]);
  assert.ok(codes(d2.findings).includes('TCP_CONNECT_FAILED'));
  assert.match(find(d2.findings, 'TCP_CONNECT_FAILED')!.explanation, /never answered/);
});

test('TCP_CONNECT_FAILED does not fire when the SYN was answered', () => {
  const d = run([], [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), serverHello: serverHello(0x0303, 0xc030), established: true })]);
  assert.not.ok(codes(d.findings).includes('TCP_CONNECT_FAILED'));
});

// ---- PROXY_MISCONFIGURED ----
test('PROXY_MISCONFIGURED fires when the PAC file could not be downloaded', () => {
  const url = 'http://proxy.contoso.local/proxy.pac';
  const d = run([ev.proxy(0, 3968, 'pac_failed', { url, error: 12167 }), ev.winhttpError(5, 3968, 12167)]);
  const f = find(d.findings, 'PROXY_MISCONFIGURED')!;
  assert.ok(f);
  assert.match(f.explanation, /proxy\.pac/);
  assert.match(f.explanation, /12167/);
  const cmds = f.remediation.map((r) => r.command ?? '');
  assert.ok(cmds.includes('netsh winhttp show proxy'));
  assert.ok(cmds.includes('netsh winhttp reset proxy'));
  assert.ok(cmds.some((c) => c.startsWith('netsh winhttp set proxy')));
  assert.ok(f.remediation.some((r) => r.powershell?.includes(url)));
  assert.is(d.verdict, 'failure');
});

test('PROXY_MISCONFIGURED does not fire when WPAD auto-detection simply found nothing (12180)', () => {
  const d = run([ev.proxy(0, 3968, 'autodetect_failed', { error: 12180 })]);
  assert.not.ok(codes(d.findings).includes('PROXY_MISCONFIGURED'));
});

// ---- MISLEADING_ERROR_MESSAGE ----
const WINRM_137 = 'The WinRM client cannot process the request because the server name cannot be resolved.';
test('MISLEADING_ERROR_MESSAGE fires when WinRM says the name cannot be resolved but DNS worked and TLS failed', () => {
  const d = run([ev.dns(0, 1200, 'api.interfaces.records.teams.microsoft.com', 0, ['52.113.194.132']), ...webioAttempt(3968, 0xa0, 5).map((o) => ({ ...o, ...('address' in o && o.address ? { address: '52.113.194.132:443' } : {}) })), ev.winrm(300, 3968, 137, WINRM_137)], [flow({ ms: 7, server: '52.113.194.132:443', clientHello: hello(TLS10, OLD_SUITES, 'api.interfaces.records.teams.microsoft.com'), rstBy: 'server' })]);
  const f = find(d.findings, 'MISLEADING_ERROR_MESSAGE')!;
  assert.ok(f);
  assert.is(f.severity, 'warning');
  assert.match(f.explanation, /server name cannot be resolved/);
  assert.match(f.explanation, /WINHTTP_TLS12_NOT_OFFERED/);
  assert.ok(codes(d.findings).includes('WINHTTP_TLS12_NOT_OFFERED'));
  assert.is(d.findings[0]!.code, 'WINHTTP_TLS12_NOT_OFFERED', 'the cause comes before the note');
});

test('MISLEADING_ERROR_MESSAGE does not fire when the name really did not resolve', () => {
  const d = run([ev.dns(0, 3968, EXO, 9003, [], 'webio'), ev.winrm(10, 3968, 137, WINRM_137)]);
  assert.not.ok(codes(d.findings).includes('MISLEADING_ERROR_MESSAGE'));
  assert.ok(codes(d.findings).includes('DNS_NAME_NOT_RESOLVED'));
});

// ---- TLS_HANDSHAKE_FAILED (fallback) ----
test('TLS_HANDSHAKE_FAILED does not repeat a failure another rule explained', () => {
  const d = run(webioAttempt(1, 0xa0, 0, '0x1', 3));
  assert.ok(codes(d.findings).includes('WINHTTP_TLS12_NOT_OFFERED'));
  assert.not.ok(codes(d.findings).includes('TLS_HANDSHAKE_FAILED'));
});

// ---- gaps ----
test('NO_PACKET_CAPTURE fires without packets and not with them', () => {
  assert.ok(codes(run(webioAttempt(1, 0xa0, 0, '0x1', 3)).findings).includes('NO_PACKET_CAPTURE'));
  assert.not.ok(codes(run([], [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), established: true })]).findings).includes('NO_PACKET_CAPTURE'));
});

test('NO_WINHTTP_EVENTS fires for a packets-only trace and not when WebIO is there', () => {
  const d = run([], [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), established: true })]);
  const f = find(d.findings, 'NO_WINHTTP_EVENTS')!;
  assert.ok(f);
  assert.is(f.kind, 'gap');
  assert.ok(f.remediation.some((r) => r.command?.startsWith('netsh trace start scenario=InternetClient capture=yes')));
  assert.not.ok(codes(run(webioAttempt(1, 0xa80)).findings).includes('NO_WINHTTP_EVENTS'));
});

test('CAPTURE_TRUNCATED fires for a cut ClientHello and not for whole packets', () => {
  const d = run([], [exoFlow({ clientHello: hello(TLS12, [0xc030], undefined, true), truncated: true })]);
  const f = find(d.findings, 'CAPTURE_TRUNCATED')!;
  assert.ok(f);
  assert.ok(f.remediation.some((r) => r.command === 'pktmon start --capture --pkt-size 0'));
  assert.not.ok(codes(run([], [exoFlow({ clientHello: hello(TLS12, [0xc030], EXO), established: true })]).findings).includes('CAPTURE_TRUNCATED'));
});

test('EVENTS_LOST fires for lost events or damage and not for a clean trace', () => {
  assert.ok(codes(run([], [], { eventsLost: 12 }).findings).includes('EVENTS_LOST'));
  assert.ok(codes(run([], [], { damaged: true, readIssues: ['x.etl at byte 0x10000: bad buffer'] }).findings).includes('EVENTS_LOST'));
  assert.not.ok(codes(run([], []).findings).includes('EVENTS_LOST'));
});

// ---- verdict and catalog shape ----
test('verdict: failure with an error finding, ok with established connections, inconclusive otherwise', () => {
  assert.is(run(webioAttempt(1, 0xa0, 0, '0x1', 3)).verdict, 'failure');
  assert.is(run([], [exoFlow({ clientHello: hello(TLS12, MODERN_SUITES, EXO), established: true })]).verdict, 'ok');
  assert.is(run([], []).verdict, 'inconclusive');
});

test('diagnose() leaves its input connections as they were and returns copies with the finding codes', () => {
  const d = run([...webioAttempt(3968, 0xa0), ev.winhttpError(300, 3968, 12175)], [exoFlow({ clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' })], { osBuild: 9200 });
  assert.equal(d.ctx.connections.map((c) => c.findingCodes), [[]]);
  assert.equal(d.connections.map((c) => c.findingCodes), [['WINHTTP_TLS12_NOT_OFFERED']]);
  assert.is.not(d.connections[0], d.ctx.connections[0]);
});

test('the catalog is one table with unique codes', () => {
  const all = CATALOG.map((r) => r.code);
  assert.is(new Set(all).size, all.length);
});

test.run();
