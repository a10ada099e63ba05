// Batch against hostile upload folders and concurrent runs: non-regular files, links leaving the folder, a second
// run on the same --out-dir, stale locks, and an encrypted-only archive.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { existsSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { sniffFormat } from '../../src/ingest/index.js';
import { runBatch, type BatchOptions } from '../../src/batch/run.js';
import { LOCK_FILE } from '../../src/batch/lock.js';
import { TraceError } from '../../src/common/errors.js';
import { createScratch, fakeAnalyzer, netshText } from './fixtures.js';
import { buildZip } from './zip-writer.js';
import { runCli } from '../helpers/cli.js';

const scratch = createScratch();
test.after(() => scratch.removeAll());
const deps = () => ({ analyze: fakeAnalyzer().analyze, sniff: sniffFormat });

/** files.csv rows by path (the statuses here hold no quoted line breaks). */
function filesByPath(outDir: string): Map<string, { case_id: string; status: string }> {
  const [header, ...lines] = readFileSync(join(outDir, 'files.csv'), 'utf8').trim().split('\r\n');
  const cols = header!.split(',');
  const out = new Map<string, { case_id: string; status: string }>();
  for (const line of lines) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    const row = Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
    out.set(row.path!, { case_id: row.case_id!, status: row.status! });
  }
  return out;
}

function listen(path: string): Promise<Server> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(path, () => resolve(s));
  });
}

test('fifos, sockets and devices get a row "skipped: not a regular file" and never block the batch', async () => {
  const root = scratch.dir('tracedoctor-special-');
  const uploads = join(root, 'uploads');
  mkdirSync(join(uploads, 'case-a'), { recursive: true });
  writeFileSync(join(uploads, 'case-a', 'NetTrace.txt'), netshText('connected to outlook.office365.com 52.96.1.2'));
  assert.is(spawnSync('mkfifo', [join(uploads, 'case-a', 'pipe')]).status, 0);
  assert.is(spawnSync('mkfifo', [join(uploads, 'loose-pipe')]).status, 0);
  const server = await listen(join(uploads, 'case-a', 'agent.sock'));
  try {
    const started = Date.now();
    const r = await runBatch({ paths: ['uploads', '/dev/null'], outDir: join(root, 'out'), cwd: root, analysisVersion: 't' }, deps());
    assert.ok(Date.now() - started < 20_000);
    const files = filesByPath(join(root, 'out'));
    assert.equal(files.get('uploads/case-a/pipe'), { case_id: 'case-a', status: 'skipped: not a regular file' });
    assert.equal(files.get('uploads/case-a/agent.sock'), { case_id: 'case-a', status: 'skipped: not a regular file' });
    assert.equal(files.get('uploads/loose-pipe'), { case_id: '', status: 'skipped: not a regular file' });
    assert.equal(files.get('/dev/null'), { case_id: '', status: 'skipped: not a regular file' });
    assert.is(files.get('uploads/case-a/NetTrace.txt')!.status, 'analysed');
    assert.equal(r.outcomes.map((o) => [o.case.id, o.row.status]), [['case-a', 'ok']]);
  } finally {
    server.close();
  }
});

test('links leaving the upload folder are not followed; links inside it are', async () => {
  const root = scratch.dir('tracedoctor-links-');
  const uploads = join(root, 'uploads');
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(join(uploads, 'case-a'), { recursive: true });
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'NetTrace.txt'), netshText('secret traffic to private.contoso.com 10.9.9.9'));
  writeFileSync(join(uploads, 'case-a', 'NetTrace.txt'), netshText('connected to outlook.office365.com 52.96.1.2'));
  symlinkSync('/etc/passwd', join(uploads, 'case-a', 'passwd'));
  symlinkSync(elsewhere, join(uploads, 'case-a', 'more-logs'));
  symlinkSync(join(uploads, 'case-a', 'NetTrace.txt'), join(uploads, 'case-a', 'same-trace.txt'));
  symlinkSync(join(root, 'missing-target'), join(uploads, 'case-a', 'dangling'));
  symlinkSync(elsewhere, join(uploads, 'case-elsewhere'));
  symlinkSync(join(elsewhere, 'NetTrace.txt'), join(uploads, 'loose-link.txt'));
  const r = await runBatch({ paths: ['uploads'], outDir: join(root, 'out'), cwd: root, analysisVersion: 't' }, deps());
  const files = filesByPath(join(root, 'out'));
  assert.equal(files.get('uploads/case-a/passwd'), { case_id: 'case-a', status: 'skipped: link outside the upload folder' });
  assert.equal(files.get('uploads/case-a/more-logs'), { case_id: 'case-a', status: 'skipped: link outside the upload folder' });
  assert.equal(files.get('uploads/case-a/dangling'), { case_id: 'case-a', status: 'skipped: broken link' });
  assert.equal(files.get('uploads/case-elsewhere'), { case_id: '', status: 'skipped: link outside the upload folder' });
  assert.equal(files.get('uploads/loose-link.txt'), { case_id: '', status: 'skipped: link outside the upload folder' });
  assert.is(files.get('uploads/case-a/same-trace.txt')!.status, 'analysed', 'a link inside the folder is read');
  assert.equal(r.outcomes.map((o) => o.case.id), ['case-a']);
  const doc = readFileSync(join(root, 'out', 'cases', 'case-a.json'), 'utf8');
  assert.not.match(doc, /private\.contoso\.com|root:x:0/);
});

