// The hand-written hot paths of the network layer against the parsers generated from the .ksy specifications:
// dissectFrame() (src/net/dissect.ts) vs dissectFrameGenerated() (formats/net_*.ksy), and recordHeader() vs
// recordHeaderGenerated() (formats/tls.ksy), on every captured packet of every real packet-capture sample
// (../shared, skipped cleanly when absent), of every project sample (samples/*.etl) and of a small instance of the
// benchmark trace. Packets are also cut short at every length up to 160 bytes, so the truncation paths are
// compared as well.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLargeTrace } from '../../samples/generator/large.js';
import { hasShared, samplesDir, sharedEtlDir } from '../helpers/paths.js';
import { dissectFrame } from '../../src/net/dissect.js';
import { dissectFrameGenerated } from '../../src/net/dissect-generated.js';
import { recordHeader, recordHeaderGenerated } from '../../src/net/record-header.js';
import { openPacketTrace } from '../../src/providers/packets/trace.js';
import type { PacketCaptured } from '../../src/providers/observations.js';
import type { DissectedFrame } from '../../src/net/dissect.js';
import { skipped } from '../helpers/when.js';

/** Payload bytes as hex, so a difference shows where it is. */
function plain(d: DissectedFrame) {
  return {
    ...d,
    tcp: d.tcp && { ...d.tcp, payload: Buffer.from(d.tcp.payload).toString('hex') },
    udp: d.udp && { ...d.udp, payload: Buffer.from(d.udp.payload).toString('hex') },
  };
}

/** Cuts of the frame at every length up to its headers' end plus a few payload bytes (at most 160). */
const CUT_LIMIT = 160;
/** Cut every packet of a trace until this many packets were cut (keeps the test short on large captures). */
const CUT_PACKETS = 400;

interface Tally {
  packets: number;
  tcp: number;
  headers: number;
  cuts: number;
}

function compare(name: string, p: PacketCaptured, t: Tally, cut: boolean): void {
  const hand = dissectFrame(p);
  assert.equal(plain(hand), plain(dissectFrameGenerated(p)), `${name} packet #${p.number}`);
  t.packets++;
  const seg = hand.tcp;
  if (seg) {
    t.tcp++;
    // The tracker reads record headers at segment starts and at record boundaries: compare at every offset of
    // the first bytes, including the short reads at the end.
    for (let at = 0; at < Math.min(seg.payload.length, 64); at++) {
      const b = seg.payload.subarray(at, at + 5);
      assert.equal(recordHeader(b), recordHeaderGenerated(b), `${name} packet #${p.number} record header at payload offset ${at}`);
      t.headers++;
    }
  }
  if (!cut) return;
  const limit = Math.min(p.data.length, CUT_LIMIT);
  for (let len = 0; len < limit; len++) {
    const short: PacketCaptured = { ...p, data: p.data.subarray(0, len) };
    assert.equal(plain(dissectFrame(short)), plain(dissectFrameGenerated(short)), `${name} packet #${p.number} cut to ${len} bytes`);
    t.cuts++;
  }
}

function compareTrace(name: string, path: string): Tally {
  const t: Tally = { packets: 0, tcp: 0, headers: 0, cuts: 0 };
  const trace = openPacketTrace(path);
  try {
    for (const p of trace.packets()) compare(name, p, t, t.packets < CUT_PACKETS);
  } finally {
    trace.close();
  }
  return t;
}

