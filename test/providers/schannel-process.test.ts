import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { etlEvent, extract, only, textEvent } from './events.js';

test('Schannel 36887/36888 alerts, 36871 error state, 36880 negotiated version (Win10 fields)', () => {
  const obs = extract(
    etlEvent('schannel', 36887, { CallerProcessId: 640, CallerProcessImageName: 'C:\\Windows\\System32\\lsass.exe', AlertDesc: 70 }),
    etlEvent('schannel', 36888, { CallerProcessId: 640, CallerProcessImageName: 'C:\\Windows\\System32\\lsass.exe', AlertDesc: 40, ErrorState: 1205, TargetName: 'outlook.office365.com' }),
    etlEvent('schannel', 36871, { CallerProcessId: 640, CallerProcessImageName: 'C:\\Windows\\System32\\lsass.exe', Type: 'client', ErrorState: 10013 }),
    etlEvent('schannel', 36880, { Type: 'client', Protocol: 'TLS 1.2', CipherSuite: 0xc030, ExchangeStrength: 384, ContextHandle: '0x1A2B', TargetName: 'outlook.office365.com', LocalCertSubjectName: '', RemoteCertSubjectName: 'CN=outlook.com' }),
  );
  const s = obs.filter((o) => o.kind === 'schannel') as Extract<(typeof obs)[number], { kind: 'schannel' }>[];
  assert.equal(s.map((x) => x.id), [36887, 36888, 36871, 36880]);
  assert.is(s[0]!.alert, 70);
  assert.equal([s[1]!.alert, s[1]!.errorState, s[1]!.targetName], [40, 1205, 'outlook.office365.com']);
  assert.equal([s[2]!.errorState, s[2]!.credentialType], [10013, 'client']);
  assert.equal([s[3]!.protocol, s[3]!.cipherSuite, s[3]!.contextHandle], ['TLS 1.2', 0xc030, '0x1A2B']);
  const procs = obs.filter((o) => o.kind === 'process') as Extract<(typeof obs)[number], { kind: 'process' }>[];
  assert.equal(procs.map((p) => [p.processId, p.image]), [[640, 'lsass.exe'], [640, 'lsass.exe'], [640, 'lsass.exe']]);
});

