import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { etlEvent, extract, netshEvent, only, sockaddr4, textEvent, T0 } from './events.js';

const CONN = '0x1D2A3F1B0C0';

test('728 from ETL: EnabledProtocols 0xA0 on the connection, evidence from the message', () => {
  const msg = '0x1D2A3F1B0C0: SSL AcquireCredentialsHandle - (EnabledProtocols 160) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)';
  const c = only(
    extract(
      etlEvent(
        'webio',
        728,
        { Connection: '0x000001D2A3F1B0C0', EnabledProtocols: 160, SSLClientCert: '0x0', EnableRevertToSelfClientCertificate: 0, CredHandleHigh: 0n, CredHandleLow: 0n, Result: 0 },
        { message: msg },
      ),
    ),
    'credentials',
  );
  assert.is(c.connection, CONN);
  assert.is(c.enabledProtocols, 0xa0);
  assert.is(c.phase, 'start');
  assert.is(c.result, undefined);
  assert.is(c.clientCert, '0x0');
  assert.equal(c.ref, { time: T0, source: 'Microsoft-Windows-WebIO/728', text: msg });
  assert.is(c.pid, 4242);
});

test('728 from a text export with flag names, and from a netsh TXT line', () => {
  const named = only(
    extract(textEvent('Microsoft-Windows-WebIO', 728, { Connection: '0x1D2A3F1B0C0', EnabledProtocols: 'SSL3_CLIENT|TLS1_0_CLIENT' })),
    'credentials',
  );
  assert.is(named.enabledProtocols, 0xa0);
  assert.is(named.connection, CONN);
  assert.ok(named.ref.text.includes('EnabledProtocols=SSL3_CLIENT|TLS1_0_CLIENT'), 'compact name=value evidence');

  const bare = only(
    extract(
      netshEvent('Microsoft-Windows-WebIO', '0x2A3F1B0: SSL AcquireCredentialsHandle - (EnabledProtocols 0xA80) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0) (CipherConfig 0)'),
    ),
    'credentials',
  );
  assert.is(bare.connection, '0x2A3F1B0');
  assert.is(bare.enabledProtocols, 0xa80);
  assert.is(bare.cipherConfig, 0);
});

test('729 v1 carries CipherConfig and the result; 730 is the error phase', () => {
  const ok = only(
    extract(etlEvent('webio', 729, { Connection: CONN, EnabledProtocols: 2688, SSLClientCert: '0x0', EnableRevertToSelfClientCertificate: 0, CipherConfig: 1, CredHandleHigh: 5n, CredHandleLow: 6n, Result: 0 }, { version: 1 })),
    'credentials',
  );
  assert.is(ok.phase, 'stop');
  assert.is(ok.cipherConfig, 1);
  assert.is(ok.result, 0);
  const failed = only(extract(textEvent('Microsoft-Windows-WebIO', 730, { Connection: CONN, EnabledProtocols: '0x800', Result: '0x8009030E' })), 'credentials');
  assert.is(failed.phase, 'error');
  assert.is(failed.result, 0x8009030e);
  assert.is(failed.enabledProtocols, 0x800);
  const fromMessage = only(
    extract(netshEvent('Microsoft-Windows-WebIO', '0x2A3F1B0: SSL AcquireCredentialsHandle failed - (2148074254) (EnabledProtocols 160) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)')),
    'credentials',
  );
  assert.is(fromMessage.result, 0x8009030e);
});

test('200/201/202 socket connect with address and error', () => {
  const obs = extract(
    etlEvent('webio', 200, { Connection: CONN, SocketHandle: 0x2a0n, AddressLength: 16, Address: '52.97.1.2:443', Context: '0x0', RemainingAddressCount: 2n, Error: 0 }),
    etlEvent('webio', 201, { Connection: CONN, SocketHandle: 0x2a0n, AddressLength: 16, Address: '52.97.1.2:443', Context: '0x0', RemainingAddressCount: 2n, Error: 0 }),
    textEvent('Microsoft-Windows-WebIO', 202, { Connection: '0x1d2a3f1b0c0', SocketHandle: '0x2A4', Address: '[2603:1026:c0b::2]:443', Error: '10060' }),
  );
  const connects = obs.filter((o) => o.kind === 'socket_connect');
  assert.is(connects.length, 3);
  const [start, stop, err] = connects as Extract<(typeof obs)[number], { kind: 'socket_connect' }>[];
  assert.is(start!.phase, 'start');
  assert.is(start!.address, '52.97.1.2:443');
  assert.is(start!.socket, '0x2A0');
  assert.is(start!.remainingAddresses, 2);
  assert.is(start!.error, undefined);
  assert.is(stop!.phase, 'stop');
  assert.is(err!.phase, 'error');
  assert.is(err!.error, 10060);
  assert.is(err!.connection, CONN);
  assert.is(err!.address, '[2603:1026:c0b::2]:443');
});

test('202 from a netsh TXT line', () => {
  const e = only(
    extract(netshEvent('Microsoft-Windows-WebIO', '0x2A3F1B0: Connect failed with error 12029 (Socket 0x2A4) (Context 0x0) (RemaingAddress 0)')),
    'socket_connect',
  );
  assert.is(e.error, 12029);
  assert.is(e.connection, '0x2A3F1B0');
  assert.is(e.socket, '0x2A4');
});

