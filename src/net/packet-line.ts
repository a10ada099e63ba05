// The evidence line of a captured packet (source `packet #N`): a fixed notation, tcpdump-like, written and read
// here only. The packet analysis writes it for every packet it quotes (millions on a dense trace), so it is a plain
// string in the evidence log; the reports read it back into facts (`parsePacketLine`) to draw the ladder, to give
// the JSON record a structured `packet`, and to say it in the report's language. The notation is also the line's
// English text (a test renders every line of the samples with the English catalog and compares).
//
//   TCP 10.0.0.5:50123 → 52.96.1.2:443 [PSH,ACK] len 201 (client) — ClientHello
//   DNS query outlook.office365.com type 1
//   DNS response outlook.office365.com type 1 rcode 0 → 52.96.1.2, 52.96.1.3 (truncated)
import { endpointText } from './addr.js';
import type { Side } from './tls.js';

/** The flags a line names, in the order it names them (the notation's, not the header's bit order). */
const TCP_FLAGS = ['SYN', 'FIN', 'RST', 'PSH', 'ACK'] as const;
export type TcpFlag = (typeof TCP_FLAGS)[number];

/** What the TLS analysis (src/net/tls.ts) notes a record brought, besides a plaintext alert (`Alert 2:40`). */
const MILESTONES = ['ClientHello', 'ServerHello', 'HelloRetryRequest', 'Certificate', 'ChangeCipherSpec', 'established', 'Alert (encrypted)', 'Alert (not captured)'] as const;
export type TlsMilestone = (typeof MILESTONES)[number] | `Alert ${number}:${number}`;

export type TcpNote = 'retransmission' | `RST from ${Side}` | TlsMilestone;

export interface TcpPacketLine {
  protocol: 'tcp';
  /** `ip:port`, `[ip6]:port`. */
  from: string;
  to: string;
  flags: TcpFlag[];
  /** Bytes of the segment's payload on the wire. */
  length: number;
  /** Which end of the connection sent it. */
  side: Side;
  notes: TcpNote[];
}

export interface DnsPacketLine {
  protocol: 'dns';
  phase: 'query' | 'response';
  name: string;
  type: number;
  /** Responses only. */
  rcode?: number;
  addresses: string[];
  /** The response did not fit the captured bytes. */
  truncated: boolean;
}

export type PacketLine = TcpPacketLine | DnsPacketLine;

const NAMED_NOTES: ReadonlySet<string> = new Set<string>([...MILESTONES, 'retransmission', 'RST from client', 'RST from server']);
const ALERT_NOTE = /^Alert \d+:\d+$/;

function isTcpNote(s: string): s is TcpNote {
  return NAMED_NOTES.has(s) || ALERT_NOTE.test(s);
}

/** The flags of a segment as a line writes them (`SYN,ACK`): once per packet quoted, so without building an array. */
export function tcpFlagsOf(seg: { syn: boolean; fin: boolean; rst: boolean; psh: boolean; ackFlag: boolean }): string {
  let s = '';
  if (seg.syn) s = 'SYN';
  if (seg.fin) s += s ? ',FIN' : 'FIN';
  if (seg.rst) s += s ? ',RST' : 'RST';
  if (seg.psh) s += s ? ',PSH' : 'PSH';
  if (seg.ackFlag) s += s ? ',ACK' : 'ACK';
  return s;
}

/** The line of a TCP segment; `flags` as `tcpFlagsOf` writes them. */
export function tcpPacketText(side: Side, src: string, srcPort: number, dst: string, dstPort: number, flags: string, length: number, notes: readonly TcpNote[]): string {
  const extra = notes.length ? ` — ${notes.join(', ')}` : '';
  return `TCP ${endpointText(src, srcPort)} → ${endpointText(dst, dstPort)} [${flags}] len ${length} (${side})${extra}`;
}

export function dnsPacketText(d: Omit<DnsPacketLine, 'protocol'>): string {
  if (d.phase === 'query') return `DNS query ${d.name} type ${d.type}`;
  const answers = d.addresses.length ? ' → ' + d.addresses.join(', ') : '';
  return `DNS response ${d.name} type ${d.type} rcode ${d.rcode ?? 0}${answers}${d.truncated ? ' (truncated)' : ''}`;
}

const TCP_LINE = /^TCP (\S+) → (\S+) \[([A-Z,]*)\] len (\d+) \((client|server)\)(?: — (.*))?$/;
// A name is the trace's bytes and may hold anything, ` type 1` too; what follows it is ours. Greedy: the name ends
// at the last ` type N` (query) or ` type N rcode N` (response), after which only addresses can come.
const DNS_QUERY = /^DNS query (.*) type (\d+)$/s;
const DNS_RESPONSE = /^DNS response (.*) type (\d+) rcode (\d+)(?: → ([0-9A-Fa-f.:, ]+?))?( \(truncated\))?$/s;

/** The facts of a packet line; undefined for any other text (a packet line of an older notation, an event text). */
export function parsePacketLine(text: string): PacketLine | undefined {
  if (text.startsWith('TCP ')) return parseTcp(text);
  if (!text.startsWith('DNS ')) return undefined;
  const q = DNS_QUERY.exec(text);
  if (q && !text.startsWith('DNS response ')) return { protocol: 'dns', phase: 'query', name: q[1]!, type: Number(q[2]), addresses: [], truncated: false };
  const r = DNS_RESPONSE.exec(text);
  if (!r) return undefined;
  return {
    protocol: 'dns',
    phase: 'response',
    name: r[1]!,
    type: Number(r[2]),
    rcode: Number(r[3]),
    addresses: r[4] ? r[4].split(', ') : [],
    truncated: r[5] !== undefined,
  };
}

function parseTcp(text: string): TcpPacketLine | undefined {
  const m = TCP_LINE.exec(text);
  if (!m) return undefined;
  const flags = m[3] ? m[3].split(',') : [];
  if (!flags.every((f): f is TcpFlag => (TCP_FLAGS as readonly string[]).includes(f))) return undefined;
  const notes = m[6] ? m[6].split(', ') : [];
  if (!notes.every(isTcpNote)) return undefined;
  return { protocol: 'tcp', from: m[1]!, to: m[2]!, flags: flags as TcpFlag[], length: Number(m[4]), side: m[5] as Side, notes: notes as TcpNote[] };
}

/** `ip` and `port` of an endpoint as `endpointText` writes it. */
export function splitEndpoint(endpoint: string): { ip: string; port: number } {
  const v6 = /^\[(.*)\]:(\d+)$/.exec(endpoint);
  if (v6) return { ip: v6[1]!, port: Number(v6[2]) };
  const colon = endpoint.lastIndexOf(':');
  return { ip: endpoint.slice(0, colon), port: Number(endpoint.slice(colon + 1)) };
}
