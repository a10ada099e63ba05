// The HTML report without a browser: valid HTML (html-validate, a parser-based validator), a strict CSP and
// nothing that could fetch, the ladder arrows of each failing connection, copy buttons carrying the exact
// commands, the .reg snippet, redaction, and the size bound on a 10,000-connection analysis.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { HtmlValidate } from 'html-validate';
import { EXPECTED_ARROWS, SCENARIOS, inOrder, recordOf, scenario } from './fixtures.js';
import { buildLadder } from '../../../src/report/html/ladder-steps.js';
import { layoutFailing, isFailing } from '../../../src/report/html/connections-html.js';
import { renderAnalyzeHtml } from '../../../src/report/html/report.js';
import { renderBatchIndexHtml } from '../../../src/report/html/index-page.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/report/html/document.js';
import { messages } from '../../../src/common/i18n/catalog.js';
import { message } from '../../../src/common/message.js';
import { regFileText } from '../../../src/report/reg-file.js';
import { createRedactor } from '../../../src/report/redact.js';
import { analyzeRecord, type AnalyzeRecord } from '../../../src/report/analyze-json.js';
import { analyzeFiles } from '../../../src/pipeline/index.js';
import { cipherSuiteName } from '../../../src/net/index.js';
import { samplesDir } from '../../helpers/paths.js';
import { join } from 'node:path';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
const en = messages('en');

