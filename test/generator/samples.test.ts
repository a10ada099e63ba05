// The committed samples/*.etl: byte-identical to what the generator produces now, structurally valid, carrying
// valid packets (IP/TCP/UDP checksums) and the scenario facts the README promises.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderScenario } from '../../samples/generator/build-sample.js';
import { SCENARIOS } from '../../samples/generator/scenarios/index.js';
import { openEtl } from '../../src/etl/index.js';
import { samplesDir } from '../helpers/paths.js';
import { capturedFrames, walkBuffers, walkEvents, type CapturedFrame, type WalkedEvent } from './walk.js';

const WEBIO = '50b3e73c-9370-461d-bb9f-26f32d68887d';
const WINHTTP = '7d44233d-3055-4b9c-ba64-0d47ca40a232';
const DNS = '1c95126e-7eea-49a9-a3fe-a378b03ddb4d';
const TCPIP = '2f07e2ee-15db-40f1-90ef-9d7ba282188a';
const WINRM = 'a7975c8f-ac13-49f1-87da-5a984a4ab417';

interface Expect {
  build: number;
  /** WebIO 728 EnabledProtocols and template version; undefined = no WebIO for the connection. */
  enabled?: [number, number];
  /** TLS record version and ClientHello client_version of the first ClientHello to port 443. */
  hello?: [number, number];
  supportedVersions?: boolean;
  /** What the server sent first on the TLS connection. */
  server?: 'rst' | 'handshake' | 'none' | number;
  winhttpErrors: number[];
  winrm: number[];
  dnsStatus: number[];
  tcpipPid?: number;
  /** Traced without `capture=yes`: no NDIS events; the ClientHello is in WebIO 705 instead. */
  noCapture?: boolean;
}

const EXPECT: Record<string, Expect> = {
  'hcw-2012-tls10': { build: 9200, enabled: [0xa0, 0], hello: [0x0301, 0x0301], supportedVersions: false, server: 'rst', winhttpErrors: [12175], winrm: [6, 172, 142], dnsStatus: [0] },
  'hcw-2012-tls10-compressed': { build: 9200, enabled: [0xa0, 0], hello: [0x0301, 0x0301], supportedVersions: false, server: 'rst', winhttpErrors: [12175], winrm: [6, 172, 142], dnsStatus: [0] },
  'teams-2012-misleading-dns': { build: 9200, enabled: [0xa0, 0], hello: [0x0301, 0x0301], supportedVersions: false, server: 'rst', winhttpErrors: [12175], winrm: [6, 137, 142], dnsStatus: [0] },
  'win7-kb-schannel-off': { build: 7601, enabled: [0xa80, 0], hello: [0x0301, 0x0301], supportedVersions: false, server: 70, winhttpErrors: [12175], winrm: [6, 172, 142], dnsStatus: [0] },
  'exo-dotnet-tls10': { build: 14393, hello: [0x0301, 0x0301], supportedVersions: false, server: 70, winhttpErrors: [], winrm: [], dnsStatus: [0], tcpipPid: 6240 },
  'cipher-mismatch': { build: 9600, enabled: [0xa80, 0], hello: [0x0303, 0x0303], supportedVersions: false, server: 40, winhttpErrors: [12175], winrm: [6, 172, 142], dnsStatus: [0] },
  'tls-inspection-untrusted-root': { build: 17763, enabled: [0xa80, 1], hello: [0x0303, 0x0303], supportedVersions: false, server: 'handshake', winhttpErrors: [12175], winrm: [6, 172, 142], dnsStatus: [0] },
  'dns-failure': { build: 19045, winhttpErrors: [12007], winrm: [6, 137, 142], dnsStatus: [9003] },
  'proxy-pac-failure': { build: 17763, server: 'none', winhttpErrors: [12167, 12029], winrm: [6, 135, 142], dnsStatus: [0, 0] },
  'hcw-2012-no-capture': { build: 9200, enabled: [0xa0, 0], hello: [0x0301, 0x0301], supportedVersions: false, winhttpErrors: [12175], winrm: [6, 172, 142], dnsStatus: [0], noCapture: true },
  'healthy-tls12': { build: 20348, enabled: [0x2a80, 1], hello: [0x0303, 0x0303], supportedVersions: true, server: 'handshake', winhttpErrors: [], winrm: [6], dnsStatus: [0] },
};

