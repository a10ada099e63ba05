// The Japanese reports are Japanese throughout: the human and HTML reports of every bundled scenario, of damaged
// copies of them, of text exports and of inputs that cannot be read at all, rendered with --lang ja, hold no
// English sentence of the report's own, and neither do the warnings on stderr. Left in English on purpose, and masked before the
// check: what is the same in every language (codes, commands, registry paths, file paths, URLs, host names) and
// what the trace itself says (its evidence lines and the texts the report quotes in 「」).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles, type AnalysisResult } from '../../src/pipeline/index.js';
import { TraceError } from '../../src/common/errors.js';
import { carriesMessage } from '../../src/common/message.js';
import type { KeyFact } from '../../src/correlate/types.js';
import { cipherSuiteName } from '../../src/net/index.js';
import { renderAnalyzeHuman } from '../../src/report/analyze-human.js';
import { analyzeRecord } from '../../src/report/analyze-json.js';
import { renderAnalyzeHtml } from '../../src/report/html/report.js';
import { messages } from '../../src/common/i18n/catalog.js';
import { carriedText, renderMessage } from '../../src/report/i18n/render.js';
import { readIssueText } from '../../src/report/i18n/read-issues.js';
import { explainCode, renderExplanation } from '../../src/report/explain.js';
import { renderFixReg, renderFixScript } from '../../src/report/fix-script.js';
import { certProblemMessage, codeMessage, codeText } from '../../src/diagnose/index.js';
import { DNS_STATUS_NAMES, SOCKET_ERROR_NAMES } from '../../src/windows/win32-errors.js';
import { kindMeaning } from '../../src/diagnose/error-meanings.js';
import { ERROR_CATALOG } from '../../src/text/index.js';
import { samplesDir, sharedExportsDir } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
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

/** Milestones whose evidence text the analysis writes itself (from packets or WebIO's bytes), not the trace. */
const OWN_MILESTONES: readonly KeyFact[] = ['reset', 'tcp_failure', 'syn_unanswered', 'client_hello', 'server_hello', 'certificate', 'alert', 'established'];

/**
 * The reports of `r` in Japanese have no English sentence of their own, nor have the handshake milestones quoted
 * as evidence, and those milestones render whole in English.
 */
