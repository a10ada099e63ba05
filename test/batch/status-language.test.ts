// The status of case and file rows in every language: the cases and files tables say it in English, byte for byte
// the same whatever `--lang` is (people filter on it), while the HTML index says it in the run's language, from
// the catalog message each row carries beside its status.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run.js';
import { createWorkerAnalyzer } from '../../src/batch/analysis.js';
import { sniffFormat } from '../../src/ingest/index.js';
import { CATALOGS, messages } from '../../src/common/i18n/catalog.js';
import { englishText, type Message, type MessageValue } from '../../src/common/message.js';
import { runCli } from '../helpers/cli.js';
import { samplesDir } from '../helpers/paths.js';
import { createScratch } from './fixtures.js';
import { buildZip } from './zip-writer.js';

const scratch = createScratch();
test.after(() => scratch.removeAll());

/** A folder with a good trace, a damaged one, an empty case, a loose file, archives with skipped, unsafe and too deeply nested entries. */
function buildFolder(): { root: string; uploads: string } {
  const root = scratch.dir('tracedoctor-status-lang-');
  const uploads = join(root, 'uploads');
  const sample = join(samplesDir, 'healthy-tls12.etl');
  const etl = readFileSync(sample);
  mkdirSync(join(uploads, 'good'), { recursive: true });
  copyFileSync(sample, join(uploads, 'good', 'NetTrace.etl'));
  writeFileSync(join(uploads, 'corrupt.etl'), etl.subarray(0, etl.length - 100));
  mkdirSync(join(uploads, 'empty'));
  writeFileSync(join(uploads, 'empty', 'blank.txt'), '');
  writeFileSync(join(uploads, 'notes.bin'), 'just some notes, not a trace\n');
  writeFileSync(join(uploads, 'bundle.zip'), buildZip([
    { name: 'NetTrace.etl', data: etl },
    { name: 'readme.md', data: Buffer.from('# notes') },
    { name: 'secret.etl', data: Buffer.from('x'.repeat(300)), method: 0, encrypted: true },
  ]));
  writeFileSync(join(uploads, 'locked.zip'), buildZip([{ name: 'secret.etl', data: Buffer.from('y'.repeat(300)), method: 0, encrypted: true }]));
  writeFileSync(join(uploads, 'slip.zip'), buildZip([{ name: 'NetTrace.etl', data: etl }, { name: '../../evil.etl', data: etl }]));
  let deep = buildZip([{ name: 'NetTrace.etl', data: etl }]);
  for (let i = 0; i < 5; i++) deep = buildZip([{ name: `level${i}.zip`, data: deep }]);
  writeFileSync(join(uploads, 'deep.zip'), deep);
  return { root, uploads };
}

/** One column of a CSV table, the folder's path written as `<root>`. */
function column(csv: string, root: string, index: number): string[] {
  return csv.replaceAll(root, '<root>').trim().split('\r\n').slice(1).map((l) => {
    const cells = l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    return cells[index]!;
  });
}

/** The status cells of index.html, as text. */
function indexStatuses(html: string): string[] {
  const rows = html.split('<tr data-outcome=').slice(1);
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return rows.map((r) => unescape([...r.matchAll(/<td[^>]*>(.*?)<\/td>/g)][4]![1]!));
}

/** Every catalog key a message uses, its nested messages' too. */
function keysOf(x: MessageValue, into = new Set<string>()): Set<string> {
  if (typeof x !== 'object') return into;
  into.add(x.key);
  for (const v of Object.values(x.params ?? {})) keysOf(v, into);
  return into;
}

