// Per-case limits: a case that never ends and one that allocates without end run through the real analysis worker
// thread (its test hook replaces the analysis) and end as `failed: timeout` / `failed: memory`; the batch goes on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkerAnalyzer } from '../../src/batch/analysis.js';
import { parseDuration, parseMemoryMb } from '../../src/batch/case-limits.js';
import { runBatch } from '../../src/batch/run.js';
import type { AnalyzeCase } from '../../src/batch/types.js';
import { sniffFormat } from '../../src/ingest/index.js';
import { parseCsv } from '../helpers/csv.js';
import { createScratch, netshText } from './fixtures.js';

const scratch = createScratch();

test('durations and memory sizes', () => {
  assert.is(parseDuration('600'), 600_000);
  assert.is(parseDuration('90s'), 90_000);
  assert.is(parseDuration('10m'), 600_000);
  assert.is(parseDuration('1h'), 3_600_000);
  assert.is(parseDuration('250ms'), 250);
  assert.is(parseDuration('ten'), undefined);
  assert.is(parseDuration('0'), undefined);
  assert.is(parseMemoryMb('1024'), 1024);
  assert.is(parseMemoryMb('1G'), 1024);
  assert.is(parseMemoryMb('512MiB'), 512);
  assert.is(parseMemoryMb('8'), undefined);
  assert.is(parseMemoryMb('lots'), undefined);
});

test('a looping case ends as failed: timeout, an allocating one as failed: memory, the others are analysed', async () => {
  const root = scratch.dir('tracedoctor-limits-');
  const uploads = join(root, 'uploads');
  for (const name of ['case-alloc', 'case-good', 'case-loop']) {
    mkdirSync(join(uploads, name), { recursive: true });
    writeFileSync(join(uploads, name, 'NetTrace.txt'), netshText(`WinHttpSendRequest to outlook.office365.com (52.96.1.2:443) ${name}`));
  }
  const real = createWorkerAnalyzer({ maxHeapMb: 256 });
  const looping = createWorkerAnalyzer({ maxHeapMb: 256, simulate: 'loop' });
  const allocating = createWorkerAnalyzer({ maxHeapMb: 64, simulate: 'allocate' });
  const analyze: AnalyzeCase = (files, opts) => {
    const path = files[0]!.display;
    return (path.includes('loop') ? looping : path.includes('alloc') ? allocating : real)(files, opts);
  };
  const out = join(root, 'out');
  const opts = { paths: ['uploads'], outDir: out, cwd: root, concurrency: 3, analysisVersion: 'test', caseLimits: { timeoutMs: 3000 } };
  const t0 = Date.now();
  const result = await runBatch(opts, { analyze, sniff: sniffFormat });
  const elapsed = Date.now() - t0;
  const cases = Object.fromEntries(parseCsv(readFileSync(join(out, 'cases.csv'), 'utf8')).map((r) => [r.case_id, r]));
  assert.is(cases['case-loop']!.status, 'failed: timeout');
  assert.is(cases['case-loop']!.exit_code, '65');
  assert.is(cases['case-alloc']!.status, 'failed: memory');
  assert.is(cases['case-alloc']!.exit_code, '65');
  assert.is(cases['case-good']!.status, 'ok');
  assert.ok(elapsed < 20_000, `the batch did not wait for the looping case (${elapsed} ms)`);
  const files = parseCsv(readFileSync(join(out, 'files.csv'), 'utf8'));
  assert.equal(files.filter((f) => f.case_id === 'case-loop').map((f) => f.status), ['analysed'], 'the stopped case keeps its file row');
  assert.is(result.exitCode, 65);

  // A case stopped at its limit is not reused: the next run analyses it again (perhaps with a longer limit).
  const again = await runBatch(opts, { analyze, sniff: sniffFormat });
  const loop = again.outcomes.find((o) => o.case.id === 'case-loop')!;
  assert.is(loop.row.reused, false);
  assert.is(again.outcomes.find((o) => o.case.id === 'case-good')!.row.reused, true);
});

test.after(() => scratch.removeAll());

test.run();
