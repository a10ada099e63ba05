import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run, ev, flow, hello, webioAttempt, EXO, EXO_IP, TLS10, OLD_SUITES, NAMING } from '../correlate/fixtures.js';
import type { AnalysisResult } from '../../src/pipeline/index.js';
import { analyzeRecord, renderAnalyzeJson } from '../../src/report/analyze-json.js';
import { renderAnalyzeCsv, ANALYZE_CSV_COLUMNS } from '../../src/report/analyze-csv.js';
import { renderAnalyzeHuman, wrap } from '../../src/report/analyze-human.js';
import { check, loadAnalyzeSchema } from './schema-check.js';
import { at } from '../correlate/fixtures.js';
import { parseCsv } from '../helpers/csv.js';

function hcwResult(processName = 'powershell.exe'): AnalysisResult {
  const d = run(
    [ev.process(0, 3968, processName), ev.dns(1, 3968, EXO, 0, [EXO_IP]), ...webioAttempt(3968, 0xa0, 5), ev.winhttpError(300, 3968, 12175)],
    [flow({ ms: 7, server: `${EXO_IP}:443`, clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' })],
    { osBuild: 9200 },
  );
  return {
    verdict: d.verdict,
    findings: d.findings,
    connections: d.connections,
    stats: { ...d.result.stats, truncatedPackets: 0 },
    context: d.ctx,
    inputs: [{ path: 'samples/hcw.etl', format: 'etl', osBuild: 9200, pointerSize: 8, startTime: at(0), endTime: at(1000), events: 40, packets: 20, issues: [], damaged: false }],
    rejected: [],
    evidence: { references: 0, inMemory: 0 },
  };
}

const cipherName = NAMING.cipherSuiteName;

test('JSON output is valid against schemas/analyze.schema.json and carries the key fields', () => {
  const rec = JSON.parse(renderAnalyzeJson(hcwResult(), cipherName));
  assert.equal(check(rec, loadAnalyzeSchema()), []);
  assert.is(rec.verdict, 'failure');
  const c = rec.connections[0];
  assert.is(c.winhttp_enabled_protocols, '0x000000A0');
  assert.equal(c.client_offered_versions, ['TLS 1.0']);
  assert.is(c.server_name, EXO);
  assert.is(c.remote_ip, EXO_IP);
  assert.is(c.remote_port, 443);
  assert.is(c.local_port, 50712);
  assert.is(c.process, 'powershell.exe');
  assert.is(c.established, false);
  assert.ok(c.finding_codes.includes('WINHTTP_TLS12_NOT_OFFERED'));
  assert.match(c.first_seen, /^2024-11-05T09:14:00\.\d{7}Z$/);
  assert.is(rec.inputs[0].os_build, 9200);
  assert.is(rec.summary.top_finding, 'WINHTTP_TLS12_NOT_OFFERED');
});

test('the schema checker rejects records that drift from the schema', () => {
  const schema = loadAnalyzeSchema();
  const rec = analyzeRecord(hcwResult(), cipherName) as unknown as Record<string, unknown>;
  const bad = JSON.parse(JSON.stringify(rec));
  bad.verdict = 'maybe';
  bad.connections[0].winhttp_enabled_protocols = '160';
  bad.connections[0].surprise = 1;
  delete bad.findings[0].code;
  const errors = check(bad, schema);
  assert.ok(errors.some((e) => e.includes('$.verdict')));
  assert.ok(errors.some((e) => e.includes('winhttp_enabled_protocols')));
  assert.ok(errors.some((e) => e.includes('unexpected key surprise')));
  assert.ok(errors.some((e) => e.includes('missing code')));
});

test('CSV has one row per connection, finding codes joined with ; and formula cells neutralised', () => {
  const text = renderAnalyzeCsv(hcwResult('=cmd|calc'), cipherName);
  const rows = parseCsv(text);
  assert.is(rows.length, 1);
  assert.equal(Object.keys(rows[0]!), [...ANALYZE_CSV_COLUMNS]);
  assert.is(rows[0]!.process, "'=cmd|calc");
  assert.is(rows[0]!.winhttp_enabled_protocols, '0x000000A0');
  assert.ok(rows[0]!.finding_codes!.split(';').includes('WINHTTP_TLS12_NOT_OFFERED'));
  assert.is(rows[0]!.established, 'false');
});

test('human output: the answer first, fits 100 columns, colour only when asked', () => {
  const plain = renderAnalyzeHuman(hcwResult(), { color: false, cipherName });
  const lines = plain.split('\n');
  assert.match(lines[0]!, /^FAILURE: WinHTTP did not offer TLS 1\.2/);
  assert.ok(plain.indexOf('The fix:') < plain.indexOf('Failing connections'));
  assert.ok(plain.indexOf('Failing connections') < plain.indexOf('Gaps in this trace') || !plain.includes('Gaps in this trace'));
  assert.match(plain, /KB3140245/);
  assert.match(plain, /DefaultSecureProtocols/);
  assert.match(plain, /0x000000A0\s+TLS1_0_CLIENT\|SSL3_CLIENT/);
  // Commands and registry paths are kept whole (a broken one copies wrong); all prose fits.
  for (const l of lines) if (!/^\s*(PS)?> /.test(l) && !/HKLM\\/.test(l)) assert.ok(l.length <= 100, `too wide (${l.length}): ${l}`);
  assert.not.match(plain, /\x1b\[/);
  const colored = renderAnalyzeHuman(hcwResult(), { color: true, cipherName });
  assert.match(colored, /\x1b\[31m/);
});

test('wrap keeps words whole, never cuts one, and keeps registry paths with their spaces on one line', () => {
  assert.equal(wrap('aaa bbb ccc', 8, '- '), ['- aaa', '  bbb', '  ccc']);
  assert.equal(wrap('x'.repeat(25), 10, ''), ['x'.repeat(25)]);
  const path = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp\\DefaultSecureProtocols';
  const lines = wrap(`2. Set ${path} = 0x00000A80 (REG_DWORD) — TLS 1.2`, 40, '');
  assert.ok(lines.includes(path), lines.join('|'));
});

test.run();
