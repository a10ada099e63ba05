// Findings in the report's language: every scenario's finding titles, explanations and fix steps rendered in
// Japanese are Japanese (none is left as the English sentence), the Japanese human and HTML reports carry them,
// JSON names its language and uses it only when asked, and every message the diagnosis states is in the catalogs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles, type AnalysisResult } from '../../src/pipeline/index.js';
import { cipherSuiteName } from '../../src/net/index.js';
import { renderAnalyzeHuman } from '../../src/report/analyze-human.js';
import { analyzeRecord } from '../../src/report/analyze-json.js';
import { renderAnalyzeHtml } from '../../src/report/html/report.js';
import { CATALOGS, messages } from '../../src/common/i18n/catalog.js';
import { findingText } from '../../src/report/i18n/render.js';
import { runCli } from '../helpers/cli.js';
import { check, loadAnalyzeSchema } from '../analyze/schema-check.js';
import { projectRoot, samplesDir } from '../helpers/paths.js';

const en = messages('en');
const ja = messages('ja');
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/u;
const UNFILLED = /\{\w+(?::[^{}]*)?\}/;

const inputs = [
  ...readdirSync(samplesDir)
    .filter((f) => f.endsWith('.etl'))
    .sort()
    .map((f) => join(samplesDir, f)),
  join(projectRoot, 'test', 'fixtures', 'text', 'error-text-en.txt'),
  join(projectRoot, 'test', 'fixtures', 'text', 'error-text-ja.txt'),
];
const results = new Map<string, AnalysisResult>();
const analysed = (path: string) => results.get(path) ?? results.set(path, analyzeFiles([path])).get(path)!;
const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);

for (const path of inputs) {
  test(`${name(path)}: every finding text in Japanese is Japanese, not the English sentence`, () => {
    const r = analysed(path);
    // The healthy scenario is the one without findings.
    if (name(path) === 'healthy-tls12.etl') assert.equal([r.verdict, r.findings.length], ['ok', 0]);
    else assert.ok(r.findings.length > 0, 'the scenario has findings');
    for (const f of r.findings) {
      const e = findingText(f, en);
      const j = findingText(f, ja);
      const pairs: [string, string, string][] = [
        ['title', e.title, j.title],
        ['explanation', e.explanation, j.explanation],
        ...(e.headline !== undefined ? [['headline', e.headline, j.headline!] as [string, string, string]] : []),
        ...e.remediation.map((s, i) => [`step ${i + 1}`, s.text, j.remediation[i]!.text] as [string, string, string]),
      ];
      for (const [what, english, japanese] of pairs) {
        assert.ok(japanese !== english, `${f.code} ${what} is translated: ${english}`);
        assert.match(japanese, JAPANESE, `${f.code} ${what} has Japanese words`);
        assert.not.match(english, UNFILLED, `${f.code} ${what} (en) has every placeholder filled`);
        assert.not.match(japanese, UNFILLED, `${f.code} ${what} (ja) has every placeholder filled`);
      }
      // Codes, commands and registry values are the same in both languages.
      assert.equal(
        j.remediation.map((s) => [s.registry, s.kb, s.powershell, s.command]),
        e.remediation.map((s) => [s.registry, s.kb, s.powershell, s.command]),
      );
    }
  });

  test(`${name(path)}: the Japanese human and HTML reports carry the Japanese findings and no English finding sentence`, () => {
    const r = analysed(path);
    // One line per paragraph; the report wraps at blanks and writes runs of them as one.
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    const human = flat(renderAnalyzeHuman(r, { color: false, cipherName: cipherSuiteName, width: 10_000, messages: ja }));
    const html = renderAnalyzeHtml(analyzeRecord(r, cipherSuiteName, { lang: 'ja' }), { messages: ja });
    for (const f of r.findings) {
      const e = findingText(f, en);
      const j = findingText(f, ja);
      for (const t of [e, j]) {
        t.explanation = flat(t.explanation);
        if (t.headline !== undefined) t.headline = flat(t.headline);
      }
      assert.ok(human.includes(j.title) || (j.headline !== undefined && human.includes(j.headline)), `${f.code}: Japanese title in the human report`);
      assert.ok(human.includes(j.explanation), `${f.code}: Japanese explanation in the human report`);
      assert.not.ok(human.includes(e.title + ' ['), `${f.code}: no English title in the human report`);
      assert.not.ok(human.includes(e.explanation), `${f.code}: no English explanation in the human report`);
      assert.not.ok(html.includes(`>${e.title} <`), `${f.code}: no English title in the HTML report`);
    }
  });
}

