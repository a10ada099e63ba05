// Bad input is normal: arbitrary bytes at every layer never throw and never loop.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { NetworkAnalyzer } from '../../src/net/index.js';
import { Conversation, clientHelloBody, ethernet, frame, handshake, ipv4, record, resetFrames, udp, wifiData } from './build.js';

test.before.each(() => resetFrames());

test('random frames of every link type are counted, not thrown', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('ethernet', 'ieee802_11', 'raw_ip'), (bytes, link) => {
      const a = new NetworkAnalyzer();
      a.addPacket(frame(bytes, { link: link as 'ethernet' }));
      a.flows();
      const s = a.stats;
      return s.packets === 1;
    }),
    { numRuns: 2000 },
  );
});

test('random TCP payloads on port 443 and random DNS messages never throw', () => {
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), fc.uint8Array({ maxLength: 120 }), (segments, dns) => {
      const c = new Conversation();
      const a = new NetworkAnalyzer();
      for (const p of c.handshake()) a.addPacket(p);
      segments.forEach((s, i) => a.addPacket(c.packet(i % 2 ? 'server' : 'client', { ack: true }, s)));
      a.addPacket(frame(ethernet(0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp(53, 5353, dns)))));
      a.addPacket(frame(wifiData(0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp(5353, 53, dns))), { link: 'ieee802_11' }));
      return a.flows().length === 1;
    }),
    { numRuns: 500 },
  );
});

test('every cut of a valid ClientHello parses the prefix and says truncated', () => {
  const rec = record(22, 0x0301, handshake(1, clientHelloBody({ legacyVersion: 0x0303, ciphers: [0xc02f, 0xc030, 0x009c], sni: 'x.example', alpn: ['h2'], versions: [0x0304, 0x0303], groups: [29] })));
  for (let cut = 10; cut < rec.length; cut++) {
    const c = new Conversation();
    const a = new NetworkAnalyzer();
    for (const p of [...c.handshake(), c.packet('client', { ack: true }, rec, { captured: cut })]) a.addPacket(p);
    const ch = a.flows()[0]!.tls?.clientHello;
    assert.ok(ch, `cut ${cut}`);
    assert.is(ch!.truncated, true, `cut ${cut}`);
    assert.is(ch!.recordVersion, 0x0301);
  }
});

test.run();
