// `explain CODE` answers from the catalogs the reports use: the same meaning, causes and fixes REPORTED_ERROR gives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
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
