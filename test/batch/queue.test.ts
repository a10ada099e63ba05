// Distributed batch on a private Redis: one enqueuer and two `tracedoctor worker` processes over 40 cases (good
// traces and exports, corrupt files, zip bombs, slow exports); one worker is killed with SIGKILL in the middle of
// a case. Every case must end with exactly one row with the right status, and the outputs must be those of a
// local run of the same folder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCsv } from '../helpers/csv.js';
import { cliPath, samplesDir } from '../helpers/paths.js';
import { hasRedisServer, startRedis, type TestRedis } from '../helpers/redis.js';
import { createScratch, netshText } from './fixtures.js';
import { buildZip } from './zip-writer.js';
import { maskSecrets, maskUrlText, parseQueueUrl } from '../../src/batch/queue/redis-url.js';

const scratch = createScratch();

interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number>;
}

/** Temporary files of the processes (a killed worker cannot remove its own) stay in the test's scratch space. */
const processTemp = scratch.dir('tracedoctor-queue-tmp-');

function cli(args: string[], cwd: string): Proc {
  const env = { ...process.env, NO_COLOR: '1', TMPDIR: processTemp };
  const child = spawn(process.execPath, [cliPath, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  return { child, stderr: () => err, exited };
}

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('Redis URLs: parsed into a connection, passwords never printed', () => {
  const q = parseQueueUrl('redis://alice:s3cr%40t@queue.example:6380/2');
  assert.equal([q.connection.host, q.connection.port, q.connection.db, q.connection.username, q.connection.password], ['queue.example', 6380, 2, 'alice', 's3cr@t']);
  assert.is(q.display, 'redis://alice:***@queue.example:6380/2');
  assert.is(maskSecrets('AUTH failed for s3cr@t at redis://alice:s3cr%40t@queue.example:6380/2', q), 'AUTH failed for *** at redis://alice:***@queue.example:6380/2');
  assert.is(maskUrlText('redis://:pw@h:1'), 'redis://:***@h:1');
  assert.is(parseQueueUrl('redis://127.0.0.1:6379').display, 'redis://127.0.0.1:6379');
  assert.throws(() => parseQueueUrl('http://u:pw@h/'), (e: Error) => !e.message.includes('pw') && /not a Redis URL/.test(e.message));
  assert.throws(() => parseQueueUrl('redis://h:1/x'), /must be a number/);
});

/** The mixed folder of 40 cases and the status each must end with. */
function buildFortyCases(root: string): Record<string, RegExp> {
  const uploads = join(root, 'uploads');
  mkdirSync(uploads);
  const expected: Record<string, RegExp> = {};
  const etls = readdirSync(samplesDir).filter((f) => f.endsWith('.etl')).sort();
  for (let i = 0; i < 16; i++) {
    const id = `good-etl-${String(i).padStart(2, '0')}`;
    mkdirSync(join(uploads, id));
    writeFileSync(join(uploads, id, 'NetTrace.etl'), readFileSync(join(samplesDir, etls[i % etls.length]!)));
    expected[id] = /^ok$/;
  }
  for (let i = 0; i < 8; i++) {
    const id = `good-txt-${i}`;
    writeFileSync(join(uploads, `${id}.txt`), netshText(`WinHttpSendRequest to outlook.office365.com (52.96.${i}.2:443) request ${i}`));
    expected[`${id}.txt`] = /^ok$/;
  }
  const etl = readFileSync(join(samplesDir, etls[0]!));
  for (let i = 0; i < 3; i++) {
    writeFileSync(join(uploads, `corrupt-etl-${i}.etl`), etl.subarray(0, 0x48 + 700 + i * 3000));
    expected[`corrupt-etl-${i}.etl`] = /^failed: /;
  }
  for (let i = 0; i < 3; i++) {
    writeFileSync(join(uploads, `corrupt-zip-${i}.zip`), Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(3000 + i)]));
    expected[`corrupt-zip-${i}`] = /^failed: .*not a readable ZIP archive|^failed: /;
  }
  for (let i = 0; i < 4; i++) {
    writeFileSync(join(uploads, `bomb-${i}.zip`), buildZip([{ name: 'NetTrace.etl', data: Buffer.alloc((24 + i) * 1024 * 1024) }]));
    expected[`bomb-${i}`] = /^failed: .*compression ratio of \d+:1.*possible zip bomb/;
  }
  const line = netshText('WinHttpSendRequest to mail.contoso.com (10.20.30.40:443) request sent');
  for (let i = 0; i < 4; i++) {
    writeFileSync(join(uploads, `slow-${i}.txt.gz`), gzipSync(Buffer.concat(Array.from({ length: 150_000 + i }, () => line))));
    expected[`slow-${i}.txt`] = /^ok$/;
  }
  for (let i = 0; i < 2; i++) {
    mkdirSync(join(uploads, `mixed-${i}`));
    writeFileSync(join(uploads, `mixed-${i}`, 'NetTrace.etl'), etl);
    writeFileSync(join(uploads, `mixed-${i}`, 'bundle.zip'), buildZip([{ name: 'logs/NetTrace.txt', data: netshText(`request ${i} to outlook.office365.com`) }]));
    expected[`mixed-${i}`] = /^ok$/;
  }
  assert.is(Object.keys(expected).length, 40);
  return expected;
}

function outputsOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['cases.csv', 'files.csv', 'connections.csv', 'findings.jsonl']) out[name] = readFileSync(join(dir, name), 'utf8');
  for (const name of readdirSync(join(dir, 'cases')).sort()) out[`cases/${name}`] = readFileSync(join(dir, 'cases', name), 'utf8');
  return out;
}

if (!hasRedisServer()) {
  console.log('note: redis-server is not installed; the distributed batch tests are skipped (apt-get install redis-server)');
  test.skip('40 cases over two workers, one killed with SIGKILL mid-case', () => undefined);
} else {
  let redis: TestRedis | undefined;
  const running: Proc[] = [];
  const root = scratch.dir('tracedoctor-queue-');
  const expected = buildFortyCases(root);
  const roots = ['--root', join(root, 'uploads')];

  test.before(async () => {
    redis = await startRedis();
  });

  test('40 cases over two workers, one killed with SIGKILL mid-case: one row each, same outputs as a local run', async () => {
    const url = `${redis!.url}/0`;
    const workerArgs = ['worker', '--queue', url, ...roots, '--concurrency', '2', '--lock-duration', '2s'];
    const a = cli(workerArgs, root);
    const b = cli(workerArgs, root);
    running.push(a, b);
    await until('both workers', () => /worker .* on redis/.test(a.stderr()) && /worker .* on redis/.test(b.stderr()), 20_000);
    const batch = cli(['batch', 'uploads', '--out-dir', 'queued', '--queue', url], root);
    running.push(batch);
    // Kill worker A while it holds a case: after it finished a few, when it has started more than it finished.
    await until('worker A in the middle of a case', () => {
      const log = a.stderr();
      const started = (log.match(/ started /g) ?? []).length;
      const done = (log.match(/ (done|failed) /g) ?? []).length;
      return done >= 3 && started > done;
    }, 120_000);
    a.child.kill('SIGKILL');
    const code = await batch.exited;
    assert.is(code, 65, batch.stderr());
    assert.match(batch.stderr(), /batch: 40 cases; 40 enqueued on redis:\/\/127\.0\.0\.1:\d+\/0, 0 already done/);
    assert.match(b.stderr(), /started \S+ \(attempt 2\)/, 'worker B took over the killed worker\'s case');

    const rows = parseCsv(readFileSync(join(root, 'queued', 'cases.csv'), 'utf8'));
    assert.is(rows.length, 40);
    assert.is(new Set(rows.map((r) => r.case_id)).size, 40, 'exactly one row per case');
    for (const r of rows) assert.match(r.status, expected[r.case_id]!, r.case_id);

    const local = cli(['batch', 'uploads', '--out-dir', 'local', '--concurrency', '2'], root);
    running.push(local);
    assert.is(await local.exited, 65, local.stderr());
    const q = outputsOf(join(root, 'queued'));
    const l = outputsOf(join(root, 'local'));
    assert.equal(Object.keys(q), Object.keys(l));
    for (const name of Object.keys(l)) assert.fixture(q[name]!, l[name]!, name);

    // Enqueueing the same uploads again is a no-op: every case is taken from its finished job.
    const again = cli(['batch', 'uploads', '--out-dir', 'queued', '--queue', url], root);
    running.push(again);
    assert.is(await again.exited, 65);
    assert.match(again.stderr(), /40 cases; 0 enqueued .* 40 already done/);
    assert.match(again.stderr(), /40 unchanged \(reused\)/);
    const status = cli(['batch', '--queue', url, '--status'], root);
    assert.is(await status.exited, 0);
    b.child.kill('SIGTERM');
    assert.is(await b.exited, 0, b.stderr());
  });

  test('a worker reads only below its roots; a case elsewhere fails once, with the reason', async () => {
    const url = `${redis!.url}/1`;
    const other = join(root, 'elsewhere');
    mkdirSync(join(other, 'case-x'), { recursive: true });
    writeFileSync(join(other, 'case-x', 'NetTrace.txt'), netshText('request to outlook.office365.com'));
    const w = cli(['worker', '--queue', url, ...roots, '--concurrency', '1'], root);
    running.push(w);
    await until('the worker', () => /worker .* on redis/.test(w.stderr()), 20_000);
    const batch = cli(['batch', 'elsewhere', '--out-dir', 'elsewhere-out', '--queue', url, '--html', '--lang', 'ja'], root);
    running.push(batch);
    assert.is(await batch.exited, 70, batch.stderr());
    const [row] = parseCsv(readFileSync(join(root, 'elsewhere-out', 'cases.csv'), 'utf8'));
    assert.match(row!.status, /^failed: elsewhere\/case-x is not below this worker's --root directories$/);
    // The worker's reason reaches the enqueuer as a message: the Japanese index says it in Japanese.
    const index = readFileSync(join(root, 'elsewhere-out', 'index.html'), 'utf8');
    assert.match(index, /<td>失敗: elsewhere\/case-x はこのワーカーの --root ディレクトリの下にありません<\/td>/);
    assert.is((w.stderr().match(/started case-x/g) ?? []).length, 1, 'not retried');
    w.child.kill('SIGTERM');
    await w.exited;
  });

  test('--attempts: a case whose worker dies more often than allowed ends as failed, with the reason', async () => {
    const url = `${redis!.url}/3`;
    const one = join(root, 'one-slow');
    mkdirSync(one);
    writeFileSync(join(one, 'slow.txt.gz'), readFileSync(join(root, 'uploads', 'slow-0.txt.gz')));
    const w1 = cli(['worker', '--queue', url, '--root', one, '--concurrency', '1', '--lock-duration', '1s'], root);
    running.push(w1);
    await until('the first worker', () => /worker .* on redis/.test(w1.stderr()), 20_000);
    const batch = cli(['batch', 'one-slow', '--out-dir', 'one-out', '--queue', url, '--attempts', '1'], root);
    running.push(batch);
    await until('the case to start', () => /started slow\.txt/.test(w1.stderr()), 60_000);
    w1.child.kill('SIGKILL');
    const w2 = cli(['worker', '--queue', url, '--root', one, '--concurrency', '1', '--lock-duration', '1s'], root);
    running.push(w2);
    assert.is(await batch.exited, 70, batch.stderr());
    const [row] = parseCsv(readFileSync(join(root, 'one-out', 'cases.csv'), 'utf8'));
    assert.is(row!.status, 'failed: its worker stopped before finishing the case (started 2 times, --attempts 1)');
    w2.child.kill('SIGTERM');
    await w2.exited;
  });

  test('a Redis password never appears in errors', async () => {
    const r = cli(['batch', 'uploads', '--out-dir', 'pw', '--queue', `redis://user:hunter2@127.0.0.1:${redis!.port}/2`], root);
    running.push(r);
    assert.is(await r.exited, 74);
    assert.match(r.stderr(), /queue redis:\/\/user:\*\*\*@127\.0\.0\.1:\d+\/2: WRONGPASS/);
    assert.not.match(r.stderr(), /hunter2/);
  });

  test.after(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await redis?.stop();
    scratch.removeAll();
  });
}

test.run();
