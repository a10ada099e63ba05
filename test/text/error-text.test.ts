// Pasted error text: English and Japanese UI messages → WinHTTP codes, ETW-shaped events, the next capture.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byId, fixture, readAll } from './fixtures.js';
import { ERROR_CATALOG } from '../../src/text/error-catalog.js';
import { captureStart } from '../../src/diagnose/capture.js';
import { CATALOGS } from '../../src/common/i18n/catalog.js';
import { kindCapture, kindMeaning } from '../../src/diagnose/error-meanings.js';
import { CAPTURE } from '../../src/diagnose/capture.js';

test('Japanese: SSL library internal error → WinRM 172 with host, port, flag and the TLS capture advice', () => {
  const { input, events } = readAll(fixture('error-text-ja.txt'));
  assert.is(input.format, 'error_text');
  const cert = byId(events, 'Microsoft-Windows-WinRM', 172)[0]!;
  assert.is(cert.fields.machineName, 'outlook.office365.com');
  assert.is(cert.fields.port, 443);
  assert.is(cert.fields.error1, 'Encountered an internal error in the SSL library.');
  assert.is(cert.fields.WinHttpError, 12175);
  assert.is(cert.fields.SecureFailureFlags, 0x80000000);
  assert.is(cert.fields.Command, 'New-PSSession');
  assert.match(captureStart(kindCapture(String(cert.fields.ErrorKind).split(',')[0]!)), /netsh trace start scenario=InternetClient capture=yes/);
  assert.match(cert.message ?? '', /SSL ライブラリで内部エラーが発生しました/);
  assert.is(cert.source.line, 3, 'the line where the message starts');
});

test('Japanese: WinRM name resolution → WinRM 137 / 12007; .NET secure channel; HRESULT in text', () => {
  const { events } = readAll(fixture('error-text-ja.txt'));
  const dns = byId(events, 'Microsoft-Windows-WinRM', 137)[0]!;
  assert.is(dns.fields.WinHttpError, 12007);
  assert.match(captureStart(kindCapture(String(dns.fields.ErrorKind))), /DNS-Client/);
  assert.is(byId(events, 'ErrorText', 0)[0]!.fields.ErrorKind, 'dotnet_secure_channel');
  const api = byId(events, 'Microsoft-Windows-WinHttp', 14)[0]!;
  assert.is(api.fields.Result, 12029, '0x80072EFD');
  assert.is(events.length, 4);
});

test('English: .NET, WinRM timeout and a WinHTTP system message', () => {
  const { events } = readAll(fixture('error-text-en.txt'));
  assert.equal(
    events.map((e) => e.fields.ErrorKind),
    ['dotnet_unexpected_send_error', 'dotnet_secure_channel', 'winrm_timeout', 'winhttp_12030'],
  );
  const timeout = byId(events, 'Microsoft-Windows-WinRM', 138)[0]!;
  assert.is(timeout.fields.WinHttpError, 12002);
  assert.is(timeout.fields.RemoteServer, 'ex01.contoso.com');
  assert.is(byId(events, 'Microsoft-Windows-WinHttp', 14)[0]!.fields.Result, 12030);
});

const tmp = mkdtempSync(join(tmpdir(), 'td-errtext-'));

test('Japanese text saved in the ANSI code page (CP932) is decoded and recognised', () => {
  // CP932 bytes of 「SSL ライブラリで内部エラーが発生しました。」, as Notepad on a Japanese system saves them.
  const sjis = Buffer.from(
    '53534c208389834383758389838a82c593e0959483478389815b82aa94ad90b682b582dc82b582bd8142',
    'hex',
  );
  assert.is(new TextDecoder('shift_jis').decode(sjis), 'SSL ライブラリで内部エラーが発生しました。');
  const p = join(tmp, 'cp932.txt');
  writeFileSync(p, Buffer.concat([Buffer.from('New-PSSession : (outlook.office365.com:443) '), sjis, Buffer.from('\r\n')]));
  const { input, events } = readAll(p);
  assert.is(input.format, 'error_text');
  assert.is(events[0]!.id, 172);
});

test('.NET and socket messages: trust failure, handshake closed, reset (also Japanese), refused', () => {
  const p = join(tmp, 'dotnet.txt');
  writeFileSync(
    p,
    'Exception: The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.\n\n' +
      'System.IO.IOException: Authentication failed because the remote party has closed the transport stream.\n\n' +
      '既存の接続はリモート ホストに強制的に切断されました。\n\n' +
      'No connection could be made because the target machine actively refused it 10.0.0.5:5986\n',
  );
  const { events } = readAll(p);
  assert.equal(
    events.map((e) => e.fields.ErrorKind),
    ['dotnet_trust_failure', 'dotnet_handshake_closed', 'connection_reset', 'connection_refused'],
  );
  assert.is(kindCapture(String(events[0]!.fields.ErrorKind)), 'certificate');
});

test('each catalog row has a meaning and a capture recipe in the diagnosis, and a pattern that matches its canonical text', () => {
  const starts: string[] = [CAPTURE.netshStart, CAPTURE.netshStartDns];
  for (const row of ERROR_CATALOG) {
    assert.ok(kindMeaning(row.kind), `${row.kind}: meaning`);
    // The capture is one of capture.ts's commands, and the catalogs say what it shows.
    const recipe = kindCapture(row.kind);
    assert.ok(starts.includes(captureStart(recipe)), `${row.kind}: ${recipe}`);
    assert.ok(CATALOGS.en[`capture.tells.${recipe}`], `${row.kind}: capture.tells.${recipe}`);
    assert.ok(row.patterns.length > 0, row.kind);
    if (row.canonical) assert.ok(row.patterns.some((p) => p.test(row.canonical!)), row.kind);
  }
});

test('a log whose head shows no error is still recognised when the failure comes later', () => {
  const p = join(tmp, 'HybridConfiguration.log');
  const info = Array.from({ length: 3000 }, (_, i) => `[2024-06-11 08:02:${String(i % 60).padStart(2, '0')}] INFO Step ${i} completed`).join('\n');
  writeFileSync(
    p,
    info +
      '\n[2024-06-11 08:03:00] ERROR System.Management.Automation.Remoting.PSRemotingTransportException: Connecting to remote server outlook.office365.com failed with the following error message : The server certificate on the destination computer (outlook.office365.com:443) has the following errors:\n' +
      'Encountered an internal error in the SSL library.\n',
  );
  assert.ok(Buffer.byteLength(info) > 64 * 1024, 'beyond the sniffed head');
  const { input, events } = readAll(p);
  assert.is(input.format, 'error_text');
  const cert = events.find((e) => e.id === 172)!;
  assert.is(cert.fields.machineName, 'outlook.office365.com');
  assert.is(cert.fields.port, 443);
});

test('a long paste is read paragraph by paragraph without losing messages at the end', () => {
  const p = join(tmp, 'long.txt');
  const filler = 'PS C:\\> Get-Date\n\nMonday\n\n'.repeat(5000);
  writeFileSync(p, 'Encountered an internal error in the SSL library.\n\n' + filler + readFileSync(fixture('error-text-en.txt'), 'utf8'));
  const { events } = readAll(p);
  assert.is(events.length, 5);
  assert.is(events[4]!.fields.ErrorKind, 'winhttp_12030');
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
