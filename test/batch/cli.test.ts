// `tracedoctor batch` as a user runs it: the real analysis (worker threads) over a mixed upload folder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCli } from '../helpers/cli.js';
import { hasShared, samplesDir, sharedEtlDir } from '../helpers/paths.js';
import { createScratch } from './fixtures.js';
import { buildZip } from './zip-writer.js';

const scratch = createScratch();

/** A real trace: the project's own samples first, the shared ones otherwise. */
function findRealEtl(): string | undefined {
  const own = existsSync(samplesDir) ? readdirSync(samplesDir).filter((f) => f.endsWith('.etl')).sort() : [];
  if (own.length > 0) return join(samplesDir, own[0]!);
  if (hasShared) return join(sharedEtlDir, 'pktmon_nathaniel_vpn_7119f51.etl');
  return undefined;
}

const realEtl = findRealEtl();

function readCases(csvPath: string): Map<string, Record<string, string>> {
  const [header, ...lines] = readFileSync(csvPath, 'utf8').trim().split('\r\n');
  const cols = header!.split(',');
  const out = new Map<string, Record<string, string>>();
  for (const line of lines) {
    // Status texts may hold quoted commas; the columns before them never do.
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    out.set(cells[0]!, Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ''])));
  }
  return out;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

if (!realEtl) {
  console.log('note: no sample .etl (samples/ or ../shared); the batch CLI test over real traces is skipped');
} else {
  const etl = readFileSync(realEtl);
  const root = scratch.dir('tracedoctor-batch-cli-');
  const up = join(root, 'uploads');
  mkdirSync(join(up, 'good'), { recursive: true });
  copyFileSync(realEtl, join(up, 'good', 'NetTrace.etl'));
  writeFileSync(join(up, 'corrupt.etl'), etl.subarray(0, etl.length - 100));
  writeFileSync(join(up, 'random.bin'), randomBytes(8192));
  writeFileSync(join(up, 'zipped.zip'), buildZip([{ name: 'trace/NetTrace.etl', data: etl }]));
  writeFileSync(join(up, 'nested.zip'), buildZip([{ name: 'inner.zip', data: buildZip([{ name: 'NetTrace.etl', data: etl }]) }]));
  writeFileSync(join(up, 'slip.zip'), buildZip([{ name: '../../NetTrace.etl', data: etl }]));
  writeFileSync(join(up, 'bomb.zip'), buildZip([{ name: 'NetTrace.etl', data: Buffer.alloc(24 * 1024 * 1024) }]));
  const out = join(root, 'out');

  test('a mixed upload folder: one row per case with the right status, worst exit class', () => {
    const r = runCli(['batch', up, '--out-dir', out, '--concurrency', '2']);
    assert.is(r.status, 65, r.stderr);
    assert.match(r.stderr, /^batch: 6 cases — .*1 loose file skipped/m);
    const cases = readCases(join(out, 'cases.csv'));
    assert.equal([...cases.keys()].sort(), ['bomb', 'corrupt.etl', 'good', 'nested', 'slip', 'zipped']);
    for (const id of ['good', 'zipped', 'nested']) {
      assert.is(cases.get(id)!.status, 'ok', id);
      assert.ok(['0', '1'].includes(cases.get(id)!.exit_code!), id);
      assert.ok(existsSync(join(out, 'cases', `${id}.json`)), id);
    }
    assert.is(cases.get('good')!.verdict, cases.get('nested')!.verdict, 'same trace, same verdict, zipped or not');
    assert.is(cases.get('good')!.finding_codes, cases.get('zipped')!.finding_codes);
    assert.match(cases.get('corrupt.etl')!.status!, /^failed: .*corrupt\.etl/);
    assert.is(cases.get('corrupt.etl')!.exit_code, '65');
    assert.match(cases.get('slip')!.status!, /zip-slip/);
    assert.match(cases.get('bomb')!.status!, /zip bomb/);
    const files = readFileSync(join(out, 'files.csv'), 'utf8');
    assert.match(files, /uploads\/random\.bin,8192,,,skipped: not a trace or export/);
    assert.match(files, /uploads\/nested\.zip!\/inner\.zip!\/NetTrace\.etl,\d+,[0-9a-f]{64},etl,analysed/);
    const doc = JSON.parse(readFileSync(join(out, 'cases', 'nested.json'), 'utf8')) as { inputs: { path: string }[] };
    assert.match(doc.inputs[0]!.path, /nested\.zip!\/inner\.zip!\/NetTrace\.etl$/);
  });

  test('a re-run reuses unchanged cases; --force analyses them again', () => {
    const again = runCli(['batch', up, '--out-dir', out]);
    assert.is(again.status, 65);
    assert.match(again.stderr, /6 unchanged \(reused\)/);
    const forced = runCli(['batch', up, '--out-dir', out, '--force']);
    assert.match(forced.stderr, /0 unchanged \(reused\)/);
    assert.ok([...readCases(join(out, 'cases.csv')).values()].every((c) => c.reused === 'false'));
  });

  test('--redact: no address seen in the plain outputs appears in any redacted output', () => {
    const plainText = allFiles(out).map((f) => readFileSync(f, 'utf8')).join('\n');
    const addresses = new Set(
      (plainText.match(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g) ?? [])
        .filter((a) => !/^(0|127|22[4-9]|2[3-5]\d)\./.test(a) && a.split('.').every((o) => Number(o) < 256)),
    );
    if (addresses.size === 0) console.log('note: this sample shows no addresses; the redaction check is vacuous here');
    const red = join(root, 'out-redacted');
    const r = runCli(['batch', up, '--out-dir', red, '--redact']);
    assert.is(r.status, 65);
    const redactedFiles = allFiles(red);
    assert.ok(redactedFiles.some((f) => f.endsWith('.json')));
    for (const f of redactedFiles) {
      const text = readFileSync(f, 'utf8');
      for (const a of addresses) assert.not.ok(text.includes(a), `${a} left in ${f}`);
    }
  });
}

test.after(() => scratch.removeAll());

test.run();
