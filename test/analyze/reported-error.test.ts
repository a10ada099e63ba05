// Pasted error text as analyze input: the answer is what the message means and which capture proves the cause.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { runCli } from '../helpers/cli.js';
import { hasShared, projectRoot, samplesDir, sharedExportsDir } from '../helpers/paths.js';
import { sharedTest } from '../helpers/when.js';
import { english } from '../helpers/english.js';

const realPaste = join(sharedExportsDir, 'winrm-winhttp-tls-error-messages_real_examples.txt');
const teamsJa = join(projectRoot, 'test', 'fixtures', 'analyze', 'error-text-teams-ja.txt');

sharedTest('the real pasted WinRM / HCW / AADSTS messages give a failure with REPORTED_ERROR first, quoting the lines', () => {
  const r = analyzeFiles([realPaste]);
  assert.is(r.verdict, 'failure');
  const f = english(r.findings[0]!);
  assert.is(f.code, 'REPORTED_ERROR');
  assert.is(f.severity, 'error');
  for (const line of [6, 9, 14, 29, 36]) assert.ok(f.evidence.some((e) => e.source.endsWith(` line ${line}`)), `line ${line} quoted`);
  assert.match(f.explanation, /12007/);
  assert.match(f.explanation, /AADSTS1002016/);
  assert.not.ok(r.findings.some((x) => x.code === 'NO_PACKET_CAPTURE'));
  const human = runCli(['analyze', realPaste]);
  assert.is(human.status, 1);
  const first = human.stdout.split('\n').slice(0, 4).join(' ').replace(/\s+/g, ' ');
  assert.match(first, /^FAILURE: the error text shows WinHTTP 12175 \(ERROR_WINHTTP_SECURE_FAILURE\)/);
  assert.match(first, /Next capture: netsh trace start scenario=InternetClient capture=yes maxsize=1024/);
});

test('a Japanese Teams paste: the WinRM "サーバー名を解決できない" message reads as the misleading TLS case', () => {
  const r = analyzeFiles([teamsJa]);
  assert.is(r.verdict, 'failure');
  const f = english(r.findings.find((x) => x.code === 'REPORTED_ERROR')!);
  assert.ok(f);
  assert.match(f.headline!, /WinHTTP 12007 \(ERROR_WINHTTP_NAME_NOT_RESOLVED\); most likely the misleading TLS case of Teams remoting/);
  assert.ok(f.evidence.some((e) => e.source === 'error-text-teams-ja.txt line 3'));
  assert.ok(f.remediation.some((r) => r.registry?.name === 'DefaultSecureProtocols'));
});

test('no generated scenario trace in samples/ gets REPORTED_ERROR', () => {
  const etls = readdirSync(samplesDir).filter((n) => n.endsWith('.etl'));
  assert.ok(etls.length >= 10, 'the generated scenario traces are in samples/');
  for (const n of etls) {
    const r = analyzeFiles([join(samplesDir, n)]);
    assert.not.ok(r.findings.some((f) => f.code === 'REPORTED_ERROR'), n);
  }
});

test.run();