// Random frames whose key bytes are steered towards the interesting paths: VLAN tags, IPv4 with options and
// fragments, IPv6 with extension header chains, TCP/UDP with odd data offsets and lengths, cuts anywhere.
const ETHER_TYPES = [0x0800, 0x86dd, 0x8100, 0x88a8, 0x0806];
const NEXT_HEADERS = [6, 17, 0, 43, 44, 51, 60, 135, 59];
const steeredFrame = fc
  .record({
    bytes: fc.uint8Array({ minLength: 0, maxLength: 160 }),
    link: fc.constantFrom<PacketCaptured['link']>('ethernet', 'raw_ip'),
    etherType: fc.constantFrom(...ETHER_TYPES),
    innerType: fc.constantFrom(...ETHER_TYPES),
    version: fc.constantFrom(4, 6, 5),
    ihl: fc.integer({ min: 0, max: 15 }),
    next: fc.constantFrom(...NEXT_HEADERS),
    next2: fc.constantFrom(...NEXT_HEADERS),
    dataOffset: fc.integer({ min: 0, max: 15 }),
    extLength: fc.integer({ min: 0, max: 3 }),
    originalExtra: fc.integer({ min: 0, max: 40 }),
  })
  .map((r) => {
    const b = Uint8Array.from(r.bytes);
    const set = (at: number, v: number) => {
      if (at < b.length) b[at] = v & 0xff;
    };
    let ip = 0;
    if (r.link === 'ethernet') {
      set(12, r.etherType >> 8);
      set(13, r.etherType);
      ip = 14;
      if (r.etherType === 0x8100 || r.etherType === 0x88a8) {
        set(16, r.innerType >> 8);
        set(17, r.innerType);
        ip = 18;
        if (r.innerType !== 0x0800 && r.innerType !== 0x86dd) {
          set(20, 0x08);
          set(21, 0x00);
          ip = 22;
        }
      }
    }
    const v6 = r.link === 'ethernet' ? b[ip - 2] === 0x86 : r.version === 6;
    if (v6) {
      set(ip, 0x60);
      set(ip + 6, r.next);
      set(ip + 40, r.next2);
      set(ip + 41, r.extLength);
      set(ip + 48, r.dataOffset << 4);
    } else {
      set(ip, (r.version << 4) | r.ihl);
      set(ip + 9, r.next);
      set(ip + r.ihl * 4 + 12, r.dataOffset << 4);
    }
    const p: Pick<PacketCaptured, 'link' | 'data' | 'originalLength'> = { link: r.link, data: b, originalLength: b.length + r.originalExtra };
    return p;
  });

test('random frames: hand-written and generated dissection agree', () => {
  fc.assert(
    fc.property(steeredFrame, (p) => {
      assert.equal(plain(dissectFrame(p)), plain(dissectFrameGenerated(p)));
      const head = p.data.subarray(0, 5);
      assert.equal(recordHeader(head), recordHeaderGenerated(head));
    }),
    { numRuns: 3000 },
  );
});

const PACKETLESS_SAMPLES: ReadonlySet<string> = new Set(['hcw-2012-no-capture.etl']);
const projectSamples = readdirSync(samplesDir).filter((f) => f.endsWith('.etl')).sort();
for (const f of projectSamples) {
  test(`samples/${f}: hand-written and generated dissection agree on every packet`, () => {
    const t = compareTrace(f, join(samplesDir, f));
    // A trace taken without `capture=yes` has no packets to compare: it must then really have none.
    if (PACKETLESS_SAMPLES.has(f)) {
      assert.is(t.packets, 0, 'the sample carries no packets');
      return;
    }
    assert.ok(t.packets > 0, 'the sample carries packets');
    assert.ok(t.cuts > 0);
  });
}

test('benchmark trace (2 MB instance): hand-written and generated dissection agree on every packet', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-differential-'));
  try {
    const path = join(dir, 'large.etl');
    await writeLargeTrace(path, 2 * 1024 * 1024, { responseBytes: 16 * 1024 });
    const t = compareTrace('large.etl', path);
    assert.ok(t.tcp > 100 && t.headers > 1000, `${t.tcp} TCP segments, ${t.headers} record header reads`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

if (!hasShared) {
  skipped('hand-written and generated dissection agree on every packet of the real samples', '../shared is absent');
} else {
  // Every real sample (most carry no packet capture: nothing to compare there). Packet counts per SOURCES.md.
  const real = readdirSync(sharedEtlDir).filter((f) => f.endsWith('.etl')).sort();
  const expected: Record<string, number> = { 'pktmon_nathaniel_vpn_7119f51.etl': 3646, 'attackhost_netsh_ndis_trace.etl': 1 };
  for (const f of real) {
    test(`${f}: hand-written and generated dissection agree on every packet`, () => {
      const t = compareTrace(f, join(sharedEtlDir, f));
      if (expected[f] !== undefined) assert.is(t.packets, expected[f], `${f} packets compared`);
    });
  }
}

test.run();