function assertJapanese(r: AnalysisResult): void {
  const human = renderAnalyzeHuman(r, { color: false, cipherName: cipherSuiteName, width: 10_000, messages: ja });
  const html = renderAnalyzeHtml(analyzeRecord(r, cipherSuiteName, { lang: 'ja' }), { messages: ja });
  assert.equal(englishRuns(humanProse(human)), [], 'English in the human report');
  assert.equal(englishRuns(htmlProse(html)), [], 'English in the HTML report');
  for (const c of r.connections) {
    for (const fact of OWN_MILESTONES) {
      const ref = c.keyEvidence?.get(fact);
      // A provider's event quoted as the milestone is the trace's text; a packet's or a message is the analysis'.
      if (!ref || !(/^(?:packet #|tcp flow )/.test(ref.source) || carriesMessage(ref.text))) continue;
      assert.equal(englishRuns(carriedText(ja, ref.text)), [], `${fact}: ${carriedText(ja, ref.text)}`);
      assert.not.ok(carriesMessage(carriedText(en, ref.text)), `${fact} rendered whole`);
    }
  }
}

for (const file of scenarios) {
  test(`${file}: the Japanese human and HTML reports have no English sentence of their own`, () => {
    assertJapanese(analyzeFiles([join(samplesDir, file)]));
  });
}

test('the end of a connection that sent an alert or a reset is named in Japanese (human and HTML)', () => {
  const r = analyzeFiles([join(samplesDir, 'win7-kb-schannel-off.etl')]);
  const human = renderAnalyzeHuman(r, { color: false, cipherName: cipherSuiteName, width: 10_000, messages: ja });
  const line = human.split('\n').find((l) => l.includes('fatal:protocol_version') && l.includes('TCP リセット'));
  assert.ok(line, 'the server line of the failing connection');
  assert.match(line!, /サーバーからのアラート fatal:protocol_version; サーバーによる TCP リセット/);
  assert.not.match(line!, /\b(server|client)\b/);
  const html = renderAnalyzeHtml(analyzeRecord(r, cipherSuiteName, { lang: 'ja' }), { messages: ja });
  assert.match(html, /サーバーからのアラート fatal:protocol_version; サーバーによる TCP リセット/);
});

const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-ja-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
function written(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A copy of `bytes` with `length` bytes from `at` replaced by `fill` (a byte, or bytes from a seeded sequence). */
function overwritten(bytes: Buffer, at: number, length: number, fill: number | 'noise'): Buffer {
  const copy = Buffer.from(bytes);
  let seed = 7;
  for (let i = at; i < at + length && i < copy.length; i++) copy[i] = fill === 'noise' ? (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24 : fill;
  return copy;
}

const plain = readFileSync(join(samplesDir, 'hcw-2012-tls10.etl'));
const compressed = readFileSync(join(samplesDir, 'hcw-2012-tls10-compressed.etl'));
const bufferSize = plain.readUInt32LE(0);
const DAMAGED: Readonly<Record<string, Buffer>> = {
  'cut in the middle of a buffer': plain.subarray(0, (plain.length >> 1) + 1234),
  'cut at a buffer boundary': plain.subarray(0, 2 * bufferSize),
  'cut inside the first buffer header': plain.subarray(0, 100),
  'a buffer header overwritten': overwritten(plain, bufferSize, 4, 0x7f),
  'records overwritten with fill': overwritten(plain, bufferSize + 0x48, 0x1b8, 0xff),
  'records overwritten with noise': overwritten(plain, bufferSize + 0x60, 0x2a0, 'noise'),
  'a compressed buffer scrambled': overwritten(compressed, compressed.readUInt32LE(0) + 0x60, 0x2a0, 'noise'),
  'a compressed trace cut short': compressed.subarray(0, (compressed.length >> 1) + 1234),
};

for (const [name, bytes] of Object.entries(DAMAGED)) {
  test(`damaged input (${name}): the Japanese reports say what was damaged in Japanese`, () => {
    const r = analyzeFiles([written(`${name.replace(/\W+/g, '-')}.etl`, bytes)]);
    assert.ok(r.inputs[0]!.issues.length > 0, 'a read problem');
    assertJapanese(r);
  });
}

const fixturesDir = join(samplesDir, '..', 'test', 'fixtures', 'text');
const netsh = readFileSync(join(fixturesDir, 'netsh-win10-enabledprotocols.txt'), 'utf8');
const xml = readFileSync(join(fixturesDir, 'tracerpt-win7-winrm-tls.xml'), 'utf8');
const TEXT_EXPORTS: readonly string[] = [
  ...readdirSync(fixturesDir).map((f) => join(fixturesDir, f)),
  ...(existsSync(sharedExportsDir) ? readdirSync(sharedExportsDir).filter((f) => !f.endsWith('.md')).map((f) => join(sharedExportsDir, f)) : []),
  written('netsh-preamble.txt', `Trace configuration: collected by the help desk\nsecond line of notes\n${netsh}`),
  written('tracerpt-cut.xml', xml.slice(0, xml.length >> 1)),
  written('tracerpt-malformed.xml', xml.replace('</System>', '</Sys>')),
  written('tracerpt-no-events.xml', '<?xml version="1.0"?>\n<Events>\n</Events>\n'),
  written('tracerpt-header-only.csv', readFileSync(join(fixturesDir, 'tracerpt-webio.csv'), 'utf8').split('\n').slice(0, 1).join('\n') + '\n'),
];

test('text exports, whole, cut short, malformed or with a preamble: the Japanese reports are Japanese', () => {
  let problems = 0;
  for (const file of TEXT_EXPORTS) {
    const r = analyzeFiles([file]);
    problems += r.inputs[0]!.issues.length;
    try {
      assertJapanese(r);
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message}`);
    }
  }
  assert.ok(problems >= 5, `${problems} read problems`);
});

mkdirSync(join(dir, 'a-directory'));
const UNREADABLE: readonly string[] = [
  written('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff))),
  written('empty.etl', ''),
  written('notes.txt', 'notes about the case\nnothing of a trace in here\n'),
  written('case.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)])),
  written('capture.pcapng', Buffer.concat([Buffer.from([0x0a, 0x0d, 0x0d, 0x0a]), Buffer.alloc(64)])),
  written('header-only.etl', plain.subarray(0, 0x60)),
  join(dir, 'a-directory'),
  join(dir, 'missing.etl'),
];

test('inputs that cannot be read: listed beside a readable one, and alone, in Japanese', () => {
  const r = analyzeFiles([join(samplesDir, 'dns-failure.etl'), ...UNREADABLE]);
  assert.is(r.rejected.length, UNREADABLE.length);
  assertJapanese(r);
  for (const file of UNREADABLE) {
    try {
      assertJapanese(analyzeFiles([file]));
    } catch (err) {
      if (!(err instanceof TraceError)) throw err;
      assert.equal(englishRuns(err.describe(ja)), [], err.describe(ja));
    }
  }
});

test('analyze --lang ja: the warnings and errors on stderr are Japanese', () => {
  for (const args of [[join(samplesDir, 'dns-failure.etl'), ...UNREADABLE.slice(0, 3)], [join(dir, 'missing.etl')], [written('cut.etl', DAMAGED['cut in the middle of a buffer']!)]]) {
    const run = runCli(['analyze', ...args, '--lang', 'ja']);
    assert.ok(run.stderr.length > 0, 'something on stderr');
    assert.equal(englishRuns(run.stderr), [], run.stderr);
  }
});

test('an error that stops a command is said in the language asked for: --lang, else the locale; English without --lang', () => {
  const existing = written('existing-report.txt', 'kept\n');
  const args = ['analyze', join(samplesDir, 'dns-failure.etl'), '-o', existing];
  const english = runCli(args, { env: { LC_ALL: 'C' } });
  assert.is(english.status, 74);
  assert.is(english.stderr, `tracedoctor: ${existing}: output file exists; use --force to replace it\n`);
  for (const run of [runCli([...args, '--lang', 'ja'], { env: { LC_ALL: 'C' } }), runCli(args, { env: { LC_ALL: 'ja_JP.UTF-8' } })]) {
    assert.is(run.status, 74);
    assert.ok(run.stderr.startsWith(`tracedoctor: ${existing}: `), run.stderr);
    assert.equal(englishRuns(run.stderr), [], run.stderr);
  }
  assert.is(runCli([...args, '--lang', 'en'], { env: { LC_ALL: 'ja_JP.UTF-8' } }).stderr, english.stderr);
  assert.is(readFileSync(existing, 'utf8'), 'kept\n');
});

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
