// The Japanese reports are Japanese throughout: the human and HTML reports of every bundled scenario, rendered
// with --lang ja, hold no English sentence of the report's own. Left in English on purpose, and masked before the
// check: what is the same in every language (codes, commands, registry paths, file paths, URLs, host names) and
// what the trace itself says (its evidence lines and the texts the report quotes in 「」).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { cipherSuiteName } from '../../src/net/index.js';
import { renderAnalyzeHuman } from '../../src/report/analyze-human.js';
import { analyzeRecord } from '../../src/report/analyze-json.js';
import { renderAnalyzeHtml } from '../../src/report/html/report.js';
import { messages } from '../../src/report/i18n/catalog.js';
import { renderMessage } from '../../src/report/i18n/render.js';
import { readIssueText } from '../../src/report/i18n/read-issues.js';
import { explainCode, renderExplanation } from '../../src/report/explain.js';
import { renderFixReg, renderFixScript } from '../../src/report/fix-script.js';
import { certProblemMessage, codeMessage, codeText } from '../../src/diagnose/index.js';
import { DNS_STATUS_NAMES, SOCKET_ERROR_NAMES } from '../../src/windows/win32-errors.js';
import { kindMeaning } from '../../src/diagnose/error-meanings.js';
import { ERROR_CATALOG } from '../../src/text/index.js';
import { samplesDir } from '../helpers/paths.js';
import { englishRuns, htmlProse, humanProse } from '../helpers/english-runs.js';

const ja = messages('ja');
const en = messages('en');
const scenarios = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.etl'))
  .sort();

test('the check finds English sentences and leaves codes, commands, paths, hosts and quotes alone', () => {
  assert.equal(englishRuns('TLS ハンドシェイクは revocation could not be checked で失敗しました'), ['revocation could not be checked']);
  assert.equal(englishRuns('ERROR_WINHTTP_SECURE_FAILURE 0x80090326 SEC_E_ILLEGAL_MESSAGE を報告'), []);
  assert.equal(englishRuns('`netsh winhttp import proxy source=ie` を実行 outlook.office365.com:443 C:\\temp\\tls.etl'), []);
  assert.equal(englishRuns('WinRM のメッセージ:「The server certificate on the destination computer has errors」。'), []);
  assert.equal(englishRuns('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp を設定'), []);
  assert.equal(humanProse('  根拠\n        2024-11-14T18:03:56.8500000Z  Microsoft-Windows-WinRM/6: Creating WSMan Session. The connection\n       PS> Get-TlsCipherSuite | Format-Table Name, Exchange, Cipher\n  ok'), '  根拠\n  ok');
});

for (const file of scenarios) {
  test(`${file}: the Japanese human and HTML reports have no English sentence of their own`, () => {
    const r = analyzeFiles([join(samplesDir, file)]);
    const human = renderAnalyzeHuman(r, { color: false, cipherName: cipherSuiteName, width: 10_000, messages: ja });
    const html = renderAnalyzeHtml(analyzeRecord(r, cipherSuiteName, { lang: 'ja' }), { messages: ja });
    assert.equal(englishRuns(humanProse(human)), [], 'English in the human report');
    assert.equal(englishRuns(htmlProse(html)), [], 'English in the HTML report');
  });
}

test('certificate problems: a flag in the words of each language, a text of the trace quoted, a code as it is', () => {
  const flag = certProblemMessage('WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA');
  assert.is(renderMessage(en, flag), 'signed by an unknown or untrusted certificate authority');
  assert.is(renderMessage(ja, flag), '不明な証明機関または信頼されていない証明機関によって署名されています');
  const said = certProblemMessage('The SSL certificate is signed by an unknown certificate authority.');
  assert.is(renderMessage(en, said), 'The SSL certificate is signed by an unknown certificate authority.');
  assert.is(renderMessage(ja, said), '「The SSL certificate is signed by an unknown certificate authority.」');
  assert.is(renderMessage(ja, certProblemMessage('CERT_TRUST_IS_UNTRUSTED_ROOT')), 'CERT_TRUST_IS_UNTRUSTED_ROOT');
  assert.is(renderMessage(ja, certProblemMessage('CERT_VALIDATION_ERROR 2148204809 reason 5')), '証明書の検証に失敗しました (エラー 2148204809、理由 5)');
});

