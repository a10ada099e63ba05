// Client and server, local and remote, for flows whose SYN is not in the capture (both directions, IPv4 and IPv6).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NetworkAnalyzer } from '../../src/net/index.js';
import { ethernet, frame, ipv4, ipv6, tcp, u8 } from './build.js';

const seg = (src: number, dst: number, seq: number) => tcp(src, dst, seq, 1, { ack: true, psh: true }, u8(1, 2, 3));

test('mid-stream flow whose first packet is the server\'s: the ephemeral port is the client, the capturing host is local', () => {
  const net = new NetworkAnalyzer();
  // The host 10.8.0.5 (a VPN address) talks to three servers; the first packet seen of one flow is inbound.
  net.addPacket(frame(ethernet(0x0800, ipv4('52.96.0.10', '10.8.0.5', 6, seg(443, 58156, 9000)))));
  net.addPacket(frame(ethernet(0x0800, ipv4('10.8.0.5', '20.190.128.5', 6, seg(58157, 443, 100)))));
  net.addPacket(frame(ethernet(0x0800, ipv4('10.8.0.5', '13.107.6.152', 6, seg(58158, 443, 100)))));
  const flows = net.flows();
  const f = flows[0]!;
  assert.equal([f.client.ip, f.client.port, f.server.ip, f.server.port, f.roleBasis, f.localSide], ['10.8.0.5', 58156, '52.96.0.10', 443, 'ports', 'client']);
  assert.ok(flows.every((x) => x.localSide === 'client'));
});

test('mid-stream flow whose first packet is the client\'s keeps that order', () => {
  const net = new NetworkAnalyzer();
  net.addPacket(frame(ethernet(0x0800, ipv4('10.0.0.2', '52.96.0.10', 6, seg(50123, 443, 5)))));
  const [f] = net.flows();
  assert.equal([f!.client.port, f!.server.port, f!.roleBasis], [50123, 443, 'ports']);
});

test('an inbound connection to the capturing host: the host is the server, its end is still the local one', () => {
  const net = new NetworkAnalyzer();
  net.addPacket(frame(ethernet(0x0800, ipv4('10.0.0.2', '52.96.0.10', 6, seg(50001, 443, 5)))));
  net.addPacket(frame(ethernet(0x0800, ipv4('10.0.0.2', '20.190.128.5', 6, seg(50002, 443, 5)))));
  net.addPacket(frame(ethernet(0x0800, ipv4('192.0.2.50', '10.0.0.2', 6, seg(61000, 3389, 5)))));
  const rdp = net.flows().find((f) => f.server.port === 3389)!;
  assert.equal([rdp.client.ip, rdp.server.ip, rdp.localSide], ['192.0.2.50', '10.0.0.2', 'server']);
});

test('IPv6 mid-stream flow, server packet first', () => {
  const net = new NetworkAnalyzer();
  net.addPacket(frame(ethernet(0x86dd, ipv6('2603:1026:c02::12', '2001:db8::5', 6, seg(443, 60001, 77)))));
  const [f] = net.flows();
  assert.equal([f!.client.ip, f!.client.port, f!.server.ip, f!.server.port], ['2001:db8::5', 60001, '2603:1026:c02::12', 443]);
});

test('a SYN decides the roles whatever the ports say', () => {
  const net = new NetworkAnalyzer();
  net.addPacket(frame(ethernet(0x0800, ipv4('127.0.0.1', '127.0.0.1', 6, tcp(443, 50000, 1, 0, { syn: true })))));
  const [f] = net.flows();
  assert.equal([f!.client.port, f!.server.port, f!.roleBasis, f!.localSide], [443, 50000, 'syn', 'client']);
});

test('the process that sent the SYN comes from the capture event header; 0 and 4 name no sender', () => {
  const net = new NetworkAnalyzer();
  net.addPacket(frame(ethernet(0x0800, ipv4('10.0.0.2', '52.96.0.10', 6, tcp(50000, 443, 1, 0, { syn: true }))), { pid: 3968 }));
  net.addPacket(frame(ethernet(0x0800, ipv4('10.0.0.2', '52.96.0.11', 6, tcp(50001, 443, 1, 0, { syn: true }))), { pid: 4 }));
  const [a, b] = net.flows();
  assert.is(a!.pid, 3968);
  assert.is(b!.pid, undefined);
});

test.run();
