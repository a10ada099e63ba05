// Capture sessions: the same pointer, pid, 4-tuple or address in two inputs (two machines, two days) never joins.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ev, flow, hello, webioAttempt, NAMING, EXO, EXO_IP, TLS10, OLD_SUITES } from './fixtures.js';
import { Correlator } from '../../src/correlate/index.js';

test('the same pid and WebIO pointer in two sessions are two connections, each naming its input', () => {
  const c = new Correlator({ naming: NAMING });
  c.beginSession('a.etl');
  for (const o of webioAttempt(3968, 0xa0, 0, '0xAA', 3)) c.add(o);
  c.beginSession('b.etl');
  // Only the close of the same pointer in the other input: it must not end a.etl's connection.
  c.add(ev.closed(500, 3968, '0xAA', 2));
  const r = c.finish();
  assert.is(r.connections.length, 2);
  assert.equal(r.connections.map((x) => x.input), ['a.etl', 'b.etl']);
  assert.is(r.connections[0]!.closeReason, 3, 'a.etl keeps its own close reason');
  assert.is(r.connections[1]!.remoteIp, undefined, 'b.etl learned nothing from a.etl');
});

test('a flow joins only the connections of its own session', () => {
  const c = new Correlator({ naming: NAMING });
  c.beginSession('a.etl');
  for (const o of webioAttempt(3968, 0xa0)) c.add(o);
  c.beginSession('b.etl');
  c.addFlows([flow({ ms: 2, server: `${EXO_IP}:443`, clientHello: hello(TLS10, OLD_SUITES, EXO), rstBy: 'server' })]);
  const r = c.finish();
  const a = r.connections.find((x) => x.input === 'a.etl')!;
  const b = r.connections.find((x) => x.input === 'b.etl')!;
  assert.ok(a && b, 'one connection per session');
  assert.is(a.flow, undefined);
  assert.equal(a.clientOfferedVersions, []);
  assert.equal(b.clientOfferedVersions, ['TLS 1.0']);
});

test('per-process errors, DNS names and process names stay in their session', () => {
  const c = new Correlator({ naming: NAMING });
  c.beginSession('a.etl');
  c.add(ev.process(0, 3968, 'powershell.exe'));
  c.add(ev.dns(1, 3968, EXO, 0, [EXO_IP]));
  for (const o of webioAttempt(3968, 0xa0, 5)) c.add(o);
  c.beginSession('b.etl');
  c.add(ev.process(0, 3968, 'w3wp.exe'));
  c.add(ev.winhttpError(300, 3968, 12175));
  c.add(ev.tcp(10, 3968, 'connect_failed', '10.0.0.9:50100', `${EXO_IP}:443`, 0xc0000236));
  const r = c.finish();
  const a = r.connections.filter((x) => x.input === 'a.etl');
  const b = r.connections.filter((x) => x.input === 'b.etl');
  assert.is(a.length, 1);
  assert.is(a[0]!.process, 'powershell.exe');
  assert.is(a[0]!.serverName, EXO);
  assert.equal(a[0]!.winhttpErrors, [], "b.etl's WinHTTP error is not a.etl's");
  assert.is(a[0]!.connectError, undefined, "b.etl's failed connect is not a.etl's");
  assert.is(b.length, 1, "b.etl's failed connect is a connection of its own");
  assert.is(b[0]!.process, 'w3wp.exe');
  assert.is(b[0]!.serverName, undefined, "a.etl's DNS answer does not name b.etl's server");
  assert.ok(r.facts.unattachedErrors.length === 0 || b[0]!.winhttpErrors.includes(12175));
});

test.run();
