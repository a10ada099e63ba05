import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TraceEvent } from '../../src/decode/types.js';
import { PacketExtractor } from '../../src/providers/packets.js';
import { concat, ethernet, ipv4, tcp, u8, wifiData } from './build.js';
import { captureEvent as event } from './capture-events.js';

const NDIS = '2ed6006e-4729-4609-b423-3ee7bcd678ef';
const PKTMON = '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac';
const RAS = 'd84521f7-2235-4237-a7c0-14e3a9676286';
const START = 0x40000000n;
const END = 0x80000000n;
const SEND = 0x100000000n;
const RECEIVE = 0x200000000n;


const ndis = (fragment: Uint8Array, keyword: bigint, extra: Partial<TraceEvent> = {}, lower = 7) =>
  event(NDIS, 1001, { MiniportIfIndex: 7, LowerIfIndex: lower, FragmentSize: fragment.length, Fragment: fragment }, { keyword, ...extra });

const frameBytes = ethernet(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1, 443, 1, 0, { syn: true })));

test('NDIS 1001: a single-event frame; link type and direction from the keywords', () => {
  const x = new PacketExtractor();
  const [eth] = x.observe(ndis(frameBytes, START | END | SEND));
  assert.equal([eth!.link, eth!.direction, eth!.number, eth!.iface, eth!.ifaceName], ['ethernet', 'out', 1, 7, 'eth:7']);
  assert.equal(eth!.data, frameBytes);
  const [wifi] = x.observe(ndis(wifiData(0x0800, u8(0x45)), START | END | RECEIVE | 0x10000n));
  assert.equal([wifi!.link, wifi!.direction, wifi!.number], ['ieee802_11', 'in', 2]);
  const [mbb] = x.observe(ndis(u8(0x45, 0), START | END | 0x200n, {}, 9));
  assert.equal([mbb!.link, mbb!.direction, mbb!.ifaceDescription], ['raw_ip', 'unknown', 'LWF over IfIndex 7']);
});

test('NDIS 1001: fragments joined per (cpu, thread, LowerIfIndex), interleaved streams kept apart', () => {
  const x = new PacketExtractor();
  const a = frameBytes.subarray(0, 20);
  const b = frameBytes.subarray(20, 40);
  const c = frameBytes.subarray(40);
  assert.equal(x.observe(ndis(a, START, { cpu: 0, tid: 1 })), []);
  assert.equal(x.observe(ndis(u8(9, 9), START, { cpu: 1, tid: 2 })), []);
  assert.equal(x.observe(ndis(b, 0n, { cpu: 0, tid: 1 })), []);
  const out = x.observe(ndis(c, END, { cpu: 0, tid: 1 }));
  assert.is(out.length, 1);
  assert.equal(out[0]!.data, frameBytes);
  x.flush();
  assert.is(x.stats.incomplete, 1, 'the frame on cpu 1 never ended');
  assert.equal(x.observe(ndis(c, END, { cpu: 3, tid: 3 })), [], 'an end without a start is dropped');
  assert.is(x.stats.incomplete, 2);
});

test('PktMon 160: lengths, direction tag, later appearances marked as duplicates, component names', () => {
  const x = new PacketExtractor();
  const pk = (component: number, appearance: number, dir: number, group = 5n) =>
    event(PKTMON, 160, {
      PktGroupId: group,
      PktNumber: 1,
      AppearanceCount: appearance,
      DirTag: dir,
      PacketType: 1,
      ComponentId: component,
      EdgeId: 1,
      FilterId: 0,
      DropReason: 0,
      DropLocation: 0,
      OriginalPayloadSize: 1514,
      LoggedPayloadSize: 128,
      Payload: concat(frameBytes, new Uint8Array(128 - frameBytes.length)),
    });
  const [first] = x.observe(pk(79, 1, 4));
  const [second] = x.observe(pk(31, 2, 4));
  const [other] = x.observe(pk(31, 1, 3, 6n));
  assert.equal([first!.originalLength, first!.data.length, first!.direction, first!.duplicateOf, first!.packetId], [1514, 128, 'out', undefined, 5n]);
  assert.is(second!.duplicateOf, 1);
  assert.equal([other!.direction, other!.duplicateOf], ['in', undefined]);
  x.observe(event(PKTMON, 20, { Id: 31, Type: 2, Name: 'rtwlane02.sys', Description: 'Realtek Wi-Fi Adapter' }));
  assert.equal(x.components.get(31), { id: 31, name: 'rtwlane02.sys', description: 'Realtek Wi-Fi Adapter' });
});

test('PktMon PacketType 2 (WiFi): 802.11 bytes stay 802.11, Ethernet II bytes are read as Ethernet', () => {
  const x = new PacketExtractor();
  const pk = (payload: Uint8Array) =>
    event(PKTMON, 160, { PktGroupId: 1n, PktNumber: 1, DirTag: 3, PacketType: 2, ComponentId: 11, OriginalPayloadSize: payload.length, LoggedPayloadSize: payload.length, Payload: payload });
  assert.is(x.observe(pk(wifiData(0x0800, ipv4('1.1.1.1', '2.2.2.2', 17, new Uint8Array(8)))))[0]!.link, 'ieee802_11');
  assert.is(new PacketExtractor().observe(pk(frameBytes))[0]!.link, 'ethernet');
});

test('RAS NdisWan 5001/5002 frames and undecoded events are counted', () => {
  const x = new PacketExtractor();
  const [out] = x.observe(event(RAS, 5001, { RoutingDomainID: '{0}', RRASUserName: 'vpnuser', FragmentSize: frameBytes.length, Fragment: frameBytes }));
  assert.equal([out!.link, out!.direction, out!.ifaceName], ['ethernet', 'out', 'Rras:{0}:vpnuser']);
  assert.equal(x.observe(event(NDIS, 1001, {}, { decodedBy: 'none' })), []);
  assert.is(x.stats.undecoded, 1);
});

test.run();