// The status columns as batch wrote them before their texts came from the message catalog.
const CASE_STATUSES = [
  'ok',
  'failed: <root>/uploads/corrupt.etl: at byte 0xa000 (40960): damaged input: buffer of 0x2000 bytes is cut off by the end of the file after 0x1f9c bytes',
  'failed: <root>/uploads/deep.zip!/level4.zip!/level3.zip!/level2.zip!/level1.zip: archive nested more than 4 levels deep (possible zip bomb)',
  'failed: <root>/uploads/empty: no trace or export among 1 file(s)',
  'failed: <root>/uploads/gone.zip: no such file or directory',
  'ok',
  'failed: <root>/uploads/locked.zip: no trace or export could be read: 1 of 2 file(s) skipped as encrypted entry (password-protected); extract with the password and add the files',
  'failed: <root>/uploads/slip.zip: at byte 0x220f (8719): unsafe entry name "../../evil.etl": it contains a ".." segment that climbs out of the extraction directory; the archive was rejected and nothing in it was analysed (zip-slip)',
];
const FILE_STATUSES = [
  'expanded: 3 file entries',
  'analysed',
  'skipped: not a trace or export',
  'skipped: encrypted entry (password-protected); extract it with the password and add the files',
  'analysed',
  'expanded: 1 file entry',
  'expanded: 1 file entry',
  'expanded: 1 file entry',
  'expanded: 1 file entry',
  'failed: archive nested more than 4 levels deep (possible zip bomb)',
  'skipped: not a trace or export (empty file)',
  'failed: no such file or directory',
  'analysed',
  'expanded: 1 file entry',
  'skipped: encrypted entry (password-protected); extract it with the password and add the files',
  'failed: unsafe entry name "../../evil.etl": it contains a ".." segment that climbs out of the extraction directory; the archive was rejected and nothing in it was analysed (zip-slip)',
  'skipped: not a trace or export',
];

test('batch --lang ja and --lang en: the same tables, the index page in each language', () => {
  const { root, uploads } = buildFolder();
  const noLocale = { LC_ALL: '', LC_MESSAGES: '', LANG: '' };
  const run = (out: string, args: string[], env: Record<string, string> = noLocale) => {
    const r = runCli(['batch', uploads, join(uploads, 'gone.zip'), '--out-dir', join(root, out), '--html', ...args], { env });
    assert.is(r.status, 66, r.stderr);
    const read = (name: string) => readFileSync(join(root, out, name), 'utf8');
    return { stderr: r.stderr, cases: read('cases.csv'), files: read('files.csv'), index: read('index.html'), state: JSON.parse(read('state.json')) as { cases: Record<string, { row: { status: string; statusMessage: Message }; files: Array<{ status: string; statusMessage: Message }> }> } };
  };
  const ja = run('out-ja', ['--lang', 'ja']);
  const en = run('out-en', ['--lang', 'en']);
  const byLocale = run('out-locale', [], { ...noLocale, LANG: 'ja_JP.UTF-8' });

  assert.is(ja.cases, en.cases, 'cases.csv is the same in both languages');
  assert.is(ja.files, en.files, 'files.csv is the same in both languages');
  assert.is(byLocale.cases, en.cases);
  assert.equal(column(en.cases, root, 13), CASE_STATUSES);
  assert.equal(column(en.files, root, 5), FILE_STATUSES);

  // The English index says what the table says; the Japanese one says it in Japanese.
  assert.equal(indexStatuses(en.index).map((s) => s.replaceAll(root, '<root>')), CASE_STATUSES);
  const jaStatuses = indexStatuses(ja.index);
  assert.equal(indexStatuses(byLocale.index), jaStatuses, 'the locale picks Japanese when --lang is not given');
  assert.is(jaStatuses.length, CASE_STATUSES.length);
  for (const s of jaStatuses) {
    // File names, byte offsets and the zip-slip / zip bomb terms stay as they are; no English word is left.
    const words = s.replaceAll(root, '').replace(/\/[\w./!-]*/g, '').replace(/\bzip(-slip)?\b/g, '').replace(/0x[0-9a-f]+/g, '');
    assert.not.match(words, /[A-Za-z]{2,}/, s);
    assert.match(s, /[\u3040-\u30ff\u4e00-\u9fff]/, s);
  }
  assert.ok(jaStatuses.includes('正常'));
  // The line batch ends with, in the language of the run.
  const summary = (stderr: string) => stderr.split('\n').find((l) => l.startsWith('batch: ')) ?? '';
  assert.match(summary(en.stderr), /^batch: \d+ cases — \d+ ok, \d+ failure diagnosed, \d+ failed, \d+ unchanged \(reused\).*; outputs in .* \(exit 66\)$/);
  assert.match(summary(ja.stderr), /^batch: \d+ 件のケース — 正常 \d+、障害を診断 \d+、失敗 \d+、変更なし \(前回の結果を使用\) \d+.*。出力先 .* \(終了コード 66\)$/);
  assert.is(summary(byLocale.stderr).replace(/out-locale/, 'out-ja'), summary(ja.stderr));
  assert.ok(jaStatuses.some((s) => s.includes('安全でないエントリ名 "../../evil.etl"')), 'the unsafe entry, in Japanese');
  assert.ok(jaStatuses.some((s) => s.includes('アーカイブが 4 階層を超えて入れ子になっています')), 'the nesting limit, in Japanese');

  // Each row's status is the English text of the message it carries, whose keys are in both catalogs.
  const keys = new Set<string>();
  for (const c of Object.values(en.state.cases)) {
    for (const row of [c.row, ...c.files]) {
      assert.is(englishText(row.statusMessage), row.status);
      keysOf(row.statusMessage, keys);
    }
  }
  for (const k of keys) {
    assert.ok(k in CATALOGS.en, `en has ${k}`);
    assert.ok(k in CATALOGS.ja, `ja has ${k}`);
  }
  for (const k of ['status.ok', 'status.failed', 'status.analysed', 'status.expanded', 'status.encrypted_entry', 'archive.unsafe_name', 'problem.nested_too_deep', 'problem.no_such_file', 'input.damaged']) {
    assert.ok(keys.has(k), `a row says ${k}`);
  }
});

