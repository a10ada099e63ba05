// REPORTED_ERROR: what the user's own error message says when no connection explains it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, ev, flow, hello, webioAttempt, EXO, EXO_IP, TLS10, OLD_SUITES } from '../correlate/fixtures.js';
import { CAPTURE } from '../../src/diagnose/index.js';
import type { Finding } from '../../src/diagnose/types.js';
import type { ReportedError } from '../../src/diagnose/reported.js';
import { english } from '../helpers/english.js';

const find = (fs: Finding[], code: string) => english(fs.find((f) => f.code === code));

function said(line: number, kinds: string[], text: string, x: Partial<ReportedError> = {}): ReportedError {
  return { kinds, text, line, ref: { time: 0n, source: `error.txt line ${line}`, text }, ...x };
}
const SSL_INTERNAL = said(6, ['ssl_internal_error'], 'Encountered an internal error in the SSL library', { winHttpError: 12175, host: EXO, port: 443, command: 'New-PSSession' });

test('REPORTED_ERROR fires for pasted "internal error in the SSL library" (12175): failure, TLS causes in order, fixes and the capture', () => {
  const d = run([], [], { osBuild: undefined, reportedErrors: [SSL_INTERNAL], errorTextOnly: true });
  const f = find(d.findings, 'REPORTED_ERROR')!;
  assert.ok(f);
  assert.is(f.severity, 'error');
  assert.is(d.verdict, 'failure');
  assert.match(f.headline!, /^the error text shows WinHTTP 12175 \(ERROR_WINHTTP_SECURE_FAILURE\); most likely a TLS version mismatch/);
  assert.ok(f.headline!.includes(CAPTURE.netshStart));
  assert.match(f.explanation, /line 6, New-PSSession to outlook\.office365\.com:443/);
  // Most likely first: WinHTTP not offering TLS 1.2, then Schannel, then cipher suites.
  const order = ['KB3140245', 'SCHANNEL', 'cipher suite'].map((w) => f.explanation.indexOf(w));
  assert.ok(order.every((i) => i > 0) && order[0]! < order[1]! && order[1]! < order[2]!, `causes in order: ${order}`);
  assert.ok(f.remediation.some((r) => r.kb === 'KB3140245'));
  assert.ok(f.remediation.some((r) => r.registry?.name === 'DefaultSecureProtocols' && r.registry.value === 0xa80));
  assert.ok(f.remediation.some((r) => r.command === CAPTURE.netshStart));
  assert.ok(f.remediation.some((r) => r.command === CAPTURE.netshStop));
  assert.equal(f.evidence.map((e) => e.source), ['error.txt line 6']);
  // Pasted text is not a trace: no "the trace has no packets" gap.
  assert.not.ok(find(d.findings, 'NO_PACKET_CAPTURE'));
});

test('REPORTED_ERROR: AADSTS1002016 points at .NET TLS 1.0 (SchUseStrongCrypto, SecurityProtocol) and says the packets show the ClientHello', () => {
  const d = run([], [], { reportedErrors: [said(36, ['aadsts_tls_deprecated'], 'AADSTS1002016', { aadsts: 'AADSTS1002016' })], errorTextOnly: true });
  const f = find(d.findings, 'REPORTED_ERROR')!;
  assert.is(f.severity, 'error');
  assert.match(f.headline!, /AADSTS1002016/);
  assert.ok(f.remediation.some((r) => r.registry?.name === 'SchUseStrongCrypto'));
  assert.ok(f.remediation.some((r) => r.powershell === '[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12'));
  assert.ok(f.remediation.some((r) => /ClientHello/.test(r.text)));
});

test('REPORTED_ERROR: 12007 from a Teams cmdlet puts the misleading TLS case first; from New-PSSession DNS comes first', () => {
  const teams = run([], [], { reportedErrors: [said(3, ['winrm_name_not_resolved'], 'server name cannot be resolved', { winHttpError: 12007, command: 'Get-CsOnlineUser' })] });
  assert.match(find(teams.findings, 'REPORTED_ERROR')!.headline!, /most likely the misleading TLS case of Teams remoting/);
  const exo = run([], [], { reportedErrors: [said(3, ['winrm_name_not_resolved'], 'server name cannot be resolved', { winHttpError: 12007, command: 'New-PSSession' })] });
  const f = find(exo.findings, 'REPORTED_ERROR')!;
  assert.match(f.headline!, /most likely DNS not resolving the name/);
  assert.ok(f.remediation.some((r) => r.command === 'netsh winhttp show proxy'));
});

test('REPORTED_ERROR for a message no row knows is a warning (verdict stays inconclusive)', () => {
  const d = run([], [], { reportedErrors: [said(2, ['winhttp_12152'], 'The server returned an invalid or unrecognized response', { winHttpError: 12152, meaning: 'WinHTTP 12152 ERROR_WINHTTP_INVALID_SERVER_RESPONSE' })] });
  const f = find(d.findings, 'REPORTED_ERROR')!;
  assert.is(f.severity, 'warning');
  assert.is(d.verdict, 'inconclusive');
  assert.match(f.explanation, /12152/);
});

test('REPORTED_ERROR fires for a trace whose WinRM 172 / WinHTTP 12175 no connection takes up', () => {
  const d = run([ev.winrm(5, 900, 172, 'The server certificate on the destination computer (outlook.office365.com:443) has the following errors: Encountered an internal error in the SSL library.', EXO)]);
  const f = find(d.findings, 'REPORTED_ERROR')!;
  assert.ok(f, d.findings.map((x) => x.code).join());
  assert.match(f.headline!, /^the trace reports/);
  assert.ok(f.evidence.some((e) => e.source === 'Microsoft-Windows-WinRM/172'));
});

test('REPORTED_ERROR does not fire when a connection finding explains the error, nor without any error', () => {
  const d = run(
    [...webioAttempt(3968, 0xa0), ev.winhttpError(300, 3968, 12175), ev.winrm(310, 3968, 172, 'Encountered an internal error in the SSL library.', EXO)],
    [flow({ ms: 2, server: `${EXO_IP}:443`, clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' })],
    { osBuild: 9200 },
  );
  assert.ok(find(d.findings, 'WINHTTP_TLS12_NOT_OFFERED'));
  assert.not.ok(find(d.findings, 'REPORTED_ERROR'));
  assert.not.ok(find(run([]).findings, 'REPORTED_ERROR'));
});

test('MISLEADING_ERROR_MESSAGE still speaks for a 12007 the trace disproves, and REPORTED_ERROR stays out', () => {
  const d = run(
    [ev.dns(1, 3968, EXO, 0, [EXO_IP]), ...webioAttempt(3968, 0xa0, 2), ev.winrm(400, 3968, 137, 'The WinRM client cannot process the request because the server name cannot be resolved.', EXO)],
    [flow({ ms: 4, server: `${EXO_IP}:443`, clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' })],
    { osBuild: 9200 },
  );
  assert.ok(find(d.findings, 'MISLEADING_ERROR_MESSAGE'), d.findings.map((x) => x.code).join());
  assert.not.ok(find(d.findings, 'REPORTED_ERROR'));
});

test.run();
