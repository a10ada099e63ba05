import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRedactor, isReadableHost } from '../../src/report/redact.js';

const SECRETS = ['jdoe', 'CONTOSO', 'contoso', '10.1.2.3', '172.16.5.9', 'fe80::1c2d:3e4f:5a6b:7c8d', 'SRV-EX01',
  'srv-ex01', 'fabrikam', 'S-1-5-21-1004336348-1177238915-682003330', 'alice', 'DESKTOP-AB12CD3', 'FILESRV'];

function assertClean(text: string): void {
  for (const s of SECRETS) assert.not.ok(text.toLowerCase().includes(s.toLowerCase()), `"${s}" left in: ${text}`);
}

test('user names, domains, addresses, computers and SIDs are replaced', () => {
  const r = createRedactor();
  const out = r.text(
    'C:\\Users\\jdoe\\AppData\\Local\\Temp\\NetTrace.etl by CONTOSO\\jdoe from 10.1.2.3:51000 to 172.16.5.9:443 ' +
      'via fe80::1c2d:3e4f:5a6b:7c8d%12; <Computer>SRV-EX01</Computer> srv-ex01.corp.contoso.local ' +
      'alice@fabrikam.com S-1-5-21-1004336348-1177238915-682003330-1104 DESKTOP-AB12CD3 \\\\FILESRV\\share',
  );
  assertClean(out);
  assert.match(out, /C:\\Users\\user-1\\AppData/);
  assert.match(out, /domain-1\\user-1/);
  assert.match(out, /192\.0\.2\.1:51000/);
  assert.match(out, /2001:db8::1/);
  assert.match(out, /user-2@tenant-\d+\.example/);
});

test('the same original always gets the same pseudonym, also across calls and object values', () => {
  const r = createRedactor();
  const a = r.text('connect 10.9.8.7 and mail.contoso.com');
  const b = r.text('again mail.contoso.com then 10.9.8.7');
  assert.is(a, 'connect 192.0.2.1 and mail.tenant-1.example');
  assert.is(b, 'again mail.tenant-1.example then 192.0.2.1');
  const v = r.value({ remote_ip: '10.9.8.7', list: ['mail.contoso.com'], nested: { '10.9.8.7': 'x' } });
  assert.equal(v, { remote_ip: '192.0.2.1', list: ['mail.tenant-1.example'], nested: { '192.0.2.1': 'x' } });
});

test('Microsoft service names, loopback and versions stay readable', () => {
  const r = createRedactor();
  const keep = 'outlook.office365.com login.microsoftonline.com ps.compliance.protection.outlook.com ' +
    'admin0a.online.lync.com api.interfaces.records.teams.microsoft.com x.blob.core.windows.net 127.0.0.1 ::1 ' +
    '0.0.0.0 Windows 10.0.17763.1 powershell.exe System.Net.WebException 12:34:56.789 0x80072F8F';
  assert.is(r.text(keep), keep);
  assert.ok(isReadableHost('outlook.office365.com'));
  assert.not.ok(isReadableHost('contoso.onmicrosoft.com'));
});

test('tenant names are replaced, also inside Microsoft domains that carry them', () => {
  const r = createRedactor();
  const out = r.text('contoso.onmicrosoft.com contoso.mail.onmicrosoft.com contoso.sharepoint.com contoso-com.mail.protection.outlook.com');
  assertClean(out);
  assert.match(out, /^tenant-1\.example tenant-1\.example tenant-\d+\.sharepoint\.com tenant-\d+\.mail\.protection\.outlook\.com$/);
});

test('names learned in one place are replaced where they appear bare', () => {
  const r = createRedactor();
  const v = r.value({ computer_name: 'SRV-APP02', note: 'SRV-APP02 failed', folder: 'contoso.com-ticket', upn: 'jdoe@contoso.com', t: 'contoso case' });
  assert.not.ok(JSON.stringify(v).toLowerCase().includes('srv-app02'));
  assert.not.ok(JSON.stringify(v).toLowerCase().includes('contoso'));
});

test('public domains are replaced but their names are not learned as words', () => {
  const r = createRedactor();
  assert.is(r.text('see github.com/x and GitHub issues'), 'see tenant-1.example/x and GitHub issues');
});

test('redacting twice changes nothing more', () => {
  const r = createRedactor();
  const once = r.text('CONTOSO\\jdoe 10.1.2.3 2603:1026:c03:1::5 mail.contoso.com');
  assert.is(r.text(once), once);
});

test('separate redactors are independent', () => {
  const a = createRedactor();
  const b = createRedactor();
  a.text('10.0.0.1');
  assert.is(b.text('10.0.0.2'), '192.0.2.1');
});

test.run();
