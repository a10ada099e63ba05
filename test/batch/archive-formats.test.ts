// CAB, 7z, tar, .tar.gz and .gz uploads, built at test time with the tools customers' machines use (gcab for the
// CAB that `netsh trace stop` writes, 7-Zip, GNU tar, gzip) and with tar-stream for archives those tools refuse to
// write (zip-slip names). A test whose tool is missing is skipped with a message.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from '../../src/batch/archive.js';
import { materialiseCase } from '../../src/batch/materialise.js';
import { runBatch } from '../../src/batch/run.js';
import { sniffFormat } from '../../src/ingest/index.js';
import { createScratch, fakeAnalyzer, netshText } from './fixtures.js';
import { parseCsv } from '../helpers/csv.js';
import { samplesDir } from '../helpers/paths.js';

const scratch = createScratch();
const work = scratch.dir('tracedoctor-formats-');
const trace = netshText('WinHttpSendRequest to mail.contoso.com (10.20.30.40:443) RESET by server');
const report = Buffer.from('<html><body>netsh trace report</body></html>');

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

function toolTest(tools: string, name: string, fn: () => Promise<void>): void {
  const missing = tools.split(' ').filter((t) => !has(t));
  if (missing.length === 0) test(name, fn);
  else {
    console.log(`note: ${missing.join(', ')} not installed; "${name}" is skipped (install it to run this test)`);
    test.skip(name, fn);
  }
}

let n = 0;
/** A fresh folder holding `files` (name → content), for a tool to pack. */
function folder(files: Record<string, Buffer>): string {
  const dir = join(work, `src${n++}`);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

function sh(cwd: string, cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

async function materialise(path: string, display: string, limits: Partial<ArchiveLimits> = {}) {
  const m = await materialiseCase([{ path, display, size: readFileSync(path).length, sha256: '' }], {
    caseId: 'c', sniff: sniffFormat, limits: { ...DEFAULT_ARCHIVE_LIMITS, ...limits }, tempRoot: work,
  });
  await m.cleanup();
  return m;
}

function tarOf(entries: Array<{ name: string; data?: Buffer; type?: 'file' | 'symlink'; linkname?: string }>): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const e of entries) {
    if (e.type === 'symlink') pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname ?? '' });
    else pack.entry({ name: e.name, size: e.data!.length }, e.data!);
  }
  pack.finalize();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => chunks.push(c as Buffer));
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}

toolTest('gcab', 'a netsh-style CAB (gcab -c -z): report files and the trace inside are inputs, each with a row', async () => {
  const etl = readFileSync(join(samplesDir, 'healthy-tls12.etl'));
  const dir = folder({ 'NetTrace.etl': etl, 'NetTrace.txt': trace, 'report.html': report, 'config/adapters.txt': Buffer.from('adapter list') });
  const cab = join(work, 'NetTrace.cab');
  sh(dir, 'gcab', ['-c', '-z', cab, 'NetTrace.etl', 'NetTrace.txt', 'report.html', 'config/adapters.txt']);
  const m = await materialise(cab, 'NetTrace.cab');
  assert.equal(m.problems, []);
  assert.equal(m.files[0]!.format, 'cab');
  assert.is(m.files[0]!.status, 'expanded: 4 file entries');
  const rows = Object.fromEntries(m.files.slice(1).map((f) => [f.path, f]));
  assert.is(rows['NetTrace.cab!/NetTrace.txt']!.status, 'analysed');
  assert.is(rows['NetTrace.cab!/NetTrace.txt']!.size, trace.length);
  assert.match(rows['NetTrace.cab!/NetTrace.txt']!.sha256, /^[0-9a-f]{64}$/);
  assert.match(rows['NetTrace.cab!/report.html']!.status, /^skipped: not a trace/);
  assert.ok(rows['NetTrace.cab!/config/adapters.txt']);
  assert.equal([rows['NetTrace.cab!/NetTrace.etl']!.format, rows['NetTrace.cab!/NetTrace.etl']!.size], ['etl', etl.length]);
  assert.equal(m.inputs.map((i) => [i.display, i.format]), [['NetTrace.cab!/NetTrace.etl', 'etl'], ['NetTrace.cab!/NetTrace.txt', 'netsh_txt']]);
});

