// Pasted PowerShell / WinRM / Exchange Online / Entra error output is an error-text input, never "not a trace"
// or "damaged data": known messages get their meaning (401, 407, 500, WinRM timeouts, Japanese wordings, BOM +
// CRLF), unknown ones REPORTED_ERROR as a warning.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'td-pasted-'));
const BOM = '\uFEFF';
const remoting = (message: string) =>
  `New-PSSession : [outlook.office365.com] Connecting to remote server outlook.office365.com failed with the following error message : ${message} ` +
  'For more information, see the about_Remote_Troubleshooting Help topic.\n' +
  '    + CategoryInfo          : OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace) [New-PSSession], PSRemotingTransportException\n' +
  '    + FullyQualifiedErrorId : PSSessionOpenFailed\n';
const jaRemoting = (message: string) =>
  `New-PSSession : [outlook.office365.com] リモート サーバー outlook.office365.com への接続に失敗しました。次のエラー メッセージが返されました: ${message} ` +
  '詳細については、about_Remote_Troubleshooting のヘルプ トピックを参照してください。\r\n    + FullyQualifiedErrorId : PSSessionOpenFailed\r\n';

interface Rec {
  verdict: string;
  findings: { code: string; severity: string; headline?: string; explanation: string }[];
}

function analyze(name: string, text: string): { status: number; rec: Rec; stderr: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  const r = runCli(['analyze', path, '--format', 'json']);
  return { status: r.status, rec: JSON.parse(r.stdout) as Rec, stderr: r.stderr };
}

const KNOWN: [string, string, RegExp][] = [
  ['access-denied.txt', remoting('Access is denied.'), /access was denied/],
  ['access-denied-ja.txt', jaRemoting('アクセスが拒否されました。'), /access was denied/],
  ['http-401.txt', 'Invoke-RestMethod : The remote server returned an error: (401) Unauthorized.\n', /access was denied/],
  ['proxy-407.txt', 'Connect-ExchangeOnline : The remote server returned an error: (407) Proxy Authentication Required.\nAt line:1 char:1\n', /HTTP 407/],
  ['http-500.txt', remoting('The WinRM client received an HTTP server error status (500), but the remote service did not include any other information about the cause of the failure.'), /HTTP 500/],
  ['winrm-cannot-complete.txt', remoting('WinRM cannot complete the operation. Verify that the specified computer name is valid, that the computer is accessible over the network.'), /could not be reached/],
  ['winrm-timeout-ja.txt', jaRemoting('WinRM クライアントは、指定された時間内に操作を完了できません。'), /12002 \(ERROR_WINHTTP_TIMEOUT\)/],
  ['name-ja.txt', jaRemoting('WinRM クライアントは要求を処理できません。サーバー名を解決できません。'), /12007|could not be resolved/],
  ['name-ja-bom-crlf.txt', BOM + jaRemoting('WinRM クライアントは要求を処理できません。サーバー名を解決できません。'), /12007|could not be resolved/],
  ['access-denied-bom-crlf.txt', BOM + remoting('Access is denied.').replace(/\n/g, '\r\n'), /access was denied/],
];

for (const [name, text, meaning] of KNOWN) {
  test(`${name}: a known message, its meaning and causes (exit 1, REPORTED_ERROR error)`, () => {
    const r = analyze(name, text);
    assert.is(r.status, 1, r.stderr);
    assert.is(r.rec.verdict, 'failure');
    const f = r.rec.findings.find((x) => x.code === 'REPORTED_ERROR')!;
    assert.ok(f, 'REPORTED_ERROR');
    assert.is(f.severity, 'error');
    assert.match(`${f.headline} ${f.explanation}`, meaning);
    assert.match(f.explanation, /Likely causes/);
    assert.not.ok(r.rec.findings.some((x) => x.code === 'EVENTS_LOST'), 'never "damaged data"');
  });
}

test('error output with a message no row knows: REPORTED_ERROR as a warning, exit 0, never "not a trace"', () => {
  for (const [name, text] of [
    ['unknown-remoting.txt', remoting('The frobnicator rejected the widget.')],
    ['unknown-aadsts.txt', BOM + 'Connect-ExchangeOnline : AADSTS50999: Something new went wrong.\r\nAt line:1 char:1\r\n'],
  ] as const) {
    const r = analyze(name, text);
    assert.is(r.status, 0, `${name}: ${r.stderr}`);
    assert.is(r.rec.verdict, 'inconclusive');
    const f = r.rec.findings.find((x) => x.code === 'REPORTED_ERROR')!;
    assert.ok(f, `${name}: REPORTED_ERROR`);
    assert.is(f.severity, 'warning');
    assert.not.ok(r.rec.findings.some((x) => x.code === 'EVENTS_LOST'));
    assert.not.match(r.stderr, /not a trace/);
  }
});

test.run();