test('codes whose name needs words: the words in the language, the code and its name unchanged', () => {
  const dns = codeText(9003, DNS_STATUS_NAMES);
  assert.match(dns, /DNS_ERROR_RCODE_NAME_ERROR$/);
  assert.is(renderMessage(en, codeMessage(9003, DNS_STATUS_NAMES)), `${dns} (name does not exist)`);
  assert.is(renderMessage(ja, codeMessage(9003, DNS_STATUS_NAMES)), `${dns} (名前が存在しません)`);
  assert.is(renderMessage(ja, codeMessage(10060, SOCKET_ERROR_NAMES)), `${codeText(10060, SOCKET_ERROR_NAMES)} (応答がありません)`);
  assert.is(renderMessage(ja, codeMessage(1225, SOCKET_ERROR_NAMES)), codeText(1225, SOCKET_ERROR_NAMES));
});

test('what each recognised error message means, in Japanese', () => {
  const kinds = [...new Set(ERROR_CATALOG.map((row) => row.kind))];
  assert.ok(kinds.length > 10, `${kinds.length} kinds`);
  for (const kind of kinds) {
    const meaning = kindMeaning(kind);
    // A WinHTTP error kind is its code and name, the same in every language.
    if (meaning === undefined || /^winhttp_\d+$/.test(kind)) continue;
    const text = renderMessage(ja, meaning);
    assert.not.equal(text, renderMessage(en, meaning), kind);
    assert.equal(englishRuns(text), [], `${kind}: ${text}`);
  }
});

test('a read problem: its kind in the language, the code-like kind in English as before', () => {
  const issue = { kind: 'truncated', message: 'file ended while reading the buffer at 0x10000' };
  assert.is(readIssueText(en, issue, ' at byte 0x10040'), 'truncated at byte 0x10040: file ended while reading the buffer at 0x10000');
  assert.match(readIssueText(ja, issue, ' バイト 0x10040'), /^ファイルが途中で終わっています バイト 0x10040: /);
});

for (const code of ['12175', '0x80072F8F', '0x80090326', 'SEC_E_UNTRUSTED_ROOT', 'AADSTS1002016', '12007', 'WINHTTP_TLS12_NOT_OFFERED', 'NO_PACKET_CAPTURE']) {
  test(`explain ${code} --lang ja: Japanese throughout, the same commands as in English`, () => {
    const e = explainCode(code, ja)!;
    const english = explainCode(code, en)!;
    assert.ok(e, code);
    assert.equal(englishRuns(humanProse(renderExplanation(e, 10_000, ja))), [], 'English in the explanation');
    assert.equal(
      e.remediation.map((r) => [r.command, r.powershell, r.registry, r.kb]),
      english.remediation.map((r) => [r.command, r.powershell, r.registry, r.kb]),
    );
  });
}

/** The lines of a script that are not comments, and the words of its comments (paths and commands left out). */
function split(text: string, mark: string): { code: string[]; words: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n/);
  const comments = lines.filter((l) => l.startsWith(mark));
  const prose = comments.filter((l) => !/^[#;]\s+(?:PS)?> |^#   \S/.test(l)).map((l) => l.slice(1));
  return { code: lines.filter((l) => !l.startsWith(mark)), words: prose.join('\n') };
}

for (const file of scenarios) {
  test(`${file}: --fix-script in Japanese comments what it does, with the same commands and values`, () => {
    const r = analyzeFiles([join(samplesDir, file)]);
    const script = split(renderFixScript(r, ja), '#');
    const english = split(renderFixScript(r, en), '#');
    assert.equal(script.code, english.code, 'the same PowerShell');
    assert.equal(englishRuns(script.words), [], 'English in the script comments');
    const reg = renderFixReg(r, ja);
    const regEn = renderFixReg(r, en);
    assert.is(reg === undefined, regEn === undefined);
    if (reg !== undefined) {
      const a = reg.split('\r\n').filter((l) => !l.startsWith(';'));
      assert.equal(a, regEn!.split('\r\n').filter((l) => !l.startsWith(';')), 'the same keys and values');
      assert.equal(englishRuns(split(reg, ';').words), [], 'English in the .reg comments');
    }
  });
}

test.run();
