// The message catalogs: every key in every language, every placeholder used in each translation, the locale
// default, and the human report's English wording unchanged by the catalog.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CATALOGS, LANGS, langFromEnv, messages, placeholders } from '../../src/common/i18n/catalog.js';
import { displayWidth, padToWidth } from '../../src/report/text-width.js';
import { wrap } from '../../src/report/analyze-human.js';

test('every key exists in every language, with the same placeholders', () => {
  const keys = Object.keys(CATALOGS.en).sort();
  for (const lang of LANGS) {
    assert.equal(Object.keys(CATALOGS[lang]).sort(), keys, `${lang} has the same keys as en`);
    for (const key of keys) {
      const want = [...new Set(placeholders(CATALOGS.en[key]!))].sort();
      const got = [...new Set(placeholders(CATALOGS[lang][key]!))].sort();
      assert.equal(got, want, `${lang} ${key}`);
      // Separators are punctuation: a space between English sentences is nothing between Japanese ones.
      if (!key.startsWith('sep.')) assert.ok(CATALOGS[lang][key]!.trim().length > 0, `${lang} ${key} is not empty`);
    }
  }
});

test('Japanese texts are Japanese where English ones are words', () => {
  const words = (t: string) => /[a-z]{4,}/.test(t.replace(/\{[^{}]*\}/g, ''));
  const same = Object.keys(CATALOGS.en).filter((k) => words(CATALOGS.en[k]!) && CATALOGS.ja[k] === CATALOGS.en[k]);
  assert.equal(same.sort(), ['inputs.os', 'ladder.enabled_protocols'], 'only Windows names stay as they are');
  assert.is(messages('ja').t('section.fix'), '対処方法');
});

test('t() fills placeholders; the locale picks the default language', () => {
  assert.is(messages('en').t('section.failing', { count: 3 }), 'Failing connections (3)');
  assert.is(messages('ja').t('section.failing', { count: 3 }), '失敗した接続 (3)');
  assert.is(langFromEnv({ LANG: 'ja_JP.UTF-8' }), 'ja');
  assert.is(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' }), 'en');
  assert.is(langFromEnv({ LC_ALL: 'ja' }), 'ja');
  assert.is(langFromEnv({ LANG: 'jam' }), 'en');
  assert.is(langFromEnv({}), 'en');
});

test('plural forms: one or many, with thousands separators', () => {
  const en = messages('en');
  assert.is(en.t('human.all_completed', { count: 1 }), '1 connection completed the TLS handshake');
  assert.is(en.t('human.all_completed', { count: 1217 }), '1,217 connections completed the TLS handshake');
  assert.is(messages('ja').t('human.all_completed', { count: 1217 }), '1,217 個の接続で TLS ハンドシェイクが完了しました');
  assert.equal(placeholders('{count:connection|connections} to {server}'), ['count', 'server']);
});

test('display width: wide characters take two columns', () => {
  assert.is(displayWidth('サーバー'), 8);
  assert.is(padToWidth('結果', 6), '結果  ');
});

test('Japanese text wraps between Japanese characters, never before a closing mark, and loses nothing', () => {
  const text = 'Microsoft 365 は TLS 1.2 以降しか受け付けないため、ハンドシェイクは成功しません。WinHTTP はエラー 12175 を報告しました。';
  const lines = wrap(text, 24, '', '', true);
  assert.ok(lines.length > 3);
  for (const l of lines) assert.ok(displayWidth(l) <= 24, l);
  for (const l of lines.slice(1)) assert.not.match(l, /^[、。）」]/);
  assert.is(lines.join('').replace(/ /g, ''), text.replace(/ /g, ''));
  assert.equal(wrap(text, 24, '', ''), wrap(text, 24, '', '', false), 'English wrapping breaks at blanks only');
  assert.ok(wrap(text, 24, '', '').some((l) => displayWidth(l) > 24), 'which is why Japanese needs its own breaks');
});

test.run();
