// `explain CODE` answers from the catalogs the reports use: the same meaning, causes and fixes REPORTED_ERROR gives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { projectRoot } from '../helpers/paths.js';
import { explainCode } from '../../src/report/explain.js';
import { REPORTED_MEANINGS } from '../../src/diagnose/reported.js';
import { CATALOG } from '../../src/diagnose/index.js';
import { messages } from '../../src/common/i18n/catalog.js';
import { renderMessage } from '../../src/report/i18n/render.js';

const en = messages('en');
/** A meaning row with its words in English. */
const row = (id: string) => {
  const r = REPORTED_MEANINGS.find((m) => m.id === id)!;
  return { ...r, causes: r.causes.map((c) => ({ short: renderMessage(en, c.short), text: renderMessage(en, c.text) })) };
};

test('12175 and its HRESULT: the TLS-failure meaning with its causes and the KB3140245 fix', () => {
  for (const code of ['12175', '0x80072F8F', 'ERROR_WINHTTP_SECURE_FAILURE']) {
    const e = explainCode(code)!;
    assert.ok(e, code);
    assert.match(e.title, /ERROR_WINHTTP_SECURE_FAILURE/);
    for (const c of row('tls_failure').causes) assert.ok(e.meaning.includes(c.text), `${code}: cause "${c.short}"`);
    assert.ok(e.remediation.some((r) => r.kb === 'KB3140245' || /KB3140245/.test(r.text)));
    assert.ok(e.remediation.some((r) => /netsh trace start/.test(r.command ?? '')), 'the capture that proves which');
  }
});

test('fixes by cause: each cause a heading with its own steps from 1, the capture that tells them apart last', () => {
  const e = explainCode('12175')!;
  const headings = e.remediation.filter((r) => r.heading).map((r) => r.text);
  assert.ok(headings.length >= 3, headings.join(' | '));
  assert.match(headings[0]!, /^If it is a TLS version mismatch/);
  assert.is(headings[headings.length - 1], 'To tell the causes apart:');
  assert.ok(!e.remediation[e.remediation.length - 1]!.heading, 'a heading is followed by its steps');
  const out = runCli(['explain', '12175']).stdout.split('\n');
  const at = (re: RegExp) => out.findIndex((l) => re.test(l));
  const nextStep = (from: number) => out.slice(from + 1).find((l) => /^\s+\d+\. /.test(l)) ?? '';
  const first = at(/^    If it is a TLS version mismatch/);
  assert.ok(first > 0, 'the heading is a line of its own, not a numbered step');
  assert.match(nextStep(first), /^      1\. Install KB3140245/);
  const second = at(/^    If it is TLS 1\.2 disabled in Schannel/);
  assert.ok(second > first, 'the second cause');
  assert.match(nextStep(second), /^      1\. /, 'numbering starts again under each cause');
  assert.ok(at(/^    To tell the causes apart:/) > second);
  assert.not.ok(out.some((l) => /^\s+\d+\. If it is/.test(l)), 'no cause is a numbered step');
  // The HTML report of pasted error text: each cause a heading over its own list; the JSON marks the headings.
  const text = join(projectRoot, 'test', 'fixtures', 'text', 'error-text-en.txt');
  const html = runCli(['analyze', '--format', 'html', text]).stdout;
  assert.match(html, /<p class="fix-cause">If it is [^<]*<\/p><ol class="fix-steps"><li>/);
  assert.not.match(html, /<li><p class="step-text">If it is /);
  const json = JSON.parse(runCli(['analyze', '--format', 'json', text]).stdout) as { findings: { remediation: { text: string; heading?: true }[] }[] };
  const steps = json.findings.flatMap((f) => f.remediation);
  assert.ok(steps.filter((r) => r.heading).every((r) => /^(If it is|To tell the causes apart)/.test(r.text)));
  assert.ok(steps.some((r) => r.heading) && steps.some((r) => !('heading' in r)));
});

test('Schannel status by number and by name; AADSTS1002016; a finding code', () => {
  const sec = explainCode('0x80090326')!;
  assert.match(sec.title, /0x80090326/);
  assert.match(sec.meaning, /SEC_E_ILLEGAL_MESSAGE/);
  assert.ok(sec.meaning.includes(row('tls_failure').causes[0]!.text));
  assert.equal(explainCode('SEC_E_UNTRUSTED_ROOT')!.meaning.includes(row('certificate').causes[0]!.text), true);
  const aad = explainCode('AADSTS1002016')!;
  assert.match(aad.title, /AADSTS1002016/);
  assert.ok(aad.meaning.includes(row('dotnet_tls').causes[0]!.text));
  assert.ok(aad.remediation.some((r) => /SchUseStrongCrypto/.test(r.text + (r.powershell ?? '') + (r.registry?.name ?? ''))));
  const f = explainCode('winhttp_tls12_not_offered')!;
  assert.match(f.title, new RegExp(renderMessage(en, CATALOG.find((r) => r.code === 'WINHTTP_TLS12_NOT_OFFERED')!.title)));
});

test('the CLI: exit 0 with the fix, exit 2 for an unknown code', () => {
  const r = runCli(['explain', '12175']);
  assert.is(r.status, 0);
  assert.match(r.stdout, /^12175 ERROR_WINHTTP_SECURE_FAILURE/);
  assert.match(r.stdout, /The fix:/);
  const bad = runCli(['explain', 'XYZZY']);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /unknown code "XYZZY"/);
  assert.match(bad.stderr, /usage: tracedoctor explain/);
});

test.run();
