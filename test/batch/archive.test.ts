import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TraceError } from '../../src/common/errors.js';
import { englishText } from '../../src/common/message.js';
import { DEFAULT_ARCHIVE_LIMITS, extractZip, newArchiveBudget, unsafeEntryName, type ArchiveLimits } from '../../src/batch/archive.js';
import { materialiseCase } from '../../src/batch/materialise.js';
import { sniffFormat } from '../../src/ingest/index.js';
import { netshText, createScratch } from './fixtures.js';
import { buildZip, type ZipEntrySpec } from './zip-writer.js';

const scratch = createScratch();

const work = scratch.dir('tracedoctor-archive-');
let n = 0;
function zipFile(entries: ZipEntrySpec[]): string {
  const p = join(work, `a${n++}.zip`);
  writeFileSync(p, buildZip(entries));
  return p;
}

async function extractError(path: string, limits: Partial<ArchiveLimits> = {}): Promise<TraceError> {
  const dest = scratch.dir('tracedoctor-dest-');
  try {
    await extractZip(path, 'upload.zip', dest, newArchiveBudget(), { ...DEFAULT_ARCHIVE_LIMITS, ...limits });
  } catch (err) {
    assert.instance(err, TraceError);
    assert.equal(readdirSync(dest), [], 'nothing extracted from a rejected archive');
    return err as TraceError;
  }
  throw new Error('expected the archive to be rejected');
}

const trace = netshText('request to outlook.office365.com');

test('each zip-slip vector is recognised', () => {
  const why = (name: string) => englishText(unsafeEntryName(name)!);
  assert.match(why('../evil.etl'), /\.\./);
  assert.match(why('logs/../../evil.etl'), /\.\./);
  assert.match(why('/etc/cron.d/x'), /absolute/);
  assert.match(why('C:/Windows/evil.dll'), /drive letter/);
  assert.match(why('c:evil'), /drive letter/);
  assert.match(why('..\\..\\evil.etl'), /backslash/);
  assert.match(why('logs\\NetTrace.etl'), /backslash/);
  assert.is(unsafeEntryName('logs/NetTrace.etl'), undefined);
  assert.is(unsafeEntryName('a..b/NetTrace..etl'), undefined);
});

test('an archive with an unsafe entry is rejected before anything is written', async () => {
  for (const name of ['../../evil.txt', '/tmp/evil.txt', 'C:/evil.txt', '..\\evil.txt']) {
    const err = await extractError(zipFile([{ name: 'ok.txt', data: trace }, { name, data: trace }]));
    assert.match(err.message, /unsafe entry name .*zip-slip/, name);
    assert.is(err.exitCode, 65);
    assert.is(err.file, 'upload.zip');
  }
  assert.not.ok(existsSync(join(work, '..', 'evil.txt')));
});

test('limits: entry count, declared entry size, ratio and total size', async () => {
  const many = zipFile(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: trace })));
  assert.match((await extractError(many, { maxEntries: 4 })).message, /5 entries; the limit per case is 4/);
  const big = zipFile([{ name: 'big.txt', data: Buffer.alloc(10_000, 0x41) }]);
  assert.match((await extractError(big, { maxEntryBytes: 5000 })).message, /declares 10000 bytes .* per-entry limit is 5000/);
  assert.match((await extractError(big, { ratioAppliesAbove: 1000, maxRatio: 10 })).message, /compression ratio of \d+:1/);
  const two = zipFile([{ name: 'a.txt', data: Buffer.alloc(6000, 1) }, { name: 'b.txt', data: Buffer.alloc(6000, 2) }]);
  assert.match((await extractError(two, { maxTotalBytes: 10_000 })).message, /more than 10000 bytes uncompressed in total/);
});

test('a forged (too small) declared size is caught while inflating', async () => {
  const liar = zipFile([{ name: 'x.txt', data: Buffer.alloc(100_000, 0x42), declaredSize: 10 }]);
  assert.match((await extractError(liar)).message, /cannot extract entry "x\.txt"/);
});

test('encrypted and unsupported entries are reported, the rest is extracted', async () => {
  const p = zipFile([
    { name: 'secret.etl', data: trace, method: 0, encrypted: true },
    { name: 'NetTrace.txt', data: trace },
  ]);
  const dest = scratch.dir('tracedoctor-dest-');
  const entries = await extractZip(p, 'upload.zip', dest, newArchiveBudget(), DEFAULT_ARCHIVE_LIMITS);
  assert.is(entries.length, 2);
  assert.match(entries[0]!.status!, /^skipped: encrypted entry/);
  assert.is(entries[1]!.status, undefined);
  assert.is(entries[1]!.display, 'upload.zip!/NetTrace.txt');
  assert.is(entries[1]!.size, trace.length);
  assert.ok(existsSync(entries[1]!.diskPath!));
});

test('nesting deeper than the limit fails the case; limits count across nesting levels', async () => {
  let inner = buildZip([{ name: 'NetTrace.txt', data: trace }]);
  for (let i = 0; i < 3; i++) inner = buildZip([{ name: `level${i}.zip`, data: inner }]);
  const p = join(work, 'deep.zip');
  writeFileSync(p, inner);
  const src = [{ path: p, display: 'deep.zip', size: inner.length, sha256: '' }];
  const shallow = await materialiseCase(src, { caseId: 'deep', sniff: sniffFormat, limits: { ...DEFAULT_ARCHIVE_LIMITS, maxDepth: 3 }, tempRoot: work });
  await shallow.cleanup();
  assert.is(shallow.inputs.length, 0);
  assert.match(shallow.problems[0]!.message, /nested more than 3 levels/);
  const ok = await materialiseCase(src, { caseId: 'deep', sniff: sniffFormat, limits: { ...DEFAULT_ARCHIVE_LIMITS, maxDepth: 4 }, tempRoot: work });
  assert.is(ok.inputs.length, 1);
  assert.is(ok.inputs[0]!.display, 'deep.zip!/level2.zip!/level1.zip!/level0.zip!/NetTrace.txt');
  const tmp = readdirSync(work).filter((f) => f.startsWith('tracedoctor-case-'));
  assert.is(tmp.length, 1);
  await ok.cleanup();
  assert.is(readdirSync(work).filter((f) => f.startsWith('tracedoctor-case-')).length, 0, 'temporary directory removed');

  const counted = await materialiseCase(src, { caseId: 'deep', sniff: sniffFormat, limits: { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 3 }, tempRoot: work });
  await counted.cleanup();
  assert.match(counted.problems[0]!.message, /limit per case is 3/);
});

test.after(() => scratch.removeAll());

test.run();