toolTest('gcab', 'CAB limits: declared size and ratio are checked before extraction; a damaged CAB fails its case', async () => {
  const dir = folder({ 'NetTrace.txt': trace, 'zeros.bin': Buffer.alloc(4 * 1024 * 1024) });
  const cab = join(work, 'limits.cab');
  sh(dir, 'gcab', ['-c', '-z', cab, 'NetTrace.txt', 'zeros.bin']);
  const big = await materialise(cab, 'limits.cab', { maxEntryBytes: 1024 * 1024 });
  assert.match(big.problems[0]!.message, /entry "zeros\.bin" declares 4194304 bytes uncompressed; the per-entry limit is 1048576/);
  assert.is(big.inputs.length, 0);
  const ratio = await materialise(cab, 'limits.cab', { ratioAppliesAbove: 1024 * 1024, maxRatio: 20 });
  assert.match(ratio.problems[0]!.message, /entry "zeros\.bin" has a compression ratio of \d+:1/);
  const damaged = join(work, 'damaged.cab');
  const bytes = readFileSync(cab);
  writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const d = await materialise(damaged, 'damaged.cab');
  assert.is(d.inputs.length, 0);
  assert.match(d.files[0]!.status, /^failed: /);
  assert.is(d.problems[0]!.exitCode, 65);
  assert.is(d.problems[0]!.file, 'damaged.cab');
});

toolTest('7z', '7z (7z a): nested folders extract; encrypted entries are skipped with a row; encrypted names fail the case', async () => {
  const dir = folder({ 'logs/NetTrace.txt': trace, 'report.html': report });
  const plain = join(work, 'upload.7z');
  sh(dir, '7z', ['a', '-bd', plain, 'logs', 'report.html']);
  const m = await materialise(plain, 'upload.7z');
  assert.equal(m.problems, []);
  assert.is(m.files[0]!.format, '7z');
  assert.equal(m.inputs.map((i) => i.display), ['upload.7z!/logs/NetTrace.txt']);
  assert.equal(readdirSync(work).filter((f) => f.startsWith('tracedoctor-case-')), [], 'extracted files are removed by cleanup');
});

toolTest('7z', '7z encryption and limits', async () => {
  const dir = folder({ 'NetTrace.txt': trace });
  const locked = join(work, 'locked.7z');
  sh(dir, '7z', ['a', '-bd', '-psecret', locked, 'NetTrace.txt']);
  const m = await materialise(locked, 'locked.7z');
  assert.equal(m.problems, []);
  assert.match(m.files[1]!.status, /^skipped: encrypted entry/);
  assert.is(m.inputs.length, 0);
  const hidden = join(work, 'hidden.7z');
  sh(dir, '7z', ['a', '-bd', '-psecret', '-mhe=on', hidden, 'NetTrace.txt']);
  const h = await materialise(hidden, 'hidden.7z');
  assert.match(h.problems[0]!.message, /encrypted 7z archive \(password-protected names\)/);
  const zeros = folder({ 'zeros.bin': Buffer.alloc(8 * 1024 * 1024) });
  const bomb = join(work, 'bomb.7z');
  sh(zeros, '7z', ['a', '-bd', bomb, 'zeros.bin']);
  const b = await materialise(bomb, 'bomb.7z', { ratioAppliesAbove: 1024 * 1024 });
  assert.match(b.problems[0]!.message, /compression ratio of \d+:1 .* the limit is 1000:1 \(possible zip bomb\)/);
  assert.equal(readdirSync(work).filter((f) => f.startsWith('tracedoctor-case-')), [], 'nothing left behind');
});

toolTest('tar', '.tar and .tar.gz (tar -cf / -czf): entries extracted with a row each; symbolic links are skipped', async () => {
  const dir = folder({ 'logs/NetTrace.txt': trace, 'report.html': report });
  symlinkSync('/etc/passwd', join(dir, 'logs', 'passwd'));
  const tarPath = join(work, 'upload.tar');
  const tgzPath = join(work, 'upload.tgz');
  sh(dir, 'tar', ['-cf', tarPath, 'logs', 'report.html']);
  sh(dir, 'tar', ['-czf', tgzPath, 'logs', 'report.html']);
  for (const [path, display, format] of [[tarPath, 'upload.tar', 'tar'], [tgzPath, 'upload.tgz', 'gz']] as const) {
    const m = await materialise(path, display);
    assert.equal(m.problems, [], display);
    assert.is(m.files[0]!.format, format);
    const rows = Object.fromEntries(m.files.slice(1).map((f) => [f.path, f.status]));
    assert.is(rows[`${display}!/logs/NetTrace.txt`], 'analysed');
    assert.match(rows[`${display}!/logs/passwd`]!, /^skipped: not a regular file \(symlink to "\/etc\/passwd"\)/);
    assert.equal(m.inputs.map((i) => i.display), [`${display}!/logs/NetTrace.txt`]);
  }
});