test('JSON: without --lang English and no lang key, exactly as before; with --lang ja the key and Japanese texts', () => {
  const path = join(samplesDir, 'hcw-2012-tls10.etl');
  const plain = JSON.parse(runCli(['analyze', path, '--format', 'json']).stdout) as Record<string, unknown> & { findings: { code: string; title: string; explanation: string; remediation: { text: string; registry: unknown }[] }[] };
  const japanese = JSON.parse(runCli(['analyze', path, '--format', 'json', '--lang', 'ja']).stdout) as typeof plain;
  const english = JSON.parse(runCli(['analyze', path, '--format', 'json', '--lang', 'en']).stdout) as typeof plain;
  assert.not.ok('lang' in plain);
  const schema = loadAnalyzeSchema();
  assert.equal(check(japanese, schema), [], 'the record with lang follows the schema');
  assert.is(japanese.lang, 'ja');
  assert.is(english.lang, 'en');
  assert.equal(Object.keys(japanese).filter((k) => k !== 'lang'), Object.keys(plain), 'the same keys besides lang');
  const r = analysed(path);
  assert.equal(
    plain.findings.map((f) => [f.code, f.title, f.explanation]),
    r.findings.map((f) => findingText(f, en)).map((f) => [f.code, f.title, f.explanation]),
  );
  assert.equal(english.findings, plain.findings, 'English asked for is the English record');
  for (const [i, f] of japanese.findings.entries()) {
    assert.is(f.code, plain.findings[i]!.code);
    assert.match(f.title, JAPANESE);
    assert.match(f.explanation, JAPANESE);
    assert.equal(f.remediation.map((s) => s.registry), plain.findings[i]!.remediation.map((s) => s.registry), 'registry values unchanged');
  }
  assert.equal(japanese.connections, plain.connections, 'connection records do not change with the language');
});

/** Catalog keys of finding texts: their prefixes. */
const FINDING_KEY = /^(?:title|phrase|reaction|wire|dest|symptom|winhttp_tls12|schannel_tls12|legacy_tls|cipher|cert|dns|tcp|tls|proxy|misleading|no_packets|no_winhttp|truncated|lost|step|why|reported)\./;

/** The catalog keys the diagnosis names, read from its sources (every key is written out whole there). */
function diagnoseKeys(): Set<string> {
  const dir = join(projectRoot, 'src', 'diagnose');
  const keys = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'([a-z0-9_]+\.[A-Za-z0-9_.]+)'/g)) if (FINDING_KEY.test(m[1]!)) keys.add(m[1]!);
  }
  return keys;
}

test('every message the diagnosis states is in both catalogs, and the catalogs hold no finding message nothing states', () => {
  const used = diagnoseKeys();
  assert.ok(used.size > 200, `the sources name the keys (${used.size})`);
  assert.equal([...used].filter((k) => !(k in CATALOGS.en)), [], 'keys the diagnosis uses that en.json lacks');
  assert.equal([...used].filter((k) => !(k in CATALOGS.ja)), [], 'keys the diagnosis uses that ja.json lacks');
  const unused = Object.keys(CATALOGS.en).filter((k) => FINDING_KEY.test(k) && !used.has(k));
  assert.equal(unused, [], 'finding messages no rule states');
});

test.run();
