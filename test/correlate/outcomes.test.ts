// Outcomes decided from packets alone (byte vectors through the network layer): the traps real captures set.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NetworkAnalyzer } from '../../src/net/index.js';
import type { PacketCaptured } from '../../src/providers/observations.js';
import { FAILED_OUTCOMES } from '../../src/correlate/index.js';
import { ascii, clientHelloBody, Conversation, handshake, record, serverHelloBody, u8 } from '../net/build.js';
import { run } from './fixtures.js';
import { english, englishText } from '../helpers/english.js';

function outcomeOf(frames: PacketCaptured[]) {
  const net = new NetworkAnalyzer();
  for (const p of frames) net.addPacket(p);
  const d = run([], net.flows());
  return { c: d.connections[0]!, d };
}

const TLS12 = 0x0303;
const hello = () => record(22, 0x0301, handshake(1, clientHelloBody({ legacyVersion: TLS12, ciphers: [0xc030, 0xc02f], sni: 'outlook.office365.com' })));
const serverHello = () => record(22, TLS12, handshake(2, serverHelloBody(TLS12, 0xc030)));
const ccs = () => record(20, TLS12, u8(1));
const encrypted = (type: number, n: number) => record(type, TLS12, new Uint8Array(n).fill(0x5a));

test('HTTP request answered, then the client resets: a normal close, not a failure', () => {
  const t = new Conversation({ ip: '10.0.0.2', port: 50000 }, { ip: '93.184.216.34', port: 80 });
  const frames = [...t.handshake(), t.packet('client', { ack: true, psh: true }, ascii('GET / HTTP/1.1\r\n\r\n')), t.packet('server', { ack: true, psh: true }, ascii('HTTP/1.1 200 OK\r\n\r\n')), t.packet('client', { rst: true, ack: true }, u8())];
  const { c } = outcomeOf(frames);
  assert.is(c.outcome, 'closed');
  assert.not.ok(FAILED_OUTCOMES.has(c.outcome));
  assert.equal([c.pid, c.pidSource], [100, 'packet'], 'the test frames carry pid 100 in their event header');
  assert.match(englishText(c.keyEvidence!.get('reset')!.text), /normal close/);
});

test('a reset before the first response is a failure', () => {
  const t = new Conversation({ ip: '10.0.0.2', port: 50000 }, { ip: '93.184.216.34', port: 80 });
  const frames = [...t.handshake(), t.packet('client', { ack: true, psh: true }, ascii('GET / HTTP/1.1\r\n\r\n')), t.packet('server', { rst: true, ack: true }, u8())];
  assert.is(outcomeOf(frames).c.outcome, 'reset');
});

test('TLS: application data both ways, then a reset: established, and the reset is a close', () => {
  const t = new Conversation();
  const frames = [...t.handshake(), t.packet('client', { ack: true, psh: true }, hello()), t.packet('server', { ack: true, psh: true }, serverHello()), t.packet('client', { ack: true, psh: true }, encrypted(23, 40)), t.packet('server', { ack: true, psh: true }, encrypted(23, 80)), t.packet('server', { rst: true, ack: true }, u8())];
  const { c, d } = outcomeOf(frames);
  assert.is(c.outcome, 'established');
  assert.is(d.verdict, 'ok');
});

test('capture begins mid-connection: an encrypted alert after application data is a close, not a failed handshake', () => {
  const t = new Conversation();
  const frames = [t.packet('server', { ack: true, psh: true }, encrypted(23, 60)), t.packet('client', { ack: true, psh: true }, encrypted(23, 30)), t.packet('client', { ack: true, psh: true }, encrypted(21, 26)), t.packet('client', { fin: true, ack: true }, u8()), t.packet('server', { rst: true, ack: true }, u8())];
  const { c, d } = outcomeOf(frames);
  assert.is(c.alert, undefined);
  assert.not.ok(c.findingCodes.includes('TLS_HANDSHAKE_FAILED'));
  assert.not.ok(FAILED_OUTCOMES.has(c.outcome));
  assert.not.equal(d.verdict, 'failure');
  assert.ok(c.evidence.some((e) => /close_notify/.test(englishText(e.text))));
});

