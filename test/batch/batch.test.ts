import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sniffFormat } from '../../src/ingest/index.js';
import { runBatch, type BatchOptions } from '../../src/batch/run.js';
import { hasShared, sharedEtlDir } from '../helpers/paths.js';
import { buildUploads, fakeAnalyzer, netshText, createScratch } from './fixtures.js';

const scratch = createScratch();

const { root, uploads } = buildUploads(scratch);
const realEtl = hasShared ? join(sharedEtlDir, 'pktmon_dolphin2410_gdn.etl') : undefined;
if (realEtl) {
  mkdirSync(join(uploads, 'case-real-etl'));
  copyFileSync(realEtl, join(uploads, 'case-real-etl', 'PktMon.etl'));
} else {
  console.log('note: ../shared samples absent; the real-ETL case is left out');
}

function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); records.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  const [header, ...rest] = records;
  return rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

function readTable(dir: string, name: string): Record<string, string>[] {
  return parseCsv(readFileSync(join(dir, name), 'utf8'));
}

const outDir = join(root, 'out');
const analyzer = fakeAnalyzer();
const baseOpts: BatchOptions = {
  paths: ['uploads', 'uploads/does-not-exist.zip'],
  outDir,
  cwd: root,
  concurrency: 2,
  analysisVersion: 'test',
};
const deps = { analyze: analyzer.analyze, sniff: sniffFormat };

test('every case has a row with the right status and exit class', async () => {
  const result = await runBatch(baseOpts, deps);
  const cases = Object.fromEntries(readTable(outDir, 'cases.csv').map((r) => [r.case_id, r]));
  const expected: Record<string, [RegExp, number]> = {
    'case-good': [/^ok$/, 0],
    'case-damaged': [/^failed: .*case-damaged\/NetTrace\.txt: at byte 0x40 \(64\): damaged buffer/, 65],
    'case-empty': [/^failed: .*no trace or export among 1 file/, 65],
    'case-crash': [/^failed: internal error: analysis defect/, 70],
    failing: [/^ok$/, 1],
    nested: [/^ok$/, 0 + 1],
    slip: [/^failed: .*slip\.zip.*unsafe entry name "\.\.\/\.\.\/evil\.txt".*zip-slip/, 65],
    bomb: [/^failed: .*bomb\.zip.*compression ratio of \d+:1.*possible zip bomb/, 65],
    liar: [/^failed: .*liar\.zip.*cannot extract entry "NetTrace\.txt"/, 65],
    locked: [/^ok$/, 1],
    corrupt: [/^failed: .*corrupt\.zip.*(not a readable ZIP archive|damaged ZIP)/, 65],
    'loose-trace.txt': [/^ok$/, 0],
    'does-not-exist.zip': [/^failed: .*no such file or directory/, 66],
    ...(realEtl ? { 'case-real-etl': [/^ok$/, 0] as [RegExp, number] } : {}),
  };
  assert.equal(Object.keys(cases).sort(), Object.keys(expected).sort());
  for (const [id, [status, exit]] of Object.entries(expected)) {
    assert.match(cases[id]!.status, status, id);
    assert.is(Number(cases[id]!.exit_code), exit, `${id} exit`);
  }
  assert.is(result.exitCode, 70, 'worst class wins: the defect in case-crash');
  assert.is(cases.failing!.verdict, 'failure');
  assert.is(cases.failing!.top_finding, 'WINHTTP_TLS12_NOT_OFFERED');
  assert.is(cases.failing!.server_names, 'mail.contoso.com');
  assert.is(cases.failing!.os_build, '9200');
  assert.is(cases.failing!.trace_start, '2017-08-28T10:00:00.123Z');
  assert.is(cases['case-damaged']!.verdict, 'ok', 'damaged case still reports what was read');
  assert.ok(existsSync(join(outDir, 'cases', 'case-damaged.json')));
  assert.not.ok(existsSync(join(outDir, 'cases', 'slip.json')));
  assert.not.ok(existsSync(join(root, 'evil.txt')) || existsSync(join(dirname(root), 'evil.txt')));
});

