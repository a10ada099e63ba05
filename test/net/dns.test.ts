import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { NetworkAnalyzer } from '../../src/net/index.js';
import type { DnsQuery } from '../../src/providers/observations.js';
import { DNS_STATUS_NAMES } from '../../src/windows/win32-errors.js';
import { concat, dnsName, ethernet, frame, ip4, ipv4, resetFrames, u16, u32, u8, udp } from './build.js';

test.before.each(() => resetFrames());

const header = (id: number, flags: number, qd: number, an: number) => concat(u16(id), u16(flags), u16(qd), u16(an), u16(0), u16(0));
const question = concat(dnsName('outlook.office365.com'), u16(1), u16(1));

function packet(payload: Uint8Array, fromServer: boolean) {
  const seg = fromServer ? udp(53, 51000, payload) : udp(51000, 53, payload);
  return frame(ethernet(0x0800, ipv4(fromServer ? '10.0.0.1' : '10.0.0.2', fromServer ? '10.0.0.2' : '10.0.0.1', 17, seg)));
}

test('query and response with compression pointers, CNAME and A answers', () => {
  const a = new NetworkAnalyzer();
  const q = a.addPacket(packet(concat(header(0x1234, 0x0100, 1, 0), question), false)) as DnsQuery[];
  assert.is(q.length, 1);
  assert.equal([q[0]!.phase, q[0]!.name, q[0]!.queryType, q[0]!.origin], ['query', 'outlook.office365.com', 1, 'packet']);
  // Answer 1: outlook.office365.com (pointer to offset 12) CNAME outlook.ha.office365.com (labels + pointer to "office365.com").
  const cname = concat(u8(7), new TextEncoder().encode('outlook'), u8(2), new TextEncoder().encode('ha'), u8(0xc0, 12 + 8));
  const ans1 = concat(u8(0xc0, 12), u16(5), u16(1), u32(300), u16(cname.length), cname);
  const cnameOffset = 12 + question.length + 12;
  const ans2 = concat(u8(0xc0, cnameOffset), u16(1), u16(1), u32(30), u16(4), ip4('52.97.1.2'));
  const r = a.addPacket(packet(concat(header(0x1234, 0x8180, 1, 2), question, ans1, ans2), true)) as DnsQuery[];
  assert.is(r.length, 1);
  assert.equal([r[0]!.phase, r[0]!.name, r[0]!.status], ['result', 'outlook.office365.com', 0]);
  assert.equal(r[0]!.cnames, ['outlook.ha.office365.com']);
  assert.equal(r[0]!.addresses, ['52.97.1.2']);
});

test('NXDOMAIN and AAAA; a pointer loop ends without a name', () => {
  const a = new NetworkAnalyzer();
  const nx = a.addPacket(packet(concat(header(1, 0x8183, 1, 0), question), true)) as DnsQuery[];
  assert.is(nx[0]!.status, 3);
  const q6 = concat(dnsName('example.org'), u16(28), u16(1));
  const aaaa = concat(u8(0xc0, 12), u16(28), u16(1), u32(1), u16(16), new Uint8Array([0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), 1]));
  const six = a.addPacket(packet(concat(header(2, 0x8180, 1, 1), q6, aaaa), true)) as DnsQuery[];
  assert.equal(six[0]!.addresses, ['2001:db8::1']);
  const loop = concat(header(3, 0x0100, 1, 0), u8(0xc0, 12), u16(1), u16(1));
  assert.equal(a.addPacket(packet(loop, false)), []);
});

test('failure RCODEs are named from the dns.ksy enum, next to the DNS-Client statuses', () => {
  assert.is(DNS_STATUS_NAMES[2], 'SERVFAIL');
  assert.is(DNS_STATUS_NAMES[3], 'NXDOMAIN');
  assert.is(DNS_STATUS_NAMES[5], 'REFUSED');
  assert.is(DNS_STATUS_NAMES[9], 'NOTAUTH');
  assert.is(DNS_STATUS_NAMES[0], undefined, 'NOERROR is no failure');
  assert.is(DNS_STATUS_NAMES[9003], 'DNS_ERROR_RCODE_NAME_ERROR');
});

test.run();
