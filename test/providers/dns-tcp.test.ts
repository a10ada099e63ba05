import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { etlEvent, extract, only, sockaddr4, textEvent } from './events.js';
import { parseQueryResults } from '../../src/providers/dnsclient.js';

test('QueryResults: mapped IPv4, IPv6 and CNAME records', () => {
  assert.equal(parseQueryResults('type:  5 outlook.ha.office365.com;::ffff:52.97.1.2;::ffff:52.97.1.3;2603:1026:c0b::2;'), {
    addresses: ['52.97.1.2', '52.97.1.3', '2603:1026:c0b::2'],
    aliases: ['outlook.ha.office365.com'],
  });
  assert.equal(parseQueryResults(''), { addresses: [], aliases: [] });
});

test('DNS-Client 3006/3008/3020 from ETL fields', () => {
  const obs = extract(
    etlEvent('dns', 3006, { QueryName: 'outlook.office365.com', QueryType: 1, QueryOptions: 0x40000000n, ServerList: '', IsNetworkQuery: 0, NetworkQueryIndex: 0, InterfaceIndex: 0, IsAsyncQuery: 0 }),
    etlEvent('dns', 3008, { QueryName: 'outlook.office365.com', QueryType: 1, QueryOptions: 0n, QueryStatus: 0, QueryResults: 'type:  5 outlook.ha.office365.com;::ffff:52.97.1.2;' }),
    etlEvent('dns', 3020, { QueryName: 'nx.contoso.com', QueryType: 28, NetworkIndex: 0, InterfaceIndex: 7, Status: 9003, QueryResults: '', ClientPID: 888 }, { version: 1 }),
  );
  const dns = obs.filter((o) => o.kind === 'dns') as Extract<(typeof obs)[number], { kind: 'dns' }>[];
  assert.is(dns.length, 3);
  assert.equal([dns[0]!.phase, dns[0]!.name, dns[0]!.queryType, dns[0]!.origin], ['query', 'outlook.office365.com', 1, 'dns-client']);
  assert.equal([dns[1]!.phase, dns[1]!.status], ['result', 0]);
  assert.equal(dns[1]!.addresses, ['52.97.1.2']);
  assert.equal(dns[1]!.aliases, ['outlook.ha.office365.com']);
  assert.equal([dns[2]!.status, dns[2]!.clientPid, dns[2]!.queryType], [9003, 888, 28]);
});

test('DNS-Client from text: string fields, and message-only 3008 / 3011', () => {
  const f = only(
    extract(textEvent('Microsoft-Windows-DNS-Client', 3008, { QueryName: 'outlook.office365.com', QueryType: '1', QueryStatus: '9003', QueryResults: '' })),
    'dns',
  );
  assert.is(f.status, 9003);
  const m = only(
    extract(
      textEvent('Microsoft-Windows-DNS-Client', 3008, {}, {
        message: 'DNS query is completed for the name outlook.office365.com, type 1, query options 140738562228224 with status 0 Results type:  5 outlook.ha.office365.com;::ffff:40.97.1.2;',
      }),
    ),
    'dns',
  );
  assert.equal([m.name, m.queryType, m.status], ['outlook.office365.com', 1, 0]);
  assert.equal(m.addresses, ['40.97.1.2']);
  const r = only(
    extract(textEvent('Microsoft-Windows-DNS-Client', 3011, {}, { message: 'Received response from DNS Server 10.0.0.1 for name outlook.office365.com and type 1 with response status 0' })),
    'dns',
  );
  assert.equal([r.phase, r.server, r.status, r.name], ['result', '10.0.0.1', 0, 'outlook.office365.com']);
});