function sum16(parts: Buffer[]): number {
  let s = 0;
  for (const p of parts) for (let i = 0; i < p.length; i += 2) s += (p[i]! << 8) | (p[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

interface Tcp {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  flags: number;
  payload: Buffer;
}

/** Checks the IPv4 header checksum and the TCP/UDP checksum of an Ethernet frame; returns the TCP segment. */
function checkFrame(f: CapturedFrame): Tcp | undefined {
  const b = f.bytes;
  const etherType = b.readUInt16BE(12);
  if (etherType === 0x0806) return undefined;
  assert.is(etherType, 0x0800, 'IPv4');
  const ihl = (b[14]! & 0x0f) * 4;
  const ip = b.subarray(14, 14 + ihl);
  assert.is(sum16([ip]), 0xffff, 'IPv4 header checksum');
  const total = b.readUInt16BE(16);
  const l4 = b.subarray(14 + ihl, 14 + total);
  const proto = b[23]!;
  const pseudo = Buffer.concat([b.subarray(26, 34), Buffer.from([0, proto, l4.length >> 8, l4.length & 0xff])]);
  assert.is(sum16([pseudo, l4]), 0xffff, `${proto === 6 ? 'TCP' : 'UDP'} checksum`);
  if (proto !== 6) return undefined;
  const ipText = (o: number) => [...b.subarray(o, o + 4)].join('.');
  return {
    src: ipText(26),
    dst: ipText(30),
    sport: l4.readUInt16BE(0),
    dport: l4.readUInt16BE(2),
    flags: l4[13]!,
    payload: l4.subarray((l4[12]! >> 4) * 4),
  };
}

const NDIS = '2ed6006e-4729-4609-b423-3ee7bcd678ef';

/**
 * Data of the first WebIO 705: Connection (8), SecurityHandleHigh/Low (8+8), DataChunks (8),
 * DataChunkBufferLength (4), Data — per the manifest template (64-bit pointers).
 */
function webioClientHello(events: WalkedEvent[]): Buffer | undefined {
  const e = events.find((x) => x.provider === WEBIO && x.id === 705);
  if (!e) return undefined;
  const len = e.payload.readUInt32LE(32);
  assert.is(e.payload.length, 36 + len, '705 payload = fields + Data');
  return e.payload.subarray(36, 36 + len);
}

function ansiAfter(p: Buffer, at: number): number {
  return p.indexOf(0, at) + 1;
}

function results(events: WalkedEvent[]): { winhttp: number[]; winrm: number[]; dns: number[] } {
  const winhttp = events
    .filter((e) => e.provider === WINHTTP && (e.id === 11 || e.id === 14))
    .map((e) => e.payload.readUInt32LE(ansiAfter(e.payload, 8)));
  const winrm = events.filter((e) => e.provider === WINRM).map((e) => e.id);
  const dns = events
    .filter((e) => e.provider === DNS && e.id === 3008)
    .filter((e) => !e.payload.toString('utf16le', 0, 60).startsWith('v10.events'))
    .map((e) => {
      let o = 0;
      while (e.payload.readUInt16LE(o) !== 0) o += 2;
      return e.payload.readUInt32LE(o + 2 + 4 + 8);
    });
  return { winhttp, winrm, dns };
}

for (const s of SCENARIOS) {
  const exp = EXPECT[s.name];
  const path = join(samplesDir, `${s.name}.etl`);

  test(`${s.name}: committed file equals the generator's output`, () => {
    assert.ok(exp, 'the test knows this scenario');
    assert.ok(existsSync(path), `${path} exists (run npm run samples)`);
    assert.ok(readFileSync(path).equals(renderScenario(s).bytes), 'byte-identical');
  });

  test(`${s.name}: structure, packets and scenario facts`, () => {
    const file = readFileSync(path);
    const bufs = walkBuffers(file);
    assert.is(file.readUInt32LE(0x68 + 0x08), exp!.build, 'OS build');
    assert.is(file.readUInt32LE(0x68 + 0x24), bufs.length, 'BuffersWritten');
    const events = walkEvents(bufs.slice(1));
    assert.ok(events.every((e) => e.headerType === 0x13));
    const frames = capturedFrames(events);
    if (exp!.noCapture) {
      assert.is(frames.length, 0, 'no packets');
      assert.not.ok(events.some((e) => e.provider === NDIS), 'no NDIS-PacketCapture events at all');
    } else assert.ok(frames.length > 5, 'packets captured');
    const segs = frames.map(checkFrame).filter((x): x is Tcp => x !== undefined);

    const r = results(events);
    assert.equal(r.winhttp, exp!.winhttpErrors, 'WinHTTP errors');
    assert.equal(r.winrm, exp!.winrm, 'WinRM events');
    assert.equal(r.dns, exp!.dnsStatus, 'DNS-Client 3008 status');

    const ach = events.filter((e) => e.provider === WEBIO && e.id === 728);
    if (exp!.enabled) {
      assert.is(ach.length, 1);
      assert.is(ach[0]!.payload.readUInt32LE(8), exp!.enabled[0], 'EnabledProtocols');
      assert.is(ach[0]!.version, exp!.enabled[1], '728 template version');
    } else assert.is(ach.length, 0, 'no WebIO 728');

    const hello = segs.find((t) => t.dport === 443 && t.payload.length > 0);
    const webioHello = webioClientHello(events);
    if (exp!.noCapture) {
      assert.ok(webioHello, 'WebIO 705 carries the ClientHello');
      // 704 (Pre) after the reset: ISC got no server bytes.
      const pre = events.filter((e) => e.provider === WEBIO && e.id === 704);
      assert.is(pre.length, 1);
      assert.is(pre[0]!.payload.readUInt32LE(32), 0, 'BufferLengthData 0');
    }
    if (exp!.hello) {
      const p = exp!.noCapture ? webioHello! : hello?.payload;
      assert.ok(p, 'a ClientHello was sent');
      assert.is(p[0], 22, 'handshake record');
      assert.is(p.readUInt16BE(1), exp!.hello[0], 'record version');
      assert.is(p[5], 1, 'ClientHello');
      assert.is(p.readUInt16BE(9), exp!.hello[1], 'client_version');
      const sidLen = p[43]!;
      const csLen = p.readUInt16BE(44 + sidLen);
      let o = 46 + sidLen + csLen;
      o += 1 + p[o]!;
      const extEnd = o + 2 + p.readUInt16BE(o);
      const types: number[] = [];
      for (o += 2; o < extEnd; o += 4 + p.readUInt16BE(o + 2)) types.push(p.readUInt16BE(o));
      assert.is(o, extEnd, 'extensions fill their block');
      assert.is(extEnd, 5 + p.readUInt16BE(3), 'record length');
      assert.is(types.includes(43), exp!.supportedVersions, 'supported_versions present');
      assert.ok(types.includes(0), 'SNI present');
    }
    if (exp!.hello && !exp!.noCapture) {
      const p = hello!.payload;
      const srv = segs.filter((t) => t.sport === 443 && t.dst === hello!.src && t.dport === hello!.sport && (t.payload.length > 0 || t.flags & 0x04));
      const first = srv[0];
      if (exp!.server === 'rst') assert.ok(first && first.flags & 0x04 && first.payload.length === 0, 'server RST');
      else if (exp!.server === 'handshake') {
        assert.is(first!.payload[0], 22);
        assert.is(first!.payload[5], 2, 'ServerHello');
        assert.is(first!.payload.readUInt16BE(9), 0x0303, 'ServerHello TLS 1.2');
      } else if (typeof exp!.server === 'number') {
        assert.equal([...first!.payload], [21, p[1], p[2], 0, 2, 2, exp!.server], 'fatal alert');
      }
    }
    if (exp!.server === 'none') {
      assert.ok(!segs.some((t) => t.sport === 443 || t.sport === 80), 'no answer from the server');
    }
    if (exp!.tcpipPid !== undefined) {
      const done = events.filter((e) => e.provider === TCPIP && e.id === 1033);
      assert.ok(done.length >= 1);
      assert.is(done[0]!.payload.readUInt32LE(44), exp!.tcpipPid, 'TCPIP 1033 ProcessId');
    }
  });

  test(`${s.name}: the project's ETL reader opens it cleanly`, () => {
    const built = renderScenario(s);
    const f = openEtl(path);
    try {
      let n = 0;
      for (const _ of f.events()) n++;
      assert.equal(f.issues, [], 'no read issues');
      const headerEvents = s.os.hook0050 ? 2 : 1;
      assert.is(n, built.records + headerEvents, 'every record read');
      assert.is(f.stats.recordsByKind.event_header, built.records);
    } finally {
      f.close();
    }
  });
}

test('every scenario is documented in samples/README.md', () => {
  const readme = readFileSync(join(samplesDir, 'README.md'), 'utf8');
  for (const s of SCENARIOS) assert.ok(readme.includes(`${s.name}.etl`), s.name);
});

test.run();
