import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { etlEvent, extract, only, textEvent } from './events.js';

test('WinHttp 11/14 with a non-zero Result → winhttp_error; successes and 9/10/12/13 give nothing', () => {
  const obs = extract(
    etlEvent('winhttp', 9, { ApiHandle: 0x36aae0n, Api: 'WinHttpSendRequest' }),
    etlEvent('winhttp', 10, { ApiHandle: 0x36aae0n, Api: 'WinHttpOpen', Result: 1 }),
    etlEvent('winhttp', 14, { ApiHandle: 0x36aae0n, Api: 'WinHttpSendRequest', Result: 12175 }),
    textEvent('Microsoft-Windows-WinHttp', 11, { ApiHandle: '0x36AAE0', Api: 'WinHttpReceiveResponse', Result: '12030' }),
    etlEvent('winhttp', 14, { ApiHandle: 1n, Api: 'WinHttpSendRequest', Result: 0 }),
  );
  const errs = obs.filter((o) => o.kind === 'winhttp_error') as Extract<(typeof obs)[number], { kind: 'winhttp_error' }>[];
  assert.is(errs.length, 2);
  assert.equal([errs[0]!.api, errs[0]!.code, errs[0]!.handle], ['WinHttpSendRequest', 12175, '0x36AAE0']);
  assert.equal([errs[1]!.api, errs[1]!.code], ['WinHttpReceiveResponse', 12030]);
  assert.is(errs[0]!.ref.source, 'Microsoft-Windows-WinHttp/14');
});

test('WinHttp API error from the message alone, API name remembered by handle', () => {
  const e = only(
    extract(
      textEvent('Microsoft-Windows-WinHttp', 9, {}, { message: 'WinHttpSendRequest(0x36aae0) API called.' }),
      textEvent('Microsoft-Windows-WinHttp', 14, { ApiHandle: '0x36aae0', Result: '0x2F8F' }),
    ),
    'winhttp_error',
  );
  assert.is(e.api, 'WinHttpSendRequest');
  assert.is(e.code, 12175);
  const m = only(
    extract(textEvent('Microsoft-Windows-WinHttp', 11, {}, { message: 'WinHttpConnect(0x1234) API failed with an error = 12007.' })),
    'winhttp_error',
  );
  assert.equal([m.api, m.code, m.handle], ['WinHttpConnect', 12007, '0x1234']);
});

test('WinHttp 1053 → tls_version_mismatch plus the process name for the event pid', () => {
  const obs = extract(
    etlEvent(
      'winhttp',
      1053,
      { Host: 'outlook.office365.com', ModulePath: 'C:\\Windows\\System32\\WsmSvc.dll', ModuleName: 'WsmSvc.dll', ProcessPath: 'C:\\Windows\\System32\\svchost.exe', ProcessName: 'svchost.exe' },
      { pid: 1234 },
    ),
  );
  const t = only(obs, 'tls_version_mismatch');
  assert.equal([t.host, t.processName, t.moduleName, t.stack], ['outlook.office365.com', 'svchost.exe', 'WsmSvc.dll', 'winhttp']);
  const p = only(obs, 'process');
  assert.equal([p.processId, p.image, p.path, p.phase], [1234, 'svchost.exe', 'C:\\Windows\\System32\\svchost.exe', 'hint']);
});

test('WinHttp autoproxy: PAC download, PAC failure, proxy found, direct, lookup failure, autodetect failure', () => {
  const obs = extract(
    etlEvent('winhttp', 809, { _ConfigurationURLLength: 20, ConfigurationURL: 'http://wpad/wpad.dat' }, { version: 1 }),
    etlEvent('winhttp', 811, { _ConfigurationURLLength: 20, ConfigurationURL: 'http://wpad/wpad.dat', Error: 12167 }),
    etlEvent('winhttp', 814, { _URLLength: 10, URL: 'https://outlook.office365.com/', _ProxyStringLength: 14, ProxyString: 'proxy.contoso.com:8080' }),
    textEvent('Microsoft-Windows-WinHttp', 814, { URL: 'https://login.microsoftonline.com/', ProxyString: '' }),
    etlEvent('winhttp', 815, { _URLLength: 10, URL: 'https://outlook.office365.com/', Error: 12166 }),
    textEvent('Microsoft-Windows-WinHttp', 808, {}, { message: 'Search for WPAD configruation file failed: Error=12180' }),
  );
  const proxies = obs.filter((o) => o.kind === 'proxy') as Extract<(typeof obs)[number], { kind: 'proxy' }>[];
  assert.equal(
    proxies.map((p) => p.what),
    ['pac_download', 'pac_failed', 'find_proxy', 'direct', 'find_proxy', 'autodetect_failed'],
  );
  assert.is(proxies[0]!.url, 'http://wpad/wpad.dat');
  assert.is(proxies[1]!.error, 12167);
  assert.is(proxies[2]!.proxy, 'proxy.contoso.com:8080');
  assert.is(proxies[2]!.url, 'https://outlook.office365.com/');
  assert.is(proxies[4]!.error, 12166);
  assert.is(proxies[5]!.error, 12180);
});

