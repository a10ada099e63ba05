// The decoded-packet lines pktmon (and netsh for NDIS captures) print under an event, tcpdump style:
//   `       Drop: ip: 192.168.5.88.50005 > 192.168.5.68.50005: UDP, length 374`
//   `00-15-5D-01-02-03 > 00-15-5D-04-05-06, ethertype IPv4 (0x0800), length 74: 10.0.0.5.50000 > 52.1.2.3.443: Flags [S], seq 1, win 64240, length 0`
//   `ip6: fe80::1.5353 > ff02::fb.5353: UDP, length 40`
// and hex dumps of captured bytes (`0x0000:  4500 0034 …` or `00 15 5d …`).
import type { Fields } from '../../decode/types.js';

const ENDPOINTS = /(?:^|[\s:])((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]*:[0-9a-f:]+)\.(\d{1,5}) > ((?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]*:[0-9a-f:]+)\.(\d{1,5}):\s*(.*)$/i;
const HOSTS = /(?:^|[\s:])((?:\d{1,3}\.){3}\d{1,3}) > ((?:\d{1,3}\.){3}\d{1,3}):\s*(.*)$/;

/** Fields of one decoded-packet line, or undefined when the line is not one. */
export function parsePacketLine(line: string): Fields | undefined {
  const text = line.trim();
  const f: Fields = {};
  const m = ENDPOINTS.exec(text);
  let rest: string;
  if (m) {
    f.SourceAddress = m[1]!;
    f.SourcePort = Number(m[2]);
    f.DestinationAddress = m[3]!;
    f.DestinationPort = Number(m[4]);
    rest = m[5]!;
  } else {
    const h = HOSTS.exec(text);
    if (!h) return undefined;
    f.SourceAddress = h[1]!;
    f.DestinationAddress = h[2]!;
    rest = h[3]!;
  }
  const flags = /Flags \[([^\]]*)\]/.exec(rest);
  if (flags) {
    f.Protocol = 'TCP';
    f.TcpFlags = flags[1]!;
  } else {
    const proto = /^(UDP|TCP|ICMP6?|IGMP|GRE|ESP)\b/i.exec(rest);
    if (proto) f.Protocol = proto[1]!.toUpperCase();
  }
  const seq = /\bseq (\d+)(?::(\d+))?/.exec(rest);
  if (seq) f.Seq = Number(seq[1]);
  const ack = /\back (\d+)/.exec(rest);
  if (ack) f.Ack = Number(ack[1]);
  const len = /\blength (\d+)\s*$/.exec(rest) ?? /\blength (\d+)/.exec(rest);
  if (len) f.Length = Number(len[1]);
  const label = /^([A-Za-z][\w ]*):\s+(?:ip6?|IP6?|[0-9A-F]{2}-)/.exec(text);
  if (label) f.PacketLabel = label[1]!;
  f.PacketSummary = text;
  return f;
}

/** Bytes of a hex-dump block (offset column and ASCII column tolerated); undefined when a line is not hex. */
export function parseHexDump(lines: string[]): Uint8Array | undefined {
  const out: number[] = [];
  for (const raw of lines) {
    let l = raw.trim();
    if (l === '') continue;
    l = l.replace(/^(?:0x)?[0-9a-f]{4,8}:?\s{1,3}/i, '');
    const groups = l.split(/\s+/);
    let any = false;
    for (const g of groups) {
      if (!/^(?:[0-9a-f]{2})+$/i.test(g) || g.length > 8) break;
      for (let i = 0; i < g.length; i += 2) out.push(parseInt(g.slice(i, i + 2), 16));
      any = true;
    }
    if (!any) return undefined;
  }
  return out.length ? Uint8Array.from(out) : undefined;
}
