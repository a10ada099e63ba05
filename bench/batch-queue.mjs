// Part of `npm run bench` (also alone: `node bench/batch-queue.mjs`): batch throughput in cases per minute over a
// folder of small real cases (copies of the project's sample traces, one per case folder, plus a netsh text
// export each), locally with 1, 2 and 4 workers (`--concurrency`) and distributed over 2 queue workers
// (`tracedoctor worker --concurrency 1` ×2 on a private redis-server), and the enqueue overhead per case (discovery,
// hashing and adding the job: the time until the enqueuer reports the jobs added, less the start-up and connect
// time of `batch --queue … --status`). Prints a table; asserts nothing.
// The enqueue overhead is measured over 1,000 one-line text cases with no worker running. Options: --cases N
// (default 32).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'tracedoctor.js');
const args = process.argv.slice(2);
const cases = (args.includes('--cases') && Number(args[args.indexOf('--cases') + 1])) || 32;
/** Cases of the enqueue-overhead run (small text cases, nothing analysed). */
const ENQUEUE_CASES = 1000;
const work = mkdtempSync(join(tmpdir(), 'tracedoctor-bench-queue-'));

function buildCases() {
  const uploads = join(work, 'uploads');
  const samples = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.etl')).sort();
  for (let i = 0; i < cases; i++) {
    const dir = join(uploads, `case-${String(i).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(root, 'samples', samples[i % samples.length]), join(dir, 'NetTrace.etl'));
    writeFileSync(join(dir, 'NetTrace.txt'), `[0]0A1C.0B2C::08/28/17-10:00:00.123 [Microsoft-Windows-WinHttp]WinHttpSendRequest to outlook.office365.com (52.96.1.${i % 250}:443)\r\n`);
  }
  return uploads;
}

/** Runs the CLI; resolves with the wall time and the time at which stderr first matched `mark` (then stops it if `stopAtMark`). */
function timed(argv, { mark, stopAtMark } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let markedMs;
    let err = '';
    const child = spawn(process.execPath, [cli, ...argv], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d) => {
      err += d;
      if (mark && markedMs === undefined && mark.test(err)) {
        markedMs = performance.now() - t0;
        if (stopAtMark) child.kill('SIGTERM');
      }
    });
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, markedMs, code, stderr: err }));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function answers(port) {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host: '127.0.0.1' }, () => sock.write('PING\r\n'));
    sock.once('data', (d) => (sock.destroy(), resolve(String(d).startsWith('+PONG'))));
    sock.once('error', () => resolve(false));
  });
}

const rows = [];
const row = (mode, workers, r) =>
  rows.push({ mode, workers, cases, s: (r.ms / 1000).toFixed(1), 'cases/min': ((cases / r.ms) * 60_000).toFixed(0), exit: r.code });

try {
  const uploads = buildCases();
  for (const workers of [1, 2, 4]) {
    row('local', workers, await timed(['batch', uploads, '--out-dir', join(work, `local-${workers}`), '--concurrency', String(workers), '--force']));
  }
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    console.log('note: redis-server is not installed; the queue rows are left out');
  } else {
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], { stdio: 'ignore' });
    try {
      while (!(await answers(port))) await new Promise((r) => setTimeout(r, 100));
      const url = `redis://127.0.0.1:${port}/0`;
      // Enqueue overhead: the same folder enqueued with no worker running, timed until the jobs are added.
      // Over many small cases, so that the per-case part is well above the start-up time.
      const many = join(work, 'many');
      mkdirSync(many);
      for (let i = 0; i < ENQUEUE_CASES; i++) {
        writeFileSync(join(many, `case-${i}.txt`), `[0]0A1C.0B2C::08/28/17-10:00:00.123 [Microsoft-Windows-WinHttp]WinHttpSendRequest to outlook.office365.com (52.96.1.${i % 250}:443)\r\n`);
      }
      const enq = await timed(['batch', many, '--out-dir', join(work, 'enqueue-only'), '--queue', `${url.slice(0, -1)}1`], { mark: /enqueued on/, stopAtMark: true });
      // Start-up and connecting alone, to subtract: the same process asking for the queue's status.
      const base = await timed(['batch', '--queue', `${url.slice(0, -1)}1`, '--status']);
      const workers = [0, 1].map(() => spawn(process.execPath, [cli, 'worker', '--queue', url, '--root', uploads, '--concurrency', '1'], { cwd: work, stdio: 'ignore' }));
      try {
        await new Promise((r) => setTimeout(r, 1500));
        const q = await timed(['batch', uploads, '--out-dir', join(work, 'queued'), '--queue', url]);
        row('queue', 2, q);
        const perCase = ((enq.markedMs ?? NaN) - base.ms) / ENQUEUE_CASES;
        rows.push({ mode: 'enqueue only', workers: 0, cases: ENQUEUE_CASES, s: ((enq.markedMs ?? NaN) / 1000).toFixed(1), 'cases/min': `${perCase.toFixed(1)} ms/case`, exit: '–' });
      } finally {
        for (const w of workers) w.kill('SIGTERM');
      }
    } finally {
      redis.kill('SIGTERM');
    }
  }
  const width = Object.keys(rows[0]).map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  console.log(`\ntracedoctor batch — ${cases} small real cases (sample .etl + netsh text each), local --concurrency and 2 queue workers`);
  console.log(Object.keys(rows[0]).map((c, i) => c.padStart(width[i])).join('  '));
  for (const r of rows) console.log(Object.values(r).map((v, i) => String(v).padStart(width[i])).join('  '));
} finally {
  await new Promise((r) => setTimeout(r, 500));
  rmSync(work, { recursive: true, force: true });
}
