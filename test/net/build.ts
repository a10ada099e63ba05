// Hand-built packets for the network tests: every layer written from its RFC layout, no parser involved.
import type { PacketCaptured } from '../../src/providers/observations.js';
import { concatBytes } from '../../src/common/bytes.js';

export const concat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);
export const u8 = (...v: number[]) => Uint8Array.from(v);
export const u16 = (v: number) => u8((v >> 8) & 0xff, v & 0xff);
export const u24 = (v: number) => u8((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
export const u32 = (v: number) => u8((v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
export const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const ip4 = (s: string) => Uint8Array.from(s.split('.').map(Number));
export function ip6(s: string): Uint8Array {
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return concat(...groups.map((g) => u16(parseInt(g, 16))));
}
const MAC_A = u8(0x00, 0x11, 0x22, 0x33, 0x44, 0x55);
const MAC_B = u8(0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb);

export function ethernet(etherType: number, payload: Uint8Array, vlanIds: number[] = []): Uint8Array {
  // With tags: dst, src, TPID, TCI, [TPID, TCI], EtherType.
  if (vlanIds.length === 0) return concat(MAC_A, MAC_B, u16(etherType), payload);
  const parts: Uint8Array[] = [MAC_A, MAC_B];
  vlanIds.forEach((id) => parts.push(u16(0x8100), u16((3 << 13) | (id & 0xfff))));
  parts.push(u16(etherType), payload);
  return concat(...parts);
}

/** 802.11 data frame (to DS), optionally QoS, with LLC/SNAP carrying `etherType`. */
export function wifiData(etherType: number, payload: Uint8Array, qos = false): Uint8Array {
  const fc = qos ? u8(0x88, 0x01) : u8(0x08, 0x01);
  const header = concat(fc, u8(0x2c, 0x00), MAC_A, MAC_B, MAC_A, u8(0x10, 0x00), qos ? u8(0x00, 0x00) : u8());
  return concat(header, u8(0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00), u16(etherType), payload);
}

export function ipv4(src: string, dst: string, protocol: number, payload: Uint8Array, opts: { mf?: boolean; offset?: number; totalLength?: number; options?: Uint8Array } = {}): Uint8Array {
  const options = opts.options ?? u8();
  const ihl = 5 + options.length / 4;
  const total = opts.totalLength ?? ihl * 4 + payload.length;
  const frag = (opts.mf ? 0x2000 : 0) | ((opts.offset ?? 0) & 0x1fff);
  return concat(u8(0x40 | ihl, 0), u16(total), u16(0x1234), u16(frag), u8(64, protocol), u16(0), ip4(src), ip4(dst), options, payload);
}

/** IPv6 with optional extension headers given as [type, body] (body padded to 8n+6 by the caller). */
export function ipv6(src: string, dst: string, protocol: number, payload: Uint8Array, ext: Array<[number, Uint8Array]> = []): Uint8Array {
  const types = [...ext.map((e) => e[0]), protocol];
  const exts = ext.map(([, body], i) => concat(u8(types[i + 1]!, (body.length + 2) / 8 - 1), body));
  const rest = concat(...exts, payload);
  return concat(u8(0x60, 0, 0, 0), u16(rest.length), u8(types[0]!, 64), ip6(src), ip6(dst), rest);
}

export interface TcpFlags {
  syn?: boolean;
  ack?: boolean;
  fin?: boolean;
  rst?: boolean;
  psh?: boolean;
}
export function tcp(srcPort: number, dstPort: number, seq: number, ack: number, flags: TcpFlags, payload: Uint8Array = u8()): Uint8Array {
  const f = (flags.fin ? 1 : 0) | (flags.syn ? 2 : 0) | (flags.rst ? 4 : 0) | (flags.psh ? 8 : 0) | (flags.ack ? 16 : 0);
  return concat(u16(srcPort), u16(dstPort), u32(seq), u32(ack), u8(5 << 4, f), u16(65535), u16(0), u16(0), payload);
}

export function udp(srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  return concat(u16(srcPort), u16(dstPort), u16(8 + payload.length), u16(0), payload);
}

// TLS ------------------------------------------------------------------------------------------------

export const record = (type: number, version: number, body: Uint8Array) => concat(u8(type), u16(version), u16(body.length), body);
export const handshake = (type: number, body: Uint8Array) => concat(u8(type), u24(body.length), body);
const ext = (type: number, body: Uint8Array) => concat(u16(type), u16(body.length), body);
const list16 = (items: number[]) => concat(u16(items.length * 2), ...items.map(u16));

export interface ClientHelloSpec {
  legacyVersion: number;
  ciphers: number[];
  sni?: string;
  alpn?: string[];
  versions?: number[];
  groups?: number[];
  sigalgs?: number[];
  sessionId?: Uint8Array;
}

export function clientHelloBody(s: ClientHelloSpec): Uint8Array {
  const exts: Uint8Array[] = [];
  if (s.sni) {
    const name = ascii(s.sni);
    const entry = concat(u8(0), u16(name.length), name);
    exts.push(ext(0, concat(u16(entry.length), entry)));
  }
  if (s.groups) exts.push(ext(10, list16(s.groups)));
  if (s.sigalgs) exts.push(ext(13, list16(s.sigalgs)));
  if (s.alpn) {
    const names = concat(...s.alpn.map((a) => concat(u8(a.length), ascii(a))));
    exts.push(ext(16, concat(u16(names.length), names)));
  }
  if (s.versions) exts.push(ext(43, concat(u8(s.versions.length * 2), ...s.versions.map(u16))));
  const extBlock = concat(...exts);
  const sid = s.sessionId ?? u8();
  return concat(
    u16(s.legacyVersion),
    new Uint8Array(32).fill(0x11),
    u8(sid.length),
    sid,
    list16(s.ciphers),
    u8(1, 0),
    exts.length ? concat(u16(extBlock.length), extBlock) : u8(),
  );
}

export const HRR_RANDOM = Uint8Array.from(
  'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c'.match(/../g)!.map((h) => parseInt(h, 16)),
);

export function serverHelloBody(legacyVersion: number, cipher: number, opts: { selected?: number; hrr?: boolean } = {}): Uint8Array {
  const exts = opts.selected !== undefined ? ext(43, u16(opts.selected)) : u8();
  return concat(
    u16(legacyVersion),
    opts.hrr ? HRR_RANDOM : new Uint8Array(32).fill(0x22),
    u8(0),
    u16(cipher),
    u8(0),
    exts.length ? concat(u16(exts.length), exts) : u8(),
  );
}

// DER (for a certificate the X.509 walker reads) -------------------------------------------------------

export function der(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(...content);
  const n = body.length;
  const len = n < 0x80 ? u8(n) : n < 0x100 ? u8(0x81, n) : u8(0x82, n >> 8, n & 0xff);
  return concat(u8(tag), len, body);
}
const oid = (...bytes: number[]) => der(0x06, u8(...bytes));
const OID_CN = oid(0x55, 0x04, 0x03);
const OID_O = oid(0x55, 0x04, 0x0a);
const OID_SAN = oid(0x55, 0x1d, 0x11);
const rdn = (o: Uint8Array, v: string) => der(0x31, der(0x30, o, der(0x0c, ascii(v))));

export function certificate(cn: string, issuerCn: string, san: string[]): Uint8Array {
  const alg = der(0x30, oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b), der(0x05));
  const tbs = der(
    0x30,
    der(0xa0, der(0x02, u8(2))),
    der(0x02, u8(0x01, 0x23)),
    alg,
    der(0x30, rdn(OID_O, 'Example CA Org'), rdn(OID_CN, issuerCn)),
    der(0x30, der(0x17, ascii('240101000000Z')), der(0x18, ascii('20991231235959Z'))),
    der(0x30, rdn(OID_CN, cn)),
    der(0x30, alg, der(0x03, u8(0, 1, 2, 3))),
    der(0xa3, der(0x30, der(0x30, OID_SAN, der(0x04, der(0x30, ...san.map((n) => der(0x82, ascii(n)))))))),
  );
  return der(0x30, tbs, alg, der(0x03, u8(0, 9, 9)));
}

export function certificateBody(certs: Uint8Array[]): Uint8Array {
  const entries = concat(...certs.map((c) => concat(u24(c.length), c)));
  return concat(u24(entries.length), entries);
}

// DNS -------------------------------------------------------------------------------------------------

export function dnsName(name: string): Uint8Array {
  return concat(...name.split('.').map((l) => concat(u8(l.length), ascii(l))), u8(0));
}

// Frames ----------------------------------------------------------------------------------------------

let frameNumber = 0;
export function resetFrames(): void {
  frameNumber = 0;
}

export function frame(data: Uint8Array, opts: Partial<PacketCaptured> = {}): PacketCaptured {
  const number = opts.number ?? ++frameNumber;
  const time = opts.time ?? 133000000000000000n + BigInt(number) * 10000n;
  return {
    kind: 'packet',
    time,
    pid: 100,
    tid: 200,
    ref: { time, source: `packet #${number}`, text: 'test frame' },
    number,
    link: 'ethernet',
    data,
    originalLength: data.length,
    direction: 'unknown',
    iface: 1,
    ...opts,
  };
}

/** A TCP conversation between a client and a server over Ethernet/IPv4, with sequence numbers tracked. */
export class Conversation {
  private seq = { client: 1000, server: 5000 };
  constructor(
    readonly client = { ip: '10.0.0.2', port: 50000 },
    readonly server = { ip: '52.96.0.10', port: 443 },
  ) {}

  handshake(): PacketCaptured[] {
    const out = [
      this.packet('client', { syn: true }, u8()),
      this.packet('server', { syn: true, ack: true }, u8()),
      this.packet('client', { ack: true }, u8()),
    ];
    return out;
  }

  /** A segment with `payload`; `captured` limits the bytes kept (snap length), `seqOverride` resends. */
  packet(from: 'client' | 'server', flags: TcpFlags, payload: Uint8Array, opts: { captured?: number; seq?: number } = {}): PacketCaptured {
    const a = from === 'client' ? this.client : this.server;
    const b = from === 'client' ? this.server : this.client;
    const seq = opts.seq ?? this.seq[from];
    const other = from === 'client' ? 'server' : 'client';
    const seg = tcp(a.port, b.port, seq, this.seq[other], flags, payload);
    const full = ethernet(0x0800, ipv4(a.ip, b.ip, 6, seg));
    if (opts.seq === undefined) this.seq[from] = (seq + payload.length + (flags.syn || flags.fin ? 1 : 0)) >>> 0;
    const data = opts.captured !== undefined ? full.subarray(0, 14 + 20 + 20 + opts.captured) : full;
    return frame(data, { originalLength: full.length, direction: from === 'client' ? 'out' : 'in' });
  }

  /** The sequence number the next segment from `from` will carry. */
  nextSeq(from: 'client' | 'server'): number {
    return this.seq[from];
  }
}