test('Schannel from System-log text: Win7 and Win8+ sentence forms', () => {
  const win7 = only(extract(textEvent('Schannel', 36888, {}, { message: 'The following fatal alert was generated: 40. The internal error state is 1205.' })), 'schannel');
  assert.equal([win7.alert, win7.errorState], [40, 1205]);
  const win8 = only(
    extract(textEvent('Schannel', 36887, { AlertDesc: '70' }, { message: 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 70.' })),
    'schannel',
  );
  assert.is(win8.alert, 70);
  const cred = only(extract(textEvent('Schannel', 36871, {}, { message: 'A fatal error occurred while creating an SSL client credential. The internal error state is 10013.' })), 'schannel');
  assert.is(cred.errorState, 10013);
});

test('Schannel certificate failures also give cert_validation', () => {
  const obs = extract(
    etlEvent('schannel', 36882, { CallerProcessId: 640, CallerProcessImageName: 'lsass.exe', __binLength: 0, certificateContext: new Uint8Array(0) }),
    etlEvent('schannel', 36884, { Name: 'mail.contoso.com', __binLength: 0, certificateContext: new Uint8Array(0) }),
  );
  const v = obs.filter((o) => o.kind === 'cert_validation') as Extract<(typeof obs)[number], { kind: 'cert_validation' }>[];
  assert.is(v.length, 2);
  assert.match(v[0]!.texts![0]!, /untrusted certificate authority/);
  assert.is(v[1]!.host, 'mail.contoso.com');
});

test('Schannel-Events 1793 gives the target name', () => {
  const s = only(extract(etlEvent('schannelEvents', 1793, { ContextHandle: '0x55', TargetName: 'outlook.office365.com' })), 'schannel');
  assert.equal([s.id, s.targetName, s.contextHandle], [1793, 'outlook.office365.com', '0x55']);
});

test('CAPI2: failing chain policy and revocation → cert_validation with texts; success → nothing', () => {
  const policy =
    '<CertVerifyCertificateChainPolicy><Policy type="CERT_CHAIN_POLICY_SSL" constant="4" /><Certificate fileRef="A.cer" subjectName="outlook.office365.com" />' +
    '<SSLAdditionalPolicyInfo authType="server" serverName="outlook.office365.com"><IgnoreFlags value="0" /></SSLAdditionalPolicyInfo>' +
    '<Result value="800B0109">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result></CertVerifyCertificateChainPolicy>';
  const v = only(extract(etlEvent('capi2', 30, { EventWriteData: policy }, { level: 2 })), 'cert_validation');
  assert.is(v.error, 0x800b0109);
  assert.is(v.host, 'outlook.office365.com');
  assert.match(v.texts![0]!, /not trusted/);

  const chain =
    '<CertGetCertificateChain><Certificate fileRef="B.cer" subjectName="mail.contoso.com" /><TrustStatus><ErrorStatus value="1000040" CERT_TRUST_REVOCATION_STATUS_UNKNOWN="true" CERT_TRUST_IS_OFFLINE_REVOCATION="true" /></TrustStatus>' +
    '<Result value="80092013">The revocation function was unable to check revocation because the revocation server was offline.</Result></CertGetCertificateChain>';
  const c = only(extract(textEvent('Microsoft-Windows-CAPI2', 11, { EventWriteData: chain })), 'cert_validation');
  assert.is(c.error, 0x80092013);
  assert.equal(c.texts, [
    'The revocation function was unable to check revocation because the revocation server was offline.',
    'CERT_TRUST_REVOCATION_STATUS_UNKNOWN',
    'CERT_TRUST_IS_OFFLINE_REVOCATION',
  ]);
  assert.is(c.host, 'mail.contoso.com');

  const ok = '<CertVerifyCertificateChainPolicy><Result value="0" /></CertVerifyCertificateChainPolicy>';
  assert.equal(extract(etlEvent('capi2', 30, { EventWriteData: ok })), []);
});

test('kernel Process start/end/rundown (classic opcodes) and Kernel-Process events → process', () => {
  const obs = extract(
    etlEvent('kernel', 1, { UniqueProcessKey: '0xFFFF8000', ProcessId: 3120, ParentId: 900, SessionId: 1, ExitStatus: 259, ImageFileName: 'powershell.exe', CommandLine: 'powershell.exe -NoProfile' }, { opcode: 1, pid: -1 }),
    etlEvent('kernel', 3, { ProcessId: 1234, ImageFileName: 'svchost.exe' }, { opcode: 3 }),
    etlEvent('kernel', 2, { ProcessId: '3120', ImageFileName: 'powershell.exe' }, { opcode: 2 }),
    etlEvent('kernel', 36, { ProcessId: 1, ImageFileName: 'x.exe' }, { opcode: 36 }),
    etlEvent('kernelProcess', 1, { ProcessID: 5000, CreateTime: '2024-01-01T00:00:00Z', ParentProcessID: 4, SessionID: 1, ImageName: '\\Device\\HarddiskVolume2\\Windows\\System32\\HybridConfigurationWizard.exe' }),
  );
  const p = obs.filter((o) => o.kind === 'process') as Extract<(typeof obs)[number], { kind: 'process' }>[];
  assert.equal(
    p.map((x) => [x.processId, x.image, x.phase]),
    [
      [3120, 'powershell.exe', 'start'],
      [1234, 'svchost.exe', 'rundown'],
      [3120, 'powershell.exe', 'end'],
      [5000, 'HybridConfigurationWizard.exe', 'start'],
    ],
  );
  assert.is(p[3]!.path, '\\Device\\HarddiskVolume2\\Windows\\System32\\HybridConfigurationWizard.exe');
});

test('WinINet-Capture 2005 → tls_version_mismatch of the WinINet stack', () => {
  const t = only(extract(etlEvent('wininetCapture', 2005, { Host: 'outlook.office365.com', ModulePath: '', ModuleName: '', ProcessPath: 'C:\\Program Files\\Microsoft Office\\OUTLOOK.EXE', ProcessName: 'OUTLOOK.EXE' })), 'tls_version_mismatch');
  assert.equal([t.stack, t.host, t.processName], ['wininet', 'outlook.office365.com', 'OUTLOOK.EXE']);
});

test.run();
