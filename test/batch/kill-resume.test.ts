// SIGKILL of the tracedoctor process itself in the middle of a batch: the tables it leaves are usable (whole
// rows, one per finished case, each with its case JSON), and the next run takes over the stale lock, reuses what
// state.json recorded and completes the tables.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliPath, projectRoot, samplesDir } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { createScratch } from './fixtures.js';
import { LOCK_FILE } from '../../src/batch/lock.js';

const scratch = createScratch();
test.after(() => scratch.removeAll());

// Enough small cases (about 20 ms each on a warm analysis thread) that the run outlasts its first state.json save.
const CASES = 600;

function csvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.endsWith('\r\n'), `${path} ends with a whole line`);
  // The case and file rows here hold no quoted line breaks.
  return text.slice(0, -2).split('\r\n').map((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')));
}

test('SIGKILL mid-run leaves usable partial tables; the resumed run completes them', async () => {
  const root = scratch.dir('tracedoctor-kill-');
  const uploads = join(root, 'uploads');
  const out = join(root, 'out');
  for (let i = 0; i < CASES; i++) {
    const dir = join(uploads, `case-${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(samplesDir, i % 2 === 0 ? 'hcw-2012-tls10-compressed.etl' : 'cipher-mismatch.etl'), join(dir, 'NetTrace.etl'));
  }
  const child = spawn(process.execPath, [cliPath, 'batch', uploads, '--out-dir', out, '--concurrency', '1'], { cwd: projectRoot, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // Kill once state.json has been saved once (the run saves it every few seconds) and a few more cases finished.
  const deadline = Date.now() + 120_000;
  let done = false;
  void exited.then(() => (done = true));
  while (!done && Date.now() < deadline && !existsSync(join(out, 'state.json'))) await sleep(20);
  await sleep(300);
  assert.not.ok(done, 'the run finished before it could be killed');
  const statePath = join(out, 'state.json');
  process.kill(child.pid!, 'SIGKILL');
  await exited;

  // The partial tables: a header and whole rows, one per finished case, each with its analyze JSON.
  const [header, ...rows] = csvRows(join(out, 'cases.csv'));
  assert.is(header![0], 'case_id');
  assert.ok(rows.length >= 1 && rows.length < CASES, `${rows.length} case rows after the kill`);
  const statusAt = header!.indexOf('status');
  for (const r of rows) {
    assert.is(r.length, header!.length, `whole row ${r[0]}`);
    assert.is(r[statusAt], 'ok', `${r[0]}: ${r[statusAt]}`);
    assert.ok(existsSync(join(out, 'cases', `${r[0]}.json`)), `cases/${r[0]}.json`);
    JSON.parse(readFileSync(join(out, 'cases', `${r[0]}.json`), 'utf8'));
  }
  const [fileHeader, ...fileRows] = csvRows(join(out, 'files.csv'));
  assert.is(fileHeader![0], 'case_id');
  const finished = new Set(rows.map((r) => r[0]));
  for (const id of finished) assert.ok(fileRows.some((f) => f[0] === id), `files.csv row of ${id}`);
  const [connHeader] = csvRows(join(out, 'connections.csv'));
  assert.is(connHeader![0], 'case_id');
  // A case's rows go out findings first and its cases row last: only the case cut mid-append can have rows
  // without a cases row (the final rewrite of the resumed run settles it).
  const findingCases = readFileSync(join(out, 'findings.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).case_id as string);
  const unlisted = new Set(findingCases.filter((id) => !finished.has(id)));
  assert.ok(unlisted.size <= 1, `findings of unlisted cases: ${[...unlisted].join(', ')}`);
  const saved = Object.keys((JSON.parse(readFileSync(statePath, 'utf8')) as { cases: object }).cases).length;
  assert.ok(saved >= 1 && saved <= rows.length, `state.json holds ${saved} cases`);
  assert.is(JSON.parse(readFileSync(join(out, LOCK_FILE), 'utf8')).pid, child.pid, 'the killed run left its lock');

  // The resumed run: takes the lock over, reuses what state.json recorded, writes every case.
  const resumed = runCli(['batch', uploads, '--out-dir', out, '--concurrency', '1'], { timeoutMs: 300_000 });
  assert.ok(resumed.status === 0 || resumed.status === 1, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`warning: taking over the lock of process ${child.pid} .*which no longer runs`));
  assert.match(resumed.stderr, new RegExp(`batch: ${CASES} cases — .* ${saved} unchanged \\(reused\\)`));
  const [, ...all] = csvRows(join(out, 'cases.csv'));
  assert.equal(all.map((r) => r[0]), Array.from({ length: CASES }, (_, i) => `case-${String(i).padStart(3, '0')}`), 'every case, in case order');
  assert.ok(all.every((r) => r[statusAt] === 'ok'));
  assert.is(Object.keys((JSON.parse(readFileSync(statePath, 'utf8')) as { cases: object }).cases).length, CASES);
  assert.not.ok(existsSync(join(out, LOCK_FILE)));
});

test.run();
