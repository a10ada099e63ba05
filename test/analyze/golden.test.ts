// Golden tests over the generated scenario traces in samples/: verdict, finding codes and the key connection
// fields. The expected values come from each scenario's description (what the trace was built to show),
// not from a previous run of the tool.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { samplesDir } from '../helpers/paths.js';
import { check, loadAnalyzeSchema } from './schema-check.js';

const dir = process.env.TRACEDOCTOR_SAMPLES_DIR ?? samplesDir;
const schema = loadAnalyzeSchema();

interface Conn {
  [k: string]: unknown;
  finding_codes: string[];
  client_cipher_suites: string[];
  winhttp_errors: number[];
}
interface Rec {
  verdict: string;
  inputs: { os_build: number | null; damaged: boolean }[];
  findings: { code: string; severity: string; explanation: string; remediation: { text: string; registry: { path: string; name: string; value: number | string } | null; kb: string | null; powershell: string | null; command: string | null }[] }[];
  connections: Conn[];
}

function analyze(name: string): { status: number; rec: Rec } | undefined {
  const path = join(dir, `${name}.etl`);
  const r = runCli(['analyze', path, '--format', 'json']);
  const rec = JSON.parse(r.stdout) as Rec;
  assert.equal(check(rec, schema), [], `${name}: schema`);
  assert.is(rec.inputs[0]!.damaged, false, `${name}: read cleanly`);
  return { status: r.status, rec };
}

const errorCodes = (rec: Rec) => rec.findings.filter((f) => f.severity === 'error').map((f) => f.code);
const allCodes = (rec: Rec) => rec.findings.map((f) => f.code);
const fields = (c: Conn, keys: string[]) => Object.fromEntries(keys.map((k) => [k, c[k]]));
const KEYS = ['server_name', 'remote_port', 'winhttp_enabled_protocols', 'client_offered_versions', 'server_selected_version', 'alert', 'established', 'outcome'];
const reg = (rec: Rec, code: string) => rec.findings.find((f) => f.code === code)!.remediation.flatMap((r) => (r.registry ? [`${r.registry.path}\\${r.registry.name}=${r.registry.value}`] : []));

test('hcw-2012-tls10: WinHTTP on Server 2012 offers TLS 1.0 only (0xA0); Exchange Online resets', () => {
  const a = analyze('hcw-2012-tls10');
  if (!a) return;
  assert.is(a.status, 1);
  assert.is(a.rec.verdict, 'failure');
  assert.equal(errorCodes(a.rec), ['WINHTTP_TLS12_NOT_OFFERED']);
  assert.is(a.rec.inputs[0]!.os_build, 9200);
  assert.is(a.rec.connections.length, 1);
  const c = a.rec.connections[0]!;
  assert.equal(fields(c, KEYS), {
    server_name: 'outlook.office365.com',
    remote_port: 443,
    winhttp_enabled_protocols: '0x000000A0',
    client_offered_versions: ['TLS 1.0'],
    server_selected_version: null,
    alert: null,
    established: false,
    outcome: 'tls_failed',
  });
  assert.is(c.reset_by, 'server');
  assert.ok(c.winhttp_errors.includes(12175));
  const r = reg(a.rec, 'WINHTTP_TLS12_NOT_OFFERED');
  assert.ok(r.includes('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp\\DefaultSecureProtocols=2688'));
  assert.ok(r.includes('HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp\\DefaultSecureProtocols=2688'));
  assert.ok(a.rec.findings[0]!.remediation.some((x) => x.kb === 'KB3140245'));
});

test('hcw-2012-tls10-compressed: compressed buffers give the identical analysis', () => {
  const a = analyze('hcw-2012-tls10');
  const b = analyze('hcw-2012-tls10-compressed');
  if (!a || !b) return;
  assert.is(b.status, a.status);
  assert.equal(b.rec.findings, a.rec.findings);
  // Each connection names its input (the file): the rest is identical.
  const unnamed = (cs: Conn[]) => cs.map((c) => ({ ...c, input: null }));
  assert.equal(unnamed(b.rec.connections), unnamed(a.rec.connections));
});

test('teams-2012-misleading-dns: WinRM blames name resolution, DNS worked, the cause is TLS 1.2 missing', () => {
  const a = analyze('teams-2012-misleading-dns');
  if (!a) return;
  assert.is(a.status, 1);
  assert.equal(errorCodes(a.rec), ['WINHTTP_TLS12_NOT_OFFERED']);
  assert.ok(allCodes(a.rec).includes('MISLEADING_ERROR_MESSAGE'));
  assert.not.ok(allCodes(a.rec).includes('DNS_NAME_NOT_RESOLVED'));
  const c = a.rec.connections.find((x) => x.server_name === 'admin0e.online.lync.com')!;
  assert.ok(c, 'the Teams admin endpoint connection');
  assert.equal(fields(c, ['winhttp_enabled_protocols', 'client_offered_versions', 'established', 'outcome', 'reset_by']), {
    winhttp_enabled_protocols: '0x000000A0',
    client_offered_versions: ['TLS 1.0'],
    established: false,
    outcome: 'tls_failed',
    reset_by: 'server',
  });
  assert.ok(c.finding_codes.includes('MISLEADING_ERROR_MESSAGE'));
  assert.match(a.rec.findings.find((f) => f.code === 'MISLEADING_ERROR_MESSAGE')!.explanation, /cannot be resolved/);
});

