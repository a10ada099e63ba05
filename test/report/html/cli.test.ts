// `analyze --format html` and `batch --html` from the command line, as a user runs them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { samplesDir } from '../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-html-cli-'));
const hcw = join(samplesDir, 'hcw-2012-tls10.etl');

test('analyze --format html -o writes one self-contained page; exit 1 for the diagnosed failure', () => {
  const out = join(dir, 'report.html');
  const r = runCli(['analyze', hcw, '--format', 'html', '-o', out, '--lang', 'en']);
  assert.is(r.status, 1, r.stderr);
  assert.is(r.stdout, '');
  const html = readFileSync(out, 'utf8');
  assert.ok(html.startsWith('<!DOCTYPE html>'));
  assert.match(html, /<html lang="en">/);
  assert.match(html, /WINHTTP_TLS12_NOT_OFFERED/);
  assert.match(html, /<svg class="ladder"/);
  assert.match(html, /10\.20\.0\.41/);
});

test('analyze --format html --redact: no customer address in the page', () => {
  const r = runCli(['analyze', hcw, '--format', 'html', '--redact']);
  assert.is(r.status, 1, r.stderr);
  assert.not.ok(r.stdout.includes('10.20.0.41'));
  assert.not.ok(r.stdout.includes('52.97.146.210'));
  assert.match(r.stdout, /outlook\.office365\.com/);
});

test('analyze --format html --lang ja: a Japanese page; an unknown language is a usage error', () => {
  const r = runCli(['analyze', hcw, '--format', 'html', '--lang', 'ja']);
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stdout, /<html lang="ja">/);
  assert.match(r.stdout, /対処方法/);
  assert.is(runCli(['analyze', hcw, '--format', 'html', '--lang', 'fr']).status, 2);
});

test('batch --html: a page per case and index.html linking them', () => {
  const out = join(dir, 'batch');
  const r = runCli(['batch', hcw, join(samplesDir, 'healthy-tls12.etl'), '--out-dir', out, '--html', '--lang', 'en']);
  assert.is(r.status, 1, r.stderr);
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  for (const id of ['hcw-2012-tls10.etl', 'healthy-tls12.etl']) {
    assert.ok(existsSync(join(out, 'cases', `${id}.html`)), id);
    assert.ok(index.includes(`href="cases/${id}.html"`), id);
  }
  assert.match(index, /WINHTTP_TLS12_NOT_OFFERED/);
});

test('analyze --format html --lang ja and batch --html --lang ja: the finding in Japanese, the case JSON says ja', () => {
  const page = join(dir, 'report-ja.html');
  assert.is(runCli(['analyze', hcw, '--format', 'html', '-o', page, '--lang', 'ja']).status, 1);
  const html = readFileSync(page, 'utf8');
  assert.match(html, /<html lang="ja">/);
  assert.ok(html.includes('WinHTTP で TLS 1.2 が有効になっていない'), 'the Japanese finding title');
  assert.not.ok(html.includes('WinHTTP did not offer TLS 1.2'), 'no English finding title');
  const out = join(dir, 'batch-ja');
  assert.is(runCli(['batch', hcw, '--out-dir', out, '--html', '--lang', 'ja']).status, 1);
  const casePage = readFileSync(join(out, 'cases', 'hcw-2012-tls10.etl.html'), 'utf8');
  assert.ok(casePage.includes('WinHTTP で TLS 1.2 が有効になっていない'), 'the case page in Japanese');
  assert.ok(readFileSync(join(out, 'index.html'), 'utf8').includes('WinHTTP で TLS 1.2 が有効になっていない'), 'the index names the finding in Japanese');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