test('TCPIP connect request, completed with PID, failed, abort, close, retransmit timeout', () => {
  const tuple = { LocalAddressLength: 16, LocalAddress: '10.0.0.5:55330', RemoteAddressLength: 16, RemoteAddress: '52.97.1.2:443' };
  const obs = extract(
    etlEvent('tcpip', 1002, { Tcb: '0xFFFFE189BD811AA0', LocalAddressLength: 16, LocalAddress: sockaddr4('10.0.0.5', 55330), RemoteAddressLength: 16, RemoteAddress: sockaddr4('52.97.1.2', 443), NewState: 2, RexmitCount: 0 }),
    etlEvent('tcpip', 1033, { ...tuple, Status: 0, ProcessId: 3120, Compartment: 1, Tcb: '0xFFFFE189BD811AA0' }),
    etlEvent('tcpip', 1034, { ...tuple, Status: 0xc0000236, ProcessId: 3120, Compartment: 1, Tcb: '0xFFFFE189BD811AA0' }),
    etlEvent('tcpip', 1039, { ...tuple, Status: 0, ProcessId: 3120, Compartment: 1, Tcb: '0xFFFFE189BD811AA0' }, { version: 1 }),
    textEvent('Microsoft-Windows-TCPIP', 1043, { ...Object.fromEntries(Object.entries(tuple).map(([k, v]) => [k, String(v)])), Status: '0', ProcessId: '3120', Tcb: '0xFFFFE189BD811AA0' }),
    etlEvent('tcpip', 1046, { ...tuple, Status: 0, ProcessId: 3120, Compartment: 1, Tcb: '0xFFFFE189BD811AA0' }),
    etlEvent('tcpip', 1045, { ...tuple, Status: 0, ProcessId: 3120, Compartment: 1, Tcb: '0xFFFFE189BD811AA0' }),
  );
  const tcp = obs.filter((o) => o.kind === 'tcp') as Extract<(typeof obs)[number], { kind: 'tcp' }>[];
  assert.equal(tcp.map((t) => t.what), ['connect_request', 'connected', 'connect_failed', 'abort', 'close', 'retransmit', 'connect_failed']);
  assert.ok(tcp.every((t) => t.local === '10.0.0.5:55330' && t.remote === '52.97.1.2:443' && t.tcb === '0xFFFFE189BD811AA0'));
  assert.is(tcp[0]!.owningPid, undefined);
  assert.is(tcp[1]!.owningPid, 3120);
  assert.is(tcp[2]!.status, 0xc0000236);
  assert.is(tcp[4]!.owningPid, 3120);
});

test('TCPIP from netsh text: 4-tuple and PID out of the message', () => {
  const t = only(
    extract(
      textEvent('Microsoft-Windows-TCPIP', 1033, {}, {
        message: 'TCP: connection 0xFFFFE189BD811AA0 (local=192.168.5.68:55330 remote=6.6.0.27:443) connect completed. PID = 4242.',
      }),
    ),
    'tcp',
  );
  assert.equal([t.what, t.local, t.remote, t.owningPid, t.tcb], ['connected', '192.168.5.68:55330', '6.6.0.27:443', 4242, '0xFFFFE189BD811AA0']);
  const f = only(
    extract(textEvent('Microsoft-Windows-TCPIP', 1034, {}, { message: 'TCP: connection 0xFFFFE189BD811AA0 (local=192.168.5.68:55330 remote=6.6.0.27:443) connect attempt failed with status = 0xC0000236.' })),
    'tcp',
  );
  assert.is(f.status, 0xc0000236);
});

test('AFD connect with address → afd_connect with the process id; address reused for the endpoint', () => {
  const obs = extract(
    etlEvent('afd', 1000, { EnterExit: 0, Location: 0, Process: '0xFFFF800011112222', Endpoint: '0xFFFF800033334444', AddressFamily: 2, SocketType: 1, Protocol: 6, ProcessId: '0xC30', Status: 0 }, { pid: 3120 }),
    etlEvent('afd', 1018, { EnterExit: 0, Location: 0, Process: '0xFFFF800011112222', Endpoint: '0xFFFF800033334444', Buffer: '0x0', BufferLength: 16, Status: 0, AddressLen: 16, Address: sockaddr4('52.97.1.2', 443) }, { pid: 0 }),
    etlEvent('afd', 1017, { EnterExit: 1, Location: 0, Process: '0xFFFF800011112222', Endpoint: '0xFFFF800033334444', Status: 0xc0000236 }, { pid: 0 }),
    etlEvent('afd', 1020, { EnterExit: 1, Location: 0, Process: '0x1', Endpoint: '0x999', Status: 0 }),
  );
  const tcp = obs.filter((o) => o.kind === 'tcp') as Extract<(typeof obs)[number], { kind: 'tcp' }>[];
  assert.is(tcp.length, 2, 'the endpoint with no known address gives nothing');
  assert.equal([tcp[0]!.what, tcp[0]!.remote, tcp[0]!.owningPid, tcp[0]!.endpoint], ['afd_connect', '52.97.1.2:443', 0xc30, '0xFFFF800033334444']);
  assert.equal([tcp[1]!.remote, tcp[1]!.status], ['52.97.1.2:443', 0xc0000236]);
  const text = only(
    extract(textEvent('Microsoft-Windows-Winsock-AFD', 1018, { Endpoint: '0xFFFF800033334444', Status: '0', Address: '[2603:1026::1]:443' }, { pid: 77 })),
    'tcp',
  );
  assert.equal([text.remote, text.owningPid], ['[2603:1026::1]:443', 77]);
});

test.run();