test('tar zip-slip: an unsafe name rejects the archive and removes what was already extracted', async () => {
  for (const name of ['../../evil.txt', '/etc/evil.txt', 'logs/../../evil.txt']) {
    const tar = await tarOf([{ name: 'NetTrace.txt', data: trace }, { name, data: trace }]);
    for (const [file, bytes] of [['slip.tar', tar], ['slip.tar.gz', gzipSync(tar)]] as const) {
      const p = join(work, file);
      writeFileSync(p, bytes);
      const m = await materialise(p, file);
      assert.match(m.problems[0]!.message, /unsafe entry name .*zip-slip/, `${file} ${name}`);
      assert.is(m.inputs.length, 0);
    }
  }
  assert.equal(readdirSync(work).filter((f) => f.startsWith('tracedoctor-case-')), []);
});

test('.tar.gz bomb: a large entry from few compressed bytes is stopped while inflating', async () => {
  const tar = await tarOf([{ name: 'NetTrace.etl', data: Buffer.alloc(8 * 1024 * 1024) }]);
  const p = join(work, 'bomb.tgz');
  writeFileSync(p, gzipSync(tar, { level: 9 }));
  const m = await materialise(p, 'bomb.tgz', { ratioAppliesAbove: 1024 * 1024, maxRatio: 100 });
  assert.match(m.problems[0]!.message, /compression ratio of \d+:1 .*the limit is 100:1/);
  const counted = await materialise(p, 'bomb.tgz', { maxEntryBytes: 1000 });
  assert.match(counted.problems[0]!.message, /declares 8388608 bytes .* per-entry limit is 1000/);
  const truncated = join(work, 'cut.tgz');
  const whole = gzipSync(await tarOf([{ name: 'NetTrace.txt', data: Buffer.concat([trace, randomBytes(100_000)]) }]));
  writeFileSync(truncated, whole.subarray(0, whole.length - 2000));
  const cut = await materialise(truncated, 'cut.tgz');
  assert.is(cut.problems[0]!.exitCode, 65);
  assert.match(cut.problems[0]!.message, /unexpected end|cannot extract|not a readable/);
});

toolTest('gzip', 'a .gz of a single trace (gzip -k) is read as that trace, named as gzip stored it', async () => {
  const dir = folder({ 'NetTrace.txt': trace });
  sh(dir, 'gzip', ['-k', 'NetTrace.txt']);
  const m = await materialise(join(dir, 'NetTrace.txt.gz'), 'NetTrace.txt.gz');
  assert.equal(m.problems, []);
  assert.is(m.files[0]!.format, 'gz');
  assert.equal(m.files.map((f) => [f.path, f.status]), [['NetTrace.txt.gz', 'expanded: 1 file entry'], ['NetTrace.txt.gz!/NetTrace.txt', 'analysed']]);
  assert.is(m.files[1]!.size, trace.length);
});

toolTest('gcab 7z tar', 'batch: a folder of CAB, 7z, tgz and gz uploads makes one case per archive, ids without the extension', async () => {
  const root = scratch.dir('tracedoctor-formats-batch-');
  const uploads = join(root, 'uploads');
  mkdirSync(uploads);
  const dir = folder({ 'NetTrace.txt': trace });
  sh(dir, 'gcab', ['-c', '-z', join(uploads, 'case-a.cab'), 'NetTrace.txt']);
  sh(dir, '7z', ['a', '-bd', join(uploads, 'case-b.7z'), 'NetTrace.txt']);
  sh(dir, 'tar', ['-czf', join(uploads, 'case-c.tar.gz'), 'NetTrace.txt']);
  writeFileSync(join(uploads, 'case-d.txt.gz'), gzipSync(trace));
  const analyzer = fakeAnalyzer();
  const out = join(root, 'out');
  await runBatch({ paths: ['uploads'], outDir: out, cwd: root, concurrency: 2, analysisVersion: 'test' }, { analyze: analyzer.analyze, sniff: sniffFormat });
  const cases = parseCsv(readFileSync(join(out, 'cases.csv'), 'utf8'));
  assert.equal(cases.map((c) => [c.case_id, c.status, c.recognised_files, c.verdict]), [
    ['case-a', 'ok', '1', 'failure'], ['case-b', 'ok', '1', 'failure'], ['case-c', 'ok', '1', 'failure'], ['case-d.txt', 'ok', '1', 'failure'],
  ]);
  const files = parseCsv(readFileSync(join(out, 'files.csv'), 'utf8'));
  assert.equal(files.map((f) => f.format), ['cab', 'netsh_txt', '7z', 'netsh_txt', 'gz', 'netsh_txt', 'gz', 'netsh_txt']);
});

test.after(() => scratch.removeAll());

test.run();
