// Ethernet II / IPv4 / TCP / UDP frame builders with correct IP, TCP and UDP checksums.
import { ByteWriter } from '../bytes.js';
import { internetChecksum } from './checksum.js';

export const TcpFlags = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20 } as const;

const parsed = new Map<string, Uint8Array>();

export function ipv4(text: string): Uint8Array {
  const hit = parsed.get(text);
  if (hit) return hit;
  const p = text.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !(x >= 0 && x <= 255))) throw new Error(`bad IPv4 address ${text}`);
  const b = Uint8Array.from(p);
  parsed.set(text, b);
  return b;
}

export function mac(text: string): Uint8Array {
  const hit = parsed.get(text);
  if (hit) return hit;
  const b = Uint8Array.from(text.split(/[:-]/).map((x) => parseInt(x, 16)));
  parsed.set(text, b);
  return b;
}

export interface Endpoint {
  mac: string;
  ip: string;
  port: number;
}

function ethernet(dst: string, src: string, etherType: number, payload: Uint8Array): Uint8Array {
  return new ByteWriter(14 + payload.length).bytes(mac(dst)).bytes(mac(src)).u16be(etherType).bytes(payload).finish();
}

function ipv4Packet(src: string, dst: string, protocol: number, id: number, ttl: number, payload: Uint8Array, df = true): Uint8Array {
  const h = new ByteWriter(20);
  h.u8(0x45).u8(0).u16be(20 + payload.length).u16be(id).u16be(df ? 0x4000 : 0).u8(ttl).u8(protocol).u16be(0);
  h.bytes(ipv4(src)).bytes(ipv4(dst));
  const header = h.finish();
  const sum = internetChecksum([header]);
  header[10] = sum >>> 8;
  header[11] = sum & 0xff;
  return new ByteWriter(header.length + payload.length).bytes(header).bytes(payload).finish();
}

function pseudoHeader(src: string, dst: string, protocol: number, length: number): Uint8Array {
  return new ByteWriter(12).bytes(ipv4(src)).bytes(ipv4(dst)).u8(0).u8(protocol).u16be(length).finish();
}

export interface TcpSegment {
  seq: number;
  ack: number;
  flags: number;
  window: number;
  /** Raw TCP options (already padded to a multiple of 4). */
  options?: Uint8Array;
  payload?: Uint8Array;
}

export function tcpFrame(src: Endpoint, dst: Endpoint, ipId: number, ttl: number, seg: TcpSegment): Uint8Array {
  const opts = seg.options ?? new Uint8Array(0);
  if (opts.length % 4) throw new Error('TCP options must be padded to 4 bytes');
  const data = seg.payload ?? new Uint8Array(0);
  const hlen = 20 + opts.length;
  const t = new ByteWriter(hlen + data.length);
  t.u16be(src.port).u16be(dst.port).u32be(seg.seq >>> 0).u32be(seg.ack >>> 0);
  t.u8((hlen / 4) << 4).u8(seg.flags).u16be(seg.window).u16be(0).u16be(0);
  t.bytes(opts).bytes(data);
  const tcp = t.finish();
  const sum = internetChecksum([pseudoHeader(src.ip, dst.ip, 6, tcp.length), tcp]);
  tcp[16] = sum >>> 8;
  tcp[17] = sum & 0xff;
  return ethernet(dst.mac, src.mac, 0x0800, ipv4Packet(src.ip, dst.ip, 6, ipId, ttl, tcp));
}

export function udpFrame(src: Endpoint, dst: Endpoint, ipId: number, ttl: number, payload: Uint8Array): Uint8Array {
  const u = new ByteWriter(8 + payload.length);
  u.u16be(src.port).u16be(dst.port).u16be(8 + payload.length).u16be(0).bytes(payload);
  const udp = u.finish();
  let sum = internetChecksum([pseudoHeader(src.ip, dst.ip, 17, udp.length), udp]);
  if (sum === 0) sum = 0xffff;
  udp[6] = sum >>> 8;
  udp[7] = sum & 0xff;
  return ethernet(dst.mac, src.mac, 0x0800, ipv4Packet(src.ip, dst.ip, 17, ipId, ttl, udp, false));
}

/** SYN options as the Windows stack sends them: MSS 1460, NOP, WS 8, NOP, NOP, SACK permitted. */
export function windowsSynOptions(): Uint8Array {
  return Uint8Array.from([0x02, 0x04, 0x05, 0xb4, 0x01, 0x03, 0x03, 0x08, 0x01, 0x01, 0x04, 0x02]);
}

/** SYN-ACK options of a typical Office 365 front end: MSS 1440, NOP, WS 8, SACK permitted. */
export function serverSynAckOptions(): Uint8Array {
  return Uint8Array.from([0x02, 0x04, 0x05, 0xa0, 0x01, 0x03, 0x03, 0x08, 0x04, 0x02, 0x01, 0x01]);
}

/** ARP request (who-has `targetIp`), broadcast. */
export function arpRequest(senderMac: string, senderIp: string, targetIp: string): Uint8Array {
  const arp = new ByteWriter(28).u16be(1).u16be(0x0800).u8(6).u8(4).u16be(1);
  arp.bytes(mac(senderMac)).bytes(ipv4(senderIp)).zeros(6).bytes(ipv4(targetIp));
  // Ethernet minimum frame: 60 bytes before the FCS, so the ARP payload is zero-padded.
  const body = new ByteWriter(46).bytes(arp.finish()).zeros(18).finish();
  return ethernet('ff:ff:ff:ff:ff:ff', senderMac, 0x0806, body);
}