test('capture begins mid-connection with nothing but an encrypted alert: no handshake is shown, so none failed', () => {
  const t = new Conversation();
  const { c } = outcomeOf([t.packet('server', { ack: true, psh: true }, encrypted(21, 26)), t.packet('server', { fin: true, ack: true }, u8())]);
  assert.is(c.alert, undefined);
  assert.not.ok(FAILED_OUTCOMES.has(c.outcome));
});

test('an encrypted alert after the hellos and before any application data is a failed handshake', () => {
  const t = new Conversation();
  const frames = [...t.handshake(), t.packet('client', { ack: true, psh: true }, hello()), t.packet('server', { ack: true, psh: true }, serverHello()), t.packet('client', { ack: true, psh: true }, ccs()), t.packet('client', { ack: true, psh: true }, encrypted(22, 40)), t.packet('server', { ack: true, psh: true }, ccs()), t.packet('server', { ack: true, psh: true }, encrypted(21, 26)), t.packet('server', { rst: true, ack: true }, u8())];
  const { c } = outcomeOf(frames);
  assert.is(c.alert, 'encrypted');
  assert.is(c.outcome, 'tls_failed');
});

test('TLS 1.2 and a cipher selected, ChangeCipherSpec and encrypted Finished, trace ends: negotiated, not inconclusive', () => {
  const t = new Conversation();
  const frames = [...t.handshake(), t.packet('client', { ack: true, psh: true }, hello()), t.packet('server', { ack: true, psh: true }, serverHello()), t.packet('client', { ack: true, psh: true }, ccs()), t.packet('client', { ack: true, psh: true }, encrypted(22, 40))];
  const { c, d } = outcomeOf(frames);
  assert.is(c.outcome, 'negotiated');
  assert.is(d.verdict, 'ok');
});

test('loopback refusal: tcp_failed to this machine, never advice about Microsoft 365', () => {
  const t = new Conversation({ ip: '127.0.0.1', port: 50000 }, { ip: '127.0.0.1', port: 8080 });
  const { c, d } = outcomeOf([t.packet('client', { syn: true }, u8()), t.packet('server', { rst: true, ack: true }, u8())]);
  assert.is(c.outcome, 'tcp_failed');
  assert.is(c.destinationClass, 'loopback');
  const f = english(d.findings.find((x) => x.code === 'TCP_CONNECT_FAILED')!);
  assert.match(f.explanation, /loopback/);
  assert.not.match(JSON.stringify(f.remediation), /Microsoft 365/);
});

test('a Microsoft 365 failure leads the verdict; a loopback refusal in the same trace is listed after it', () => {
  const loop = new Conversation({ ip: '127.0.0.1', port: 50001 }, { ip: '127.0.0.1', port: 8080 });
  const exo = new Conversation({ ip: '10.0.0.2', port: 50002 }, { ip: '52.96.0.10', port: 443 });
  const frames = [loop.packet('client', { syn: true }, u8()), loop.packet('server', { rst: true, ack: true }, u8()), ...exo.handshake(), exo.packet('client', { ack: true, psh: true }, hello()), exo.packet('server', { rst: true, ack: true }, u8())];
  const { d } = outcomeOf(frames);
  const errors = d.findings.filter((f) => f.severity === 'error');
  const byClass = (f: (typeof errors)[number]) => d.result.connections.find((c) => c.id === f.connections[0])!.destinationClass;
  assert.is(byClass(errors[0]!), 'microsoft365');
  assert.ok(errors.some((f) => f.code === 'TCP_CONNECT_FAILED' && byClass(f) === 'loopback'));
});

test.run();