function unescape(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Every `data-copy` attribute of the page, unescaped. */
function copyTexts(html: string): string[] {
  return [...html.matchAll(/data-copy="([^"]*)"/g)].map((m) => unescape(m[1]!));
}

for (const name of SCENARIOS) {
  test(`${name}: valid HTML, strict CSP, nothing fetched`, async () => {
    const { html } = scenario(name);
    const report = await validator.validateString(html);
    const problems = report.results.flatMap((r) => r.messages.map((x) => `${x.line}:${x.column} ${x.ruleId} ${x.message}`));
    assert.equal(problems, [], problems.slice(0, 5).join('\n'));
    assert.ok(html.includes(`http-equiv="Content-Security-Policy"`));
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
    assert.not.match(html, /\s(?:src|srcset|action|poster|data)="(?!data:)/i, 'no attribute that loads a resource');
    assert.not.match(html, /href="(?!#)/, 'every link is inside the page');
    assert.not.match(html, /<(?:link|img|iframe|object|embed)\b/i);
    assert.not.match(html, /\sstyle="/, 'no inline style attributes (the CSP admits only the hashed stylesheet)');
    assert.ok(Buffer.byteLength(html) < 200_000, `${Buffer.byteLength(html)} bytes`);
  });
}

for (const [name, want] of Object.entries(EXPECTED_ARROWS)) {
  test(`${name}: the failing connection's ladder has ${want.join(' → ')}`, () => {
    const r = recordOf(name);
    const failing = r.connections.filter((c) => isFailing(r, c));
    assert.ok(failing.length > 0, 'a failing connection');
    const kinds = failing.map((c) => buildLadder(c, en).steps.filter((s) => s.type === 'arrow').map((s) => (s.type === 'arrow' ? s.kind : '')));
    assert.ok(kinds.some((k) => inOrder(k, want)), `got ${kinds.map((k) => k.join(' ')).join(' | ')}`);
  });
}

test('a record made in Japanese draws the same ladders (arrows, order, evidence links) from its packet facts, and the page says packet lines in Japanese', () => {
  const ja = messages('ja');
  for (const name of Object.keys(EXPECTED_ARROWS)) {
    const english = recordOf(name);
    const japanese = analyzeRecord(analyzeFiles([join(samplesDir, `${name}.etl`)]), cipherSuiteName, { lang: 'ja' });
    english.connections.forEach((c, i) => {
      const jc = japanese.connections[i]!;
      const arrows = (x: typeof c, m: typeof en) => buildLadder(x, m).steps.filter((s) => s.type === 'arrow').map((s) => `${s.type === 'arrow' ? s.kind : ''}@${s.evidence}`);
      assert.equal(arrows(jc, ja), arrows(c, en), `${name} connection ${c.id}`);
    });
    // The record keeps the packet notation in every language; the page says it in Japanese.
    const html = renderAnalyzeHtml(japanese, { messages: ja });
    const rows = [...html.matchAll(/<td class="src">packet #\d+<\/td><td>([^<]*)<\/td>/g)].map((x) => x[1]!);
    // hcw-2012-no-capture has no packets: its ClientHello comes from WebIO's own logging.
    if (name !== 'hcw-2012-no-capture') assert.ok(rows.length > 0, `${name}: packet rows in the evidence tables`);
    for (const row of rows.filter((r) => r.startsWith('TCP '))) assert.match(row, /長さ \d+ \((クライアント|サーバー)\)/, `${name}: ${row}`);
    for (const row of rows) assert.not.match(row, / len \d| \((client|server)\)|retransmission|DNS (query|response) /, `${name}: ${row}`);
  }
});

test('ladder: EnabledProtocols and the WinHTTP / WinRM errors are notes on the process lifeline, linked to evidence', () => {
  const r = recordOf('hcw-2012-tls10');
  const c = r.connections[0]!;
  const ladder = buildLadder(c, en);
  assert.equal(ladder.lanes.map((l) => l.lane), ['process', 'schannel', 'socket', 'dns', 'server']);
  const notes = ladder.steps.filter((s) => s.type === 'note' && s.lane === 'process');
  const enabled = notes.find((s) => s.type === 'note' && s.kind === 'enabled-protocols')!;
  assert.match(enabled.label, /EnabledProtocols 0x000000A0 \(TLS1_0_CLIENT \| SSL3_CLIENT\)/);
  assert.is(enabled.tone, 'error');
  assert.match(c.evidence[enabled.evidence]!.source, /WebIO\/728$/);
  const winhttp = notes.find((s) => s.type === 'note' && s.kind === 'winhttp-error')!;
  assert.match(winhttp.label, /0x00002F8F \(12175\) ERROR_WINHTTP_SECURE_FAILURE/);
  assert.ok(notes.some((s) => s.type === 'note' && s.kind === 'winrm' && /WinRM 172/.test(s.label)));
  const hello = ladder.steps.find((s) => s.type === 'arrow' && s.kind === 'client-hello')!;
  assert.match(hello.detail ?? '', /offers TLS 1\.0 · 12 suites: TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA.*SNI outlook\.office365\.com/);
  const { html } = scenario('hcw-2012-tls10');
  for (const s of ladder.steps) assert.ok(html.includes(`id="ev-${c.id}-${s.evidence}"`), `evidence line ${s.evidence} is in the page`);
});

test('copy buttons carry exactly the PowerShell lines and commands of the fix', () => {
  for (const name of SCENARIOS) {
    const { html, record } = scenario(name);
    const copies = copyTexts(html);
    for (const f of record.findings) {
      for (const step of f.remediation) {
        if (step.powershell) assert.ok(copies.includes(step.powershell), `${name} ${f.code}: ${step.powershell}`);
        if (step.command) assert.ok(copies.includes(step.command), `${name} ${f.code}: ${step.command}`);
      }
    }
  }
});

test('.reg snippet: both WinHttp keys (with Wow6432Node) as Registry Editor 5.00 dword values', () => {
  const { html } = scenario('hcw-2012-tls10');
  const reg = copyTexts(html).find((t) => t.startsWith('Windows Registry Editor Version 5.00'));
  assert.is(
    reg,
    'Windows Registry Editor Version 5.00\n\n' +
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\n"DefaultSecureProtocols"=dword:00000a80\n\n' +
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp]\n"DefaultSecureProtocols"=dword:00000a80\n',
  );
  assert.is(regFileText([{ path: 'HKCU\\Software\\X', name: 'Say "hi"', type: 'REG_SZ', value: 'C:\\a' }]), 'Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\X]\n"Say \\"hi\\""="C:\\\\a"\n');
  assert.is(regFileText([]), undefined);
});

test('--redact: the page drawn from the redacted record names no customer address', () => {
  const r = recordOf('hcw-2012-tls10');
  const html = renderAnalyzeHtml(createRedactor().value(r) as AnalyzeRecord, { messages: en });
  assert.not.ok(html.includes('10.20.0.41'), 'client address');
  assert.not.ok(html.includes('52.97.146.210'), 'server address');
  assert.ok(html.includes('outlook.office365.com'), 'Microsoft service names stay readable');
  assert.match(html, /192\.0\.2\.\d/);
});

/** A record of `n` connections: every 23rd fails like the HCW scenario, the rest are healthy background. */
function manyConnections(n: number): AnalyzeRecord {
  const base = recordOf('hcw-2012-tls10');
  const healthy = recordOf('healthy-tls12').connections[0]!;
  const failing = base.connections[0]!;
  const connections = Array.from({ length: n }, (_, i) => {
    const c = i % 23 === 0 ? failing : healthy;
    return { ...c, id: i + 1, local_port: 49152 + (i % 16000), remote_ip: `52.97.${(i >> 8) & 255}.${i & 255}`, server_name: i % 23 === 0 ? c.server_name : `host${i % 7}.outlook.com` };
  });
  return { ...base, connections, summary: { ...base.summary, connections: n } };
}

test('10,000 connections: under 2 MB, healthy background folded, ladders capped', () => {
  const r = manyConnections(10_000);
  const html = renderAnalyzeHtml(r, { messages: en });
  const bytes = Buffer.byteLength(html);
  assert.ok(bytes < 2 * 1024 * 1024, `${bytes} bytes`);
  const layout = layoutFailing(r);
  assert.is(layout.representedBy.size, Math.ceil(10_000 / 23));
  assert.ok(layout.drawn.length <= 12);
  assert.is((html.match(/<svg class="ladder"/g) ?? []).length, layout.drawn.length);
  assert.match(html, /9,?565 healthy connections \(folded\)/);
  assert.ok((html.match(/<tr class="folded"/g) ?? []).length <= 7, 'healthy rows folded per server');
});

test('batch index: one row per case with verdict, top finding and a link to its report', async () => {
  const html = renderBatchIndexHtml(
    [
      { id: 'case-a', source: 'uploads/case-a', verdict: 'failure', topFinding: 'WINHTTP_TLS12_NOT_OFFERED', topTitle: 'WinHTTP did not offer TLS 1.2', servers: 'outlook.office365.com', status: message('status.ok'), report: 'cases/case-a.html' },
      { id: 'case b', source: 'uploads/b.zip', verdict: '', topFinding: '', servers: '', status: message('status.failed', { problem: 'corrupt archive' }) },
    ],
    en,
  );
  const report = await validator.validateString(html);
  assert.ok(report.valid, JSON.stringify(report.results[0]?.messages.slice(0, 3)));
  assert.match(html, /<a href="cases\/case-a\.html">case-a<\/a>/);
  assert.match(html, /WINHTTP_TLS12_NOT_OFFERED/);
  assert.match(html, /failed: corrupt archive/);
});

test.run();