test('204 socket closed: reason as number, as map name, and from a netsh TXT line', () => {
  const a = only(extract(etlEvent('webio', 204, { Endpoint: CONN, Socket: 0x2a0n, Reason: 3, Result: 0 })), 'socket_closed');
  assert.is(a.reason, 3);
  assert.is(a.reasonText, 'Remote Reset');
  assert.is(a.status, 0);
  assert.is(a.connection, CONN);
  const b = only(extract(textEvent('Microsoft-Windows-WebIO', 204, { Endpoint: CONN, Socket: '0x2A0', Reason: 'Remote Reset', Result: '0' })), 'socket_closed');
  assert.is(b.reason, 3);
  const c = only(
    extract(netshEvent('Microsoft-Windows-WebIO', '0x1D2A3F1B0C0: Socket 0x2A0 Closed (Reason = Connect Timeout, Status = 0).')),
    'socket_closed',
  );
  assert.is(c.reason, 4);
  assert.is(c.status, 0);
  const v1 = only(extract(etlEvent('webio', 204, { Endpoint: CONN, Socket: 1n, Reason: 2, Result: 0, Http3ClientConnectionId: 0n, Aborted: true }, { version: 1 })), 'socket_closed');
  assert.is(v1.aborted, true);
});

test('700/703 InitializeSecurityContext: host name carried to the stop, failure is the error phase', () => {
  const isc = (id: number, result: number, host: string) =>
    etlEvent('webio', id, {
      Connection: CONN, SecurityHandleHigh: 1n, SecurityHandleLow: 2n, CredHandleHigh: 3n, CredHandleLow: 4n, HostName: host,
      InputFlags: 0, Buffer: '0x0', BufferLengthData: 0, BufferLengthRemaining: 0, OutputFlags: 0, DataChunks: '0x0', DataChunkBufferLength: 0, Result: result,
    });
  const obs = extract(isc(700, 0, 'outlook.office365.com'), isc(703, 0x90312, ''), isc(703, 0x80090326, ''));
  const sc = obs.filter((o) => o.kind === 'security_context') as Extract<(typeof obs)[number], { kind: 'security_context' }>[];
  assert.equal(sc.map((s) => s.phase), ['start', 'stop', 'error']);
  assert.equal(sc.map((s) => s.hostName), ['outlook.office365.com', 'outlook.office365.com', 'outlook.office365.com']);
  assert.is(sc[2]!.result, 0x80090326);
  assert.is(sc[0]!.contextHandle, '0x1:0x2');
  const text = only(
    extract(netshEvent('Microsoft-Windows-WebIO', '0x2A3F1B0: InitializeSecurityContext returned - (0x80090326) Credential Handle(0x1:0x2) Context Handle (0x3:0x4) (OutputFlags 0) (Buffer 0x0 [0/0]) (DataChunk 0x0 [0])')),
    'security_context',
  );
  assert.is(text.result, 0x80090326);
  assert.is(text.phase, 'error');
});

test('704/705 keep the handshake bytes per connection', () => {
  const hello = Uint8Array.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00]);
  const obs = extract(
    etlEvent('webio', 705, { Connection: CONN, SecurityHandleHigh: 1n, SecurityHandleLow: 2n, DataChunks: '0x0', DataChunkBufferLength: 10, Data: hello }),
    etlEvent('webio', 704, { Connection: CONN, SecurityHandleHigh: 1n, SecurityHandleLow: 2n, Buffer: '0x0', BufferLengthData: 7, BufferLengthRemaining: 0, Data: '0x15030100020246' }),
  );
  const bytes = obs.filter((o) => o.kind === 'tls_bytes') as Extract<(typeof obs)[number], { kind: 'tls_bytes' }>[];
  assert.is(bytes.length, 2);
  assert.is(bytes[0]!.direction, 'sent');
  assert.equal(Array.from(bytes[0]!.data), Array.from(hello));
  assert.is(bytes[1]!.direction, 'received');
  assert.equal(Array.from(bytes[1]!.data), [0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46]);
});

test('712/713 certificate validation with flags, error, reason and the host from ISC', () => {
  const obs = extract(
    etlEvent('webio', 700, { Connection: CONN, HostName: 'mail.contoso.com', Result: 0 }),
    etlEvent('webio', 713, { Connection: CONN, ContextHandleHigh: 1n, ContextHandleLow: 2n, IgnoredServerCertErrors: 0, ServerCertErrors: 8, Error: 12175, Reason: 5 }),
  );
  const v = only(obs, 'cert_validation');
  assert.is(v.errorFlags, 8);
  assert.is(v.error, 12175);
  assert.is(v.reason, 5);
  assert.is(v.host, 'mail.contoso.com');
  assert.equal(v.texts, ['Cert Validation Failure']);
  const t = only(extract(textEvent('Microsoft-Windows-WebIO', 712, { Connection: CONN, ServerCertErrors: '0', Error: '0', Reason: 'No Error' })), 'cert_validation');
  assert.is(t.reason, 0);
  assert.is(t.texts, undefined);
});

