import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/pipeline/index.js';

const NETSH_LINES = [
  '[1]0A1C.0B2C::2024/01/01-12:00:00.000000000 [Microsoft-Windows-WebIO]0x2A3F1B0: SSL AcquireCredentialsHandle - (EnabledProtocols 160) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)',
];

function analyzeText(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-preamble-'));
  try {
    const file = join(dir, 'NetTrace.txt');
    writeFileSync(file, text);
    return analyzeFiles([file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('non-event lines before a netsh TXT dump are counted, not treated as lost events', () => {
  const r = analyzeText(['Input file: C:\\temp\\NetTrace.etl', 'Dump format: TXT', '', ...NETSH_LINES, ''].join('\r\n'));
  const codes = r.findings.map((f) => f.code);
  assert.not.ok(codes.includes('EVENTS_LOST'), `findings: ${codes.join(', ')}`);
  const issues = r.inputs[0]!.issues;
  assert.ok(issues.some((i) => i.kind === 'skipped_lines' && /2 line\(s\)/.test(i.message)), JSON.stringify(issues));
});

test('the same dump without a preamble reports no skipped lines', () => {
  const r = analyzeText([...NETSH_LINES, ''].join('\r\n'));
  assert.is(r.inputs[0]!.issues.length, 0);
});

test.run();