test('every input file appears in files.csv with a status', () => {
  const files = readTable(outDir, 'files.csv');
  const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
  assert.is(byPath['uploads/random-bytes.bin']!.status, 'skipped: not a trace or export');
  assert.is(byPath['uploads/random-bytes.bin']!.case_id, '');
  assert.is(byPath['uploads/case-good/screenshot.png']!.status, 'skipped: not a trace or export');
  assert.is(byPath['uploads/case-good/logs/NetTrace.txt']!.status, 'analysed');
  assert.match(byPath['uploads/case-good/notes.docx']!.status, /^skipped: not a trace or export \(a packaged document/);
  assert.is(byPath['uploads/summary.docx']!.status, 'skipped: not a trace or export', 'a document is no archive case');
  assert.is(byPath['uploads/case-good/logs/NetTrace.txt']!.format, 'netsh_txt');
  assert.match(byPath['uploads/nested.zip']!.status, /^expanded: 1 file entry/);
  assert.match(byPath['uploads/nested.zip!/inner.zip']!.status, /^expanded/);
  assert.is(byPath['uploads/nested.zip!/inner.zip!/deep/NetTrace.txt']!.status, 'analysed');
  assert.match(byPath['uploads/locked.zip!/secret.etl']!.status, /^skipped: encrypted entry/);
  assert.is(byPath['uploads/locked.zip!/NetTrace.txt']!.status, 'analysed');
  assert.is(byPath['uploads/failing.zip!/readme.md']!.status, 'skipped: not a trace or export');
  assert.match(byPath['uploads/slip.zip']!.status, /^failed: .*zip-slip/);
  assert.match(byPath['uploads/bomb.zip']!.status, /^failed: .*zip bomb/);
  assert.match(byPath['uploads/does-not-exist.zip']!.status, /no such file/);
  assert.match(byPath['uploads/case-empty/random.bin']!.status, /^skipped/);
  for (const f of files) assert.ok(f.status !== '', `status for ${f.path}`);
  if (realEtl) assert.is(byPath['uploads/case-real-etl/PktMon.etl']!.format, 'etl');
});

test('connections and findings are gathered from the per-case analyze JSON', () => {
  const conns = readTable(outDir, 'connections.csv');
  const failing = conns.find((c) => c.case_id === 'failing')!;
  assert.is(failing.server_name, 'mail.contoso.com');
  assert.is(failing.remote_ip, '10.20.30.40');
  assert.is(failing.finding_codes, 'WINHTTP_TLS12_NOT_OFFERED');
  const findings = readFileSync(join(outDir, 'findings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(findings.map((f) => f.case_id).sort(), ['failing', 'locked', 'nested']);
  const doc = JSON.parse(readFileSync(join(outDir, 'cases', 'nested.json'), 'utf8')) as { inputs: { path: string }[] };
  assert.is(doc.inputs[0]!.path, 'uploads/nested.zip!/inner.zip!/deep/NetTrace.txt', 'extracted files are named by archive path');
});

test('a re-run skips unchanged cases; a changed case is analysed again; --force re-runs all', async () => {
  const firstCalls = analyzer.calls.length;
  const again = await runBatch(baseOpts, deps);
  assert.is(analyzer.calls.length, firstCalls + 1, 'only case-crash (internal error) is retried');
  const reused = again.outcomes.filter((o) => o.row.reused).map((o) => o.case.id).sort();
  assert.ok(reused.includes('case-good') && reused.includes('nested') && reused.includes('bomb'));
  assert.not.ok(reused.includes('case-crash'));
  const cases = Object.fromEntries(readTable(outDir, 'cases.csv').map((r) => [r.case_id, r]));
  assert.is(cases['case-good']!.reused, 'true');
  assert.is(cases.failing!.top_finding, 'WINHTTP_TLS12_NOT_OFFERED', 'reused rows keep their results');
  assert.ok(readTable(outDir, 'connections.csv').some((c) => c.case_id === 'failing'));

  writeFileSync(join(uploads, 'case-good', 'logs', 'NetTrace.txt'), netshText('now RESET by mail.contoso.com 10.1.1.1'));
  const before = analyzer.calls.length;
  await runBatch(baseOpts, deps);
  const analysed = analyzer.calls.slice(before).map((c) => c[0]);
  assert.equal(analysed.sort(), ['uploads/case-crash/NetTrace.txt', 'uploads/case-good/logs/NetTrace.txt']);

  const beforeForce = analyzer.calls.length;
  const forced = await runBatch({ ...baseOpts, force: true }, deps);
  assert.is(forced.outcomes.filter((o) => o.row.reused).length, 0);
  const analysable = realEtl ? 8 : 7;
  assert.is(analyzer.calls.length - beforeForce, analysable);
});

test('--format jsonl writes JSON Lines tables; --excel starts CSV files with a BOM', async () => {
  const jsonDir = join(root, 'out-jsonl');
  await runBatch({ ...baseOpts, paths: ['uploads/failing.zip'], outDir: jsonDir, format: 'jsonl' }, deps);
  const names = readdirSync(jsonDir).sort();
  assert.equal(names, ['cases', 'cases.jsonl', 'connections.jsonl', 'files.jsonl', 'findings.jsonl', 'state.json']);
  const row = JSON.parse(readFileSync(join(jsonDir, 'cases.jsonl'), 'utf8').trim()) as Record<string, unknown>;
  assert.is(row.case_id, 'failing');
  assert.is(row.exit_code, 1);

  await runBatch({ ...baseOpts, paths: ['uploads/failing.zip'], outDir: jsonDir }, deps);
  assert.equal(readdirSync(jsonDir).sort(), ['cases', 'cases.csv', 'connections.csv', 'files.csv', 'findings.jsonl', 'state.json'], 'tables of the other format are removed');

  const excelDir = join(root, 'out-excel');
  await runBatch({ ...baseOpts, paths: ['uploads/failing.zip'], outDir: excelDir, excel: true }, deps);
  for (const name of ['cases.csv', 'files.csv', 'connections.csv']) {
    assert.is(readFileSync(join(excelDir, name)).subarray(0, 3).toString('hex'), 'efbbbf', name);
  }
});

test('a glob is expanded by the tool', async () => {
  const globDir = join(root, 'out-glob');
  const r = await runBatch({ ...baseOpts, paths: ['uploads/*ing.zip', 'uploads/nested.zi?'], outDir: globDir }, deps);
  assert.equal(r.outcomes.map((o) => o.case.id).sort(), ['failing', 'nested']);
});

test('an output directory inside the upload folder is never read as input', async () => {
  const up = join(root, 'up-with-out');
  mkdirSync(join(up, 'c1'), { recursive: true });
  writeFileSync(join(up, 'c1', 'NetTrace.txt'), netshText('to 10.2.2.2'));
  for (let i = 0; i < 2; i++) {
    const r = await runBatch({ ...baseOpts, paths: ['up-with-out'], outDir: 'up-with-out/results' }, deps);
    assert.equal(r.outcomes.map((o) => o.case.id), ['c1']);
    assert.is(r.looseSkipped.length, 0);
  }
  assert.ok(existsSync(join(up, 'results', 'cases.csv')), 'a relative --out-dir is taken from the working directory');
});

test('no case at all is exit 66', async () => {
  const emptyDir = join(root, 'empty-uploads');
  mkdirSync(emptyDir);
  const r = await runBatch({ ...baseOpts, paths: ['empty-uploads'], outDir: join(root, 'out-empty') }, deps);
  assert.is(r.outcomes.length, 0);
  assert.is(r.exitCode, 66);
});

test.after(() => scratch.removeAll());

test.run();