test('15 SecureProtocols option: 4-byte little-endian value from bytes or hex text', () => {
  const a = only(
    extract(etlEvent('webio', 15, { Request: '0x5000', RequestHandle: 9n, Option: 6, Length: 4, Value: Uint8Array.from([0x00, 0x08, 0x00, 0x00]), Error: 0 })),
    'request',
  );
  assert.is(a.secureProtocols, 0x800);
  assert.is(a.optionName, 'SecureProtocols');
  assert.is(a.request, '0x5000');
  const b = only(extract(textEvent('Microsoft-Windows-WebIO', 15, { Request: '0x5000', Option: 'SecureProtocols', Length: '4', Value: '0xA0000000', Error: '0' })), 'request');
  assert.is(b.option, 6);
  assert.is(b.secureProtocols, 0xa0);
  const other = only(extract(etlEvent('webio', 15, { Request: '0x5000', Option: 31, Length: 4, Value: Uint8Array.from([1, 0, 0, 0]), Error: 0 })), 'request');
  assert.is(other.secureProtocols, undefined);
  assert.is(other.optionName, 'ConnectTimeout');
});

test('17 request created, 104 ties it to a connection, 2114 phase marker', () => {
  const obs = extract(
    etlEvent('webio', 17, { Request: '0x5000', RequestHandle: 9n, Session: '0x10', SessionHandle: 1n, Method: 'POST', URI: '/PowerShell-LiveID?PSVersion=5.1', VersionMajor: 1, VersionMinor: 1, Error: 0 }),
    etlEvent('webio', 104, { Request: '0x5000', ConnMgr: '0x20', Connection: CONN }),
    netshEvent('Microsoft-Windows-WebIO', '0x5000: =====SSL Negotiation======================'),
  );
  const reqs = obs.filter((o) => o.kind === 'request') as Extract<(typeof obs)[number], { kind: 'request' }>[];
  assert.is(reqs.length, 3);
  assert.is(reqs[0]!.method, 'POST');
  assert.is(reqs[0]!.uri, '/PowerShell-LiveID?PSVersion=5.1');
  assert.is(reqs[1]!.connection, CONN);
  assert.is(reqs[2]!.phase, 'SSL Negotiation');
  assert.ok(reqs.every((r) => r.request === '0x5000'));
});

test('205–212 name resolution: query, addresses, failure and timeout keep the name', () => {
  const list = new Uint8Array(32);
  list.set(sockaddr4('52.97.1.2', 0), 0);
  list.set(sockaddr4('52.97.1.3', 0), 16);
  const obs = extract(
    etlEvent('webio', 205, { DnsQuery: '0x900', HostName: 'outlook.office365.com', Timeout: 0, CompletionContext: 0n }),
    etlEvent('webio', 206, { DnsQuery: '0x900', FQDN: 'outlook.office365.com', CanonicalName: 'outlook.ha.office365.com', AddressCount: 2, SockaddrLength: 32, SockAddr: list }),
    etlEvent('webio', 205, { DnsQuery: '0x901', HostName: 'nx.contoso.com', Timeout: 0, CompletionContext: 0n }),
    textEvent('Microsoft-Windows-WebIO', 207, { DnsQuery: '0x901', Error: '11001' }),
    etlEvent('webio', 205, { DnsQuery: '0x902', HostName: 'slow.contoso.com', Timeout: 0, CompletionContext: 0n }),
    etlEvent('webio', 210, { ReferenceContext: '0x902' }),
    etlEvent('webio', 212, { CacheEntry: '0x903', ResolveName: 'outlook.office365.com', Flags: 0, Error: 0, AddressCount: 4 }),
  );
  const dns = obs.filter((o) => o.kind === 'dns') as Extract<(typeof obs)[number], { kind: 'dns' }>[];
  assert.ok(dns.every((d) => d.origin === 'webio'));
  assert.is(dns.length, 7);
  assert.is(dns[0]!.phase, 'query');
  assert.equal(dns[1]!.addresses, ['52.97.1.2', '52.97.1.3']);
  assert.equal(dns[1]!.aliases, ['outlook.ha.office365.com']);
  assert.is(dns[1]!.status, 0);
  assert.is(dns[3]!.name, 'nx.contoso.com');
  assert.is(dns[3]!.status, 11001);
  assert.is(dns[5]!.name, 'slow.contoso.com');
  assert.is(dns[5]!.status, 1460);
  assert.is(dns[6]!.addressCount, 4);
  assert.is(dns[6]!.status, 0);
});

test('206 with one address already rendered by the decoder as text', () => {
  const d = only(
    extract(etlEvent('webio', 206, { DnsQuery: '0x900', FQDN: 'login.microsoftonline.com', CanonicalName: 'login.microsoftonline.com', AddressCount: 1, SockaddrLength: 28, SockAddr: '[::ffff:20.190.1.2]:0' })),
    'dns',
  );
  assert.equal(d.addresses, ['20.190.1.2']);
  assert.is(d.aliases, undefined);
});

test.run();