test('WinHttp 1051/1052 getaddrinfo → dns with origin winhttp (field `error` is lower case)', () => {
  const obs = extract(
    etlEvent('winhttp', 1051, { Flags: 0, AddressName: 'outlook.office365.com' }),
    etlEvent('winhttp', 1052, { error: 11001, Flags: 0, AddressName: 'outlook.office365.com' }),
  );
  const dns = obs.filter((o) => o.kind === 'dns') as Extract<(typeof obs)[number], { kind: 'dns' }>[];
  assert.equal(dns.map((d) => [d.phase, d.origin, d.status]), [['query', 'winhttp', undefined], ['result', 'winhttp', 11001]]);
});

test('WinRM 6/7/142 errorCode and host; 135–139 carry the WinHTTP error their text names', () => {
  const obs = extract(
    etlEvent('winrm', 6, { connection: 'outlook.office365.com/PowerShell-LiveID?PSVersion=5.1.14393' }),
    etlEvent('winrm', 7, { errorCode: 0x80338012 }),
    textEvent('Microsoft-Windows-WinRM', 142, { operationName: 'Enumeration', errorCode: '2150859046' }),
    etlEvent('winrm', 137, {}, { message: 'Network layer returned ERROR_WINHTTP_NAME_NOT_RESOLVED - The server name cannot be resolved. Aborting the operation' }),
    etlEvent('winrm', 138, {}),
    textEvent('Microsoft-Windows-WinRM', 12, {}, { message: 'WSMan shell creation failed, error code 5' }),
    etlEvent('winrm', 164, { destinationMachine: 'ex01.contoso.com' }),
    etlEvent('winrm', 6, { connection: 'https://10.0.0.6:5986/wsman' }),
  );
  const w = obs.filter((o) => o.kind === 'winrm') as Extract<(typeof obs)[number], { kind: 'winrm' }>[];
  assert.equal(w.map((x) => x.id), [6, 7, 142, 137, 138, 12, 164, 6]);
  assert.is(w[0]!.host, 'outlook.office365.com');
  assert.is(w[1]!.errorCode, 0x80338012);
  assert.is(w[2]!.errorCode, 2150859046);
  assert.is(w[2]!.operation, 'Enumeration');
  assert.is(w[3]!.errorCode, 12007);
  assert.ok(w[3]!.text.startsWith('Network layer returned'));
  assert.is(w[4]!.errorCode, 12002);
  assert.is(w[5]!.errorCode, 5);
  assert.is(w[6]!.host, 'ex01.contoso.com');
  assert.equal([w[7]!.host, w[7]!.port], ['10.0.0.6', 5986]);
});

test('WinRM 172 → winrm + cert_validation with the error texts and their WinHTTP flag bits', () => {
  const obs = extract(
    etlEvent('winrm', 172, {
      machineName: 'outlook.office365.com', port: '443', error1: '\nEncountered an internal error in the SSL library.',
      error2: '', error3: '', error4: '', error5: '', error6: '', error7: '', error8: '',
    }),
  );
  const w = only(obs, 'winrm');
  assert.equal([w.host, w.port], ['outlook.office365.com', 443]);
  const c = only(obs, 'cert_validation');
  assert.equal(c.texts, ['Encountered an internal error in the SSL library.']);
  assert.is(c.errorFlags, 0x80000000);
  assert.is(c.host, 'outlook.office365.com');

  const text = only(
    extract(
      textEvent('Microsoft-Windows-WinRM', 172, {}, {
        message: 'The server certificate on the destination computer (mail.contoso.com:5986) has the following errors: The SSL certificate is expired. The SSL certificate is signed by an unknown certificate authority.   Fix the server certificate and try again.',
      }),
    ),
    'cert_validation',
  );
  assert.is(text.host, 'mail.contoso.com');
  assert.is(text.port, 5986);
  assert.is(text.errorFlags, 0x20 | 0x8);
  assert.is(text.texts!.length, 2);
});

test.run();
