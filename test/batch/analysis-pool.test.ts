// The analysis threads are long-lived: a thread takes case after case, one that runs out of time or heap is
// replaced and only its case fails, and a case's outputs never depend on the cases its thread analysed before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeDenseTrace } from '../../bench/dense-trace.js';
import { createWorkerAnalyzer, type AnalysisPool } from '../../src/batch/analysis.js';
import { runBatch } from '../../src/batch/run.js';
import { sniffFormat, sniffPath } from '../../src/ingest/index.js';
import type { SniffFormat } from '../../src/batch/types.js';
import { parseCsv } from '../helpers/csv.js';
import { createScratch, netshText } from './fixtures.js';

const scratch = createScratch();
const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));
const textFixtures = fileURLToPath(new URL('../../../test/fixtures/text/', import.meta.url));
const sniff: SniffFormat = (head, path) => sniffFormat(head) ?? (path ? sniffPath(path) : undefined);

/** Every output of a run but state.json, by name. */
function outputsOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (name !== 'state.json' && name !== 'cases' && !name.startsWith('.')) files[name] = readFileSync(join(dir, name), 'utf8');
  for (const name of readdirSync(join(dir, 'cases'))) files[`cases/${name}`] = readFileSync(join(dir, 'cases', name), 'utf8');
  return files;
}

function statuses(outDir: string): Record<string, string> {
  return Object.fromEntries(parseCsv(readFileSync(join(outDir, 'cases.csv'), 'utf8')).map((r) => [r.case_id!, r.status!]));
}

/** One case per sample trace and per text export, and a dense trace that is large enough to be analysed compactly. */
async function manyCases(uploads: string): Promise<void> {
  for (const name of readdirSync(samples).filter((n) => n.endsWith('.etl'))) {
    mkdirSync(join(uploads, name), { recursive: true });
    copyFileSync(join(samples, name), join(uploads, name, name));
  }
  for (const name of readdirSync(textFixtures)) {
    mkdirSync(join(uploads, `text-${name}`), { recursive: true });
    copyFileSync(join(textFixtures, name), join(uploads, `text-${name}`, name));
  }
  mkdirSync(join(uploads, 'dense'), { recursive: true });
  await writeDenseTrace(join(uploads, 'dense', 'NetTrace.etl'), 3e6);
}

test('one thread analyses case after case; a thread is replaced after its number of cases', async () => {
  const root = scratch.dir('tracedoctor-pool-');
  const uploads = join(root, 'uploads');
  for (const name of ['case-a', 'case-b', 'case-c']) {
    mkdirSync(join(uploads, name), { recursive: true });
    writeFileSync(join(uploads, name, 'NetTrace.txt'), netshText(`WinHttpSendRequest to outlook.office365.com (52.96.1.2:443) ${name}`));
  }
  const run = async (pool: AnalysisPool, out: string) => {
    try {
      await runBatch({ paths: [uploads], outDir: join(root, out), cwd: root, concurrency: 1, force: true }, { analyze: pool, sniff });
    } finally {
      await pool.close();
    }
    return statuses(join(root, out));
  };
  const shared = createWorkerAnalyzer({ maxHeapMb: 256 });
  assert.equal(await run(shared, 'out-shared'), { 'case-a': 'ok', 'case-b': 'ok', 'case-c': 'ok' });
  assert.is(shared.threadsStarted, 1);
  const recycled = createWorkerAnalyzer({ maxHeapMb: 256, casesPerThread: 2 });
  assert.equal(await run(recycled, 'out-recycled'), { 'case-a': 'ok', 'case-b': 'ok', 'case-c': 'ok' });
  assert.is(recycled.threadsStarted, 2);
});

test('a thread that waits longer than its idle time for the next case ends; the next case starts a fresh one', async () => {
  const root = scratch.dir('tracedoctor-pool-idle-');
  const file = join(root, 'NetTrace.txt');
  writeFileSync(file, netshText('WinHttpSendRequest to outlook.office365.com (52.96.1.2:443)'));
  const pool = createWorkerAnalyzer({ maxHeapMb: 256, idleMs: 200 });
  const input = [{ path: file, format: 'netsh_txt' as const, display: 'NetTrace.txt' }];
  try {
    await pool(input);
    await pool(input);
    assert.is(pool.threadsStarted, 1, 'a case right after another takes the same thread');
    await sleep(600);
    await pool(input);
    assert.is(pool.threadsStarted, 2);
  } finally {
    await pool.close();
  }
});

test('a thread stopped at the time or memory limit is replaced: only its case fails', async () => {
  const root = scratch.dir('tracedoctor-pool-limits-');
  const uploads = join(root, 'uploads');
  for (const name of ['case-1-alloc', 'case-2-good', 'case-3-loop', 'case-4-good']) {
    mkdirSync(join(uploads, name), { recursive: true });
    writeFileSync(join(uploads, name, 'NetTrace.txt'), netshText(`WinHttpSendRequest to outlook.office365.com (52.96.1.2:443) ${name}`));
  }
  const pool = createWorkerAnalyzer({
    maxHeapMb: 64,
    simulate: (paths) => (paths[0]!.includes('loop') ? 'loop' : paths[0]!.includes('alloc') ? 'allocate' : undefined),
  });
  const out = join(root, 'out');
  try {
    await runBatch({ paths: [uploads], outDir: out, cwd: root, concurrency: 1, caseLimits: { timeoutMs: 3000 } }, { analyze: pool, sniff });
  } finally {
    await pool.close();
  }
  assert.equal(statuses(out), { 'case-1-alloc': 'failed: memory', 'case-2-good': 'ok', 'case-3-loop': 'failed: timeout', 'case-4-good': 'ok' });
  assert.is(pool.threadsStarted, 3, 'the threads ended by the memory and the time limit were replaced, the good ones kept');
});

test('a case analysed after other cases in the same thread gives the same outputs as in a fresh thread', async () => {
  const root = scratch.dir('tracedoctor-pool-state-');
  const uploads = join(root, 'uploads');
  await manyCases(uploads);
  const run = async (out: string, pool: AnalysisPool, passes = 1) => {
    try {
      for (let i = 0; i < passes; i++) {
        await runBatch({ paths: [uploads], outDir: join(root, out), cwd: root, concurrency: 1, force: true }, { analyze: pool, sniff });
      }
    } finally {
      await pool.close();
    }
    return outputsOf(join(root, out));
  };
  // Each case in a thread of its own, as a one-case `analyze` would run it.
  const freshPool = createWorkerAnalyzer({ maxHeapMb: 512, casesPerThread: 1 });
  const fresh = await run('out-fresh', freshPool);
  // All cases in one thread, twice over: on the second pass every case follows all the others.
  const sharedPool = createWorkerAnalyzer({ maxHeapMb: 512 });
  const shared = await run('out-shared', sharedPool, 2);
  assert.is(sharedPool.threadsStarted, 1);
  const caseCount = readdirSync(uploads).length;
  assert.is(freshPool.threadsStarted, caseCount);
  assert.is(Object.keys(fresh).filter((n) => n.startsWith('cases/')).length, caseCount, 'every case has its document');
  assert.equal(Object.keys(shared).sort(), Object.keys(fresh).sort());
  for (const name of Object.keys(fresh)) assert.is(shared[name], fresh[name], name);
});

test.after(() => scratch.removeAll());
test.run();