test('a case over its time limit: failed: timeout in the tables, タイムアウト on the Japanese index', async () => {
  const root = scratch.dir('tracedoctor-status-timeout-');
  mkdirSync(join(root, 'uploads', 'slow'), { recursive: true });
  mkdirSync(join(root, 'uploads', 'quick'), { recursive: true });
  copyFileSync(join(samplesDir, 'healthy-tls12.etl'), join(root, 'uploads', 'slow', 'NetTrace.etl'));
  copyFileSync(join(samplesDir, 'healthy-tls12.etl'), join(root, 'uploads', 'quick', 'NetTrace.etl'));
  // The real analysis threads; the slow case's thread loops until the time limit ends it.
  const analyze = createWorkerAnalyzer({ simulate: (paths) => (paths.some((p) => p.includes('slow')) ? 'loop' : undefined) });
  const run = async (lang: 'ja' | 'en') => {
    const outDir = join(root, `out-${lang}`);
    await runBatch({ paths: ['uploads'], outDir, cwd: root, analysisVersion: 'test', concurrency: 1, caseLimits: { timeoutMs: 4000 }, html: messages(lang) }, { analyze, sniff: sniffFormat });
    return { cases: readFileSync(join(outDir, 'cases.csv'), 'utf8'), index: readFileSync(join(outDir, 'index.html'), 'utf8') };
  };
  const [ja, en] = await (async () => {
    try {
      return [await run('ja'), await run('en')];
    } finally {
      await analyze.close();
    }
  })();
  assert.is(ja.cases, en.cases);
  assert.equal(column(en.cases, root, 13), ['ok', 'failed: timeout'], en.cases);
  assert.equal(indexStatuses(en.index), ['ok', 'failed: timeout']);
  assert.equal(indexStatuses(ja.index), ['正常', '失敗: タイムアウト']);
});

test.run();