test('win7-kb-schannel-off: WinHTTP asks for TLS 1.2 (0xA80) but Schannel offers TLS 1.0; protocol_version', () => {
  const a = analyze('win7-kb-schannel-off');
  if (!a) return;
  assert.is(a.status, 1);
  assert.equal(errorCodes(a.rec), ['SCHANNEL_TLS12_DISABLED']);
  assert.is(a.rec.inputs[0]!.os_build, 7601);
  const c = a.rec.connections[0]!;
  assert.equal(fields(c, KEYS), {
    server_name: 'outlook.office365.com',
    remote_port: 443,
    winhttp_enabled_protocols: '0x00000A80',
    client_offered_versions: ['TLS 1.0'],
    server_selected_version: null,
    alert: 'fatal:protocol_version',
    established: false,
    outcome: 'tls_failed',
  });
  assert.is(c.alert_from, 'server');
  const r = reg(a.rec, 'SCHANNEL_TLS12_DISABLED');
  assert.ok(r.includes('HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client\\Enabled=1'));
  assert.ok(r.includes('HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Client\\DisabledByDefault=0'));
});

test('exo-dotnet-tls10: a .NET client (no WebIO) tied to PID 6240 by TCPIP offers TLS 1.0; protocol_version', () => {
  const a = analyze('exo-dotnet-tls10');
  if (!a) return;
  assert.is(a.status, 1);
  assert.equal(errorCodes(a.rec), ['CLIENT_LEGACY_TLS_ONLY']);
  // The scenario carries no WebIO/WinHttp events at all, so the gap is reported too.
  assert.ok(allCodes(a.rec).includes('NO_WINHTTP_EVENTS'));
  const c = a.rec.connections[0]!;
  assert.is(c.pid, 6240);
  assert.equal(fields(c, ['winhttp_enabled_protocols', 'client_offered_versions', 'alert', 'alert_from', 'established', 'outcome', 'remote_port']), {
    winhttp_enabled_protocols: null,
    client_offered_versions: ['TLS 1.0'],
    alert: 'fatal:protocol_version',
    alert_from: 'server',
    established: false,
    outcome: 'tls_failed',
    remote_port: 443,
  });
  const r = reg(a.rec, 'CLIENT_LEGACY_TLS_ONLY');
  for (const root of ['HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319', 'HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\v4.0.30319']) {
    assert.ok(r.includes(`${root}\\SchUseStrongCrypto=1`), root);
    assert.ok(r.includes(`${root}\\SystemDefaultTlsVersions=1`), root);
  }
  assert.ok(a.rec.findings[0]!.remediation.some((x) => x.powershell === '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12'));
});

test('cipher-mismatch: TLS 1.2 offered with RSA/CBC suites only; handshake_failure', () => {
  const a = analyze('cipher-mismatch');
  if (!a) return;
  assert.is(a.status, 1);
  assert.equal(errorCodes(a.rec), ['NO_SHARED_CIPHER_SUITE']);
  const c = a.rec.connections[0]!;
  assert.equal(fields(c, KEYS), {
    server_name: 'outlook.office365.com',
    remote_port: 443,
    winhttp_enabled_protocols: '0x00000A80',
    client_offered_versions: ['TLS 1.2'],
    server_selected_version: null,
    alert: 'fatal:handshake_failure',
    established: false,
    outcome: 'tls_failed',
  });
  assert.ok(c.client_cipher_suites.length > 0);
  assert.not.ok(c.client_cipher_suites.some((s) => /^TLS_ECDHE_.*_GCM_/.test(s)), 'no ECDHE+AES-GCM offered');
});

test('tls-inspection-untrusted-root: handshake completes, certificate from "Contoso Proxy Root CA" rejected', () => {
  const a = analyze('tls-inspection-untrusted-root');
  if (!a) return;
  assert.is(a.status, 1);
  assert.equal(errorCodes(a.rec), ['CERTIFICATE_VALIDATION_FAILED']);
  const c = a.rec.connections[0]!;
  assert.equal(fields(c, ['server_name', 'winhttp_enabled_protocols', 'server_selected_version', 'cipher', 'outcome']), {
    server_name: 'outlook.office365.com',
    winhttp_enabled_protocols: '0x00000A80',
    server_selected_version: 'TLS 1.2',
    cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    outcome: 'cert_failed',
  });
  assert.match(String(c.certificate_issuer), /Contoso Proxy Root CA/);
  assert.ok(c.winhttp_errors.includes(12175));
  const f = a.rec.findings[0]!;
  assert.match(f.explanation, /inspect/i);
  assert.ok(f.remediation.some((r) => /Exclude the Microsoft 365 endpoints from TLS inspection/.test(r.text)));
});