test('an archive of only encrypted entries: the case says "encrypted entry (password-protected)"', async () => {
  const root = scratch.dir('tracedoctor-encrypted-');
  mkdirSync(join(root, 'uploads'));
  writeFileSync(join(root, 'uploads', 'locked.zip'), buildZip([
    { name: 'NetTrace.etl', data: Buffer.alloc(300, 1), method: 0, encrypted: true },
    { name: 'NetTrace.txt', data: netshText('x'), method: 0, encrypted: true },
  ]));
  const r = await runBatch({ paths: ['uploads'], outDir: join(root, 'out'), cwd: root, analysisVersion: 't' }, deps());
  const row = r.outcomes[0]!.row;
  assert.match(row.status, /^failed: .*encrypted entry \(password-protected\)/);
  assert.match(row.status, /2 of 3 file\(s\)/);
  assert.not.match(row.status, /no trace or export among/);
  assert.is(row.exit_code, 65);
});

function batchOpts(root: string): BatchOptions {
  mkdirSync(join(root, 'uploads', 'case-a'), { recursive: true });
  writeFileSync(join(root, 'uploads', 'case-a', 'NetTrace.txt'), netshText('connected to outlook.office365.com 52.96.1.2'));
  return { paths: ['uploads'], outDir: join(root, 'out'), cwd: root, analysisVersion: 't' };
}

test('one batch per --out-dir: a live holder makes a second run refuse with 75; the lock is released after a run', async () => {
  const root = scratch.dir('tracedoctor-lock-');
  const opts = batchOpts(root);
  await runBatch(opts, deps());
  assert.not.ok(existsSync(join(root, 'out', LOCK_FILE)), 'released after the run');
  // A live process on this host holds it: this test process itself, as another batch would.
  writeFileSync(join(root, 'out', LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00Z' }));
  try {
    await runBatch(opts, deps());
    assert.unreachable('second run went ahead');
  } catch (err) {
    assert.instance(err, TraceError);
    assert.is((err as TraceError).exitCode, 75);
    assert.match((err as TraceError).message, new RegExp(`another batch \\(process ${process.pid}, started 2026-01-01T00:00:00Z\\) is writing to this output directory`));
  }
  assert.ok(existsSync(join(root, 'out', LOCK_FILE)), "the holder's lock is left alone");
  const cli = runCli(['batch', join(root, 'uploads'), '--out-dir', join(root, 'out')]);
  assert.is(cli.status, 75, cli.stderr);
  assert.match(cli.stderr, /out: another batch \(process \d+, started .*\) is writing to this output directory; wait for it to finish/);
  // On another host the holder cannot be checked: refused too, with how to clear it.
  writeFileSync(join(root, 'out', LOCK_FILE), JSON.stringify({ pid: 1, host: 'other-host.example', started: '2026-01-01T00:00:00Z' }));
  const remote = runCli(['batch', join(root, 'uploads'), '--out-dir', join(root, 'out')]);
  assert.is(remote.status, 75);
  assert.match(remote.stderr, /process 1 on host other-host\.example.*remove \.tracedoctor-batch\.lock if that process no longer runs/);
});

test('a stale lock (its process no longer runs) is taken over with a warning', async () => {
  const root = scratch.dir('tracedoctor-stale-');
  const opts = batchOpts(root);
  mkdirSync(opts.outDir, { recursive: true });
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(dead.stdout);
  writeFileSync(join(opts.outDir, LOCK_FILE), JSON.stringify({ pid: deadPid, host: hostname(), started: '2026-01-01T00:00:00Z' }));
  writeFileSync(join(opts.outDir, 'state.json.tmp-123-abc'), 'half');
  const warnings: string[] = [];
  const r = await runBatch({ ...opts, onWarning: (m) => warnings.push(m) }, deps());
  assert.is(r.exitCode, 0);
  assert.equal(warnings, [`taking over the lock of process ${deadPid} (started 2026-01-01T00:00:00Z), which no longer runs; its finished cases are kept`]);
  assert.not.ok(existsSync(join(opts.outDir, LOCK_FILE)));
  assert.not.ok(existsSync(join(opts.outDir, 'state.json.tmp-123-abc')), 'temporary files of the killed run are removed');
});

test('an unreadable lock: held while young (being written), taken over with a warning once old', async () => {
  const root = scratch.dir('tracedoctor-garbled-');
  const opts = batchOpts(root);
  mkdirSync(opts.outDir, { recursive: true });
  const lock = join(opts.outDir, LOCK_FILE);
  writeFileSync(lock, '');
  try {
    await runBatch(opts, deps());
    assert.unreachable('ran over a lock being written');
  } catch (err) {
    assert.is((err as TraceError).exitCode, 75);
  }
  utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  const warnings: string[] = [];
  const r = await runBatch({ ...opts, onWarning: (m) => warnings.push(m) }, deps());
  assert.is(r.exitCode, 0);
  assert.equal(warnings, [`taking over an unreadable lock file ${lock}`]);
});

test.run();
