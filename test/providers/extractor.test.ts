import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ObservationExtractor, type PacketStage } from '../../src/providers/index.js';
import type { PacketCaptured } from '../../src/providers/observations.js';
import type { TraceEvent } from '../../src/decode/types.js';
import { NO_PACKETS, etlEvent, extract, only, textEvent, T0 } from './events.js';

test('NDIS 1011 with rules and 1016 rules → capture_filter; 1011 with zero rules → nothing', () => {
  const obs = extract(
    etlEvent('ndis', 1011, { RulesCount: 0 }),
    etlEvent('ndis', 1011, { RulesCount: 2 }, { message: 'Capture Rules Count=2' }),
    etlEvent('ndis', 1016, { RuleId: 12, Directive: 3, Length: 4, Value: Uint8Array.from([52, 97, 1, 2]) }),
    textEvent('Microsoft-Windows-NDIS-PacketCapture', 1016, { RuleId: 'Any IPv6 Address', Directive: 'EQU', Length: '16', Value: '0x26031026000000000000000000000001' }),
    textEvent('Microsoft-Windows-NDIS-PacketCapture', 1016, {}, { message: 'Capture Rule: Id=16 Directive=3 ValueLength=1 Value=0x06' }),
  );
  const f = obs.filter((o) => o.kind === 'capture_filter') as Extract<(typeof obs)[number], { kind: 'capture_filter' }>[];
  assert.is(f.length, 4);
  assert.equal([f[0]!.ruleCount, f[0]!.text], [2, 'Capture Rules Count=2']);
  assert.equal([f[1]!.ruleName, f[1]!.directive, f[1]!.value, f[1]!.text], ['Any IPv4 Address', 'EQU', '52.97.1.2', 'Any IPv4 Address EQU 52.97.1.2']);
  assert.is(f[2]!.value, '2603:1026::1');
  assert.is(f[3]!.text, 'IP Protocol EQU 6');
});

test('PktMon 100 filter → capture_filter', () => {
  const c = only(extract(etlEvent('pktmon', 100, { FilterId: 1, FilterName: 'https', EtherType: 0, VlanId: 0, IpAddress1: 0, IpAddress2: 0, Protocol: 6, Port1: 443, Port2: 0, TCPFlags: 0 })), 'capture_filter');
  assert.equal([c.ruleId, c.ruleName], [1, 'https']);
  assert.ok(c.text.includes('Port1=443'));
});

test('dispatch by GUID, by name (no GUID), by GUID given as the provider; unknown providers are counted only', () => {
  const x = new ObservationExtractor(NO_PACKETS);
  const byGuid = x.observe(etlEvent('webio', 728, { Connection: '0x1', EnabledProtocols: 160 }));
  const byName = x.observe(textEvent('Microsoft-Windows-WebIO', 728, { Connection: '0x2', EnabledProtocols: '160' }));
  const braced = x.observe({ ...textEvent('{50B3E73C-9370-461D-BB9F-26F32D68887D}', 728, { Connection: '0x3', EnabledProtocols: '0xA0' }) });
  const unknown = x.observe(textEvent('Microsoft-Windows-WLAN-AutoConfig', 1, { a: '1' }));
  const unhandled = x.observe(etlEvent('webio', 59999, { Length: 3, Message: 'abc' }));
  assert.equal([byGuid.length, byName.length, braced.length, unknown.length, unhandled.length], [1, 1, 1, 0, 0]);
  assert.is(x.stats.events, 5);
  assert.is(x.stats.used, 3);
  assert.equal(x.stats.byProvider, { 'Microsoft-Windows-WebIO': 4, 'Microsoft-Windows-WLAN-AutoConfig': 1 });
  assert.equal(x.flush(), []);
});

test('evidence: source is provider/id, text the message or a compact name=value line', () => {
  const withMsg = only(extract(etlEvent('tcpip', 1039, { LocalAddress: '1.1.1.1:1', RemoteAddress: '2.2.2.2:443', Status: 0, ProcessId: 9, Tcb: '0x1' }, { message: 'TCP: connection 0x1 (local=1.1.1.1:1 remote=2.2.2.2:443) abort issued.' })), 'tcp');
  assert.equal(withMsg.ref, { time: T0, source: 'Microsoft-Windows-TCPIP/1039', text: 'TCP: connection 0x1 (local=1.1.1.1:1 remote=2.2.2.2:443) abort issued.' });
  const bytes = new Uint8Array(40).fill(0xab);
  const compact = only(extract(etlEvent('webio', 705, { Connection: '0x1', Data: bytes })), 'tls_bytes');
  assert.is(compact.ref.text, `Connection=0x1 Data=0x${'ab'.repeat(32)}… (40 bytes)`);
});

test('packet-carrying events go to the packet stage as well, and flush drains it', () => {
  const seen: number[] = [];
  const frame = (ev: TraceEvent, n: number): PacketCaptured => ({
    kind: 'packet', time: ev.time, pid: ev.pid, tid: ev.tid, ref: { time: ev.time, source: `packet #${n}`, text: '' },
    number: n, link: 'ethernet', data: new Uint8Array(0), originalLength: 0, direction: 'unknown', iface: 1,
  });
  let pending: TraceEvent | undefined;
  const stage: PacketStage = {
    observe(ev) {
      seen.push(ev.id);
      const out = pending ? [frame(pending, 1)] : [];
      pending = ev;
      return out;
    },
    flush() {
      return pending ? [frame(pending, 2)] : [];
    },
  };
  const x = new ObservationExtractor(stage);
  assert.equal(x.observe(etlEvent('ndis', 1001, { MiniportIfIndex: 1, LowerIfIndex: 1, FragmentSize: 0, Fragment: new Uint8Array(0) })), []);
  const second = x.observe(textEvent('Microsoft-Windows-PktMon', 160, {}));
  assert.equal(second.map((o) => o.kind), ['packet']);
  x.observe(etlEvent('webio', 728, { Connection: '0x1', EnabledProtocols: 160 }));
  assert.equal(seen, [1001, 160], 'WebIO events are not handed to the packet stage');
  assert.equal(x.flush().map((o) => o.kind), ['packet']);
});

test.run();