test('dns-failure: outlook.office365.com does not resolve (9003), no TCP connection, WinHTTP 12007', () => {
  const a = analyze('dns-failure');
  if (!a) return;
  assert.is(a.status, 1);
  assert.equal(errorCodes(a.rec), ['DNS_NAME_NOT_RESOLVED']);
  assert.not.ok(allCodes(a.rec).includes('MISLEADING_ERROR_MESSAGE'), 'the name really did not resolve');
  assert.is(a.rec.connections.length, 1);
  assert.equal(fields(a.rec.connections[0]!, ['server_name', 'remote_ip', 'dns_status', 'established', 'outcome']), {
    server_name: 'outlook.office365.com',
    remote_ip: null,
    dns_status: 9003,
    established: false,
    outcome: 'dns_failed',
  });
  assert.ok(a.rec.connections[0]!.winhttp_errors.includes(12007));
});

test('proxy-pac-failure: the PAC download fails (12167), WinHTTP goes direct, the SYN is dropped (12029)', () => {
  const a = analyze('proxy-pac-failure');
  if (!a) return;
  assert.is(a.status, 1);
  assert.is(errorCodes(a.rec)[0], 'PROXY_MISCONFIGURED', 'the proxy is the top finding');
  assert.ok(errorCodes(a.rec).includes('TCP_CONNECT_FAILED'));
  const f = a.rec.findings[0]!;
  assert.match(f.explanation, /wpad\.dat/);
  assert.match(f.explanation, /12167/);
  assert.ok(f.remediation.some((r) => r.command === 'netsh winhttp show proxy'));
  const exo = a.rec.connections.find((c) => c.server_name === 'outlook.office365.com' && c.remote_port === 443)!;
  assert.ok(exo);
  assert.is(exo.outcome, 'tcp_failed');
  assert.ok(exo.winhttp_errors.includes(12029));
  assert.ok(exo.finding_codes.includes('PROXY_MISCONFIGURED'));
});

test('healthy-tls12: TLS 1.2 with ECDHE-RSA-AES256-GCM completes; nothing failing', () => {
  const a = analyze('healthy-tls12');
  if (!a) return;
  assert.is(a.status, 0);
  assert.is(a.rec.verdict, 'ok');
  assert.equal(allCodes(a.rec), []);
  const c = a.rec.connections[0]!;
  assert.equal(fields(c, KEYS), {
    server_name: 'outlook.office365.com',
    remote_port: 443,
    winhttp_enabled_protocols: '0x00002A80',
    client_offered_versions: ['TLS 1.3', 'TLS 1.2'],
    server_selected_version: 'TLS 1.2',
    alert: null,
    established: true,
    outcome: 'established',
  });
  assert.is(c.cipher, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384');
});

test('human output of every sample: the answer in the first line, no prose wider than 100 columns', () => {
  const expected: Record<string, RegExp> = {
    'hcw-2012-tls10': /^FAILURE: .*WINHTTP_TLS12_NOT_OFFERED/,
    'teams-2012-misleading-dns': /^FAILURE: .*WINHTTP_TLS12_NOT_OFFERED/,
    'win7-kb-schannel-off': /^FAILURE: .*SCHANNEL_TLS12_DISABLED/,
    'exo-dotnet-tls10': /^FAILURE: .*CLIENT_LEGACY_TLS_ONLY/,
    'cipher-mismatch': /^FAILURE: .*NO_SHARED_CIPHER_SUITE/,
    'tls-inspection-untrusted-root': /^FAILURE: .*CERTIFICATE_VALIDATION_FAILED/,
    'dns-failure': /^FAILURE: .*DNS_NAME_NOT_RESOLVED/,
    'proxy-pac-failure': /^FAILURE: .*PROXY_MISCONFIGURED/,
    'healthy-tls12': /^OK: 1 connection/,
  };
  for (const [name, first] of Object.entries(expected)) {
    const path = join(dir, `${name}.etl`);
    const r = runCli(['analyze', path]);
    const lines = r.stdout.split('\n');
    // The headline may wrap: match it joined.
    assert.match(lines.slice(0, 2).join(' '), first, name);
    // Commands and registry paths are printed whole (copy-safe); the prose around them fits.
    for (const l of lines) if (!/^\s*(PS)?> /.test(l) && !/HK(LM|CU)\\/.test(l)) assert.ok(l.length <= 100, `${name}: ${l.length} columns: ${l}`);
    assert.not.match(r.stdout, /\x1b\[/, `${name}: no colour outside a TTY`);
  }
});

test.run();
