// DNS messages in UDP datagrams (port 53) → DnsQuery observations, parsed with formats/dns.ksy.
import type { DnsQuery, PacketCaptured } from '../providers/observations.js';
import { ipv4ToString, ipv6ToString } from './addr.js';
import { formatType, parsePartial } from './kaitai.js';
import { dnsPacketText } from './packet-line.js';
import { ksyEnum } from '../formats/load.js';

/** Record types (formats/dns.ksy `rr_type`) whose data this reader turns into addresses or aliases. */
const { A, AAAA, CNAME } = ksyEnum('Dns', 'RrType');

const MAX_POINTER_HOPS = 16;
const latin1 = new TextDecoder('latin1');

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Follows labels and compression pointers (at most MAX_POINTER_HOPS, so loops end). */
function resolveName(message: Uint8Array, name: any): string | undefined {
  const labels: string[] = [];
  let current = name;
  for (let hops = 0; current; hops++) {
    let pointer: number | undefined;
    for (const l of current.labels ?? []) {
      if (l.isPointer) {
        pointer = l.pointerOffset;
        break;
      }
      if (l.length === 0) return labels.join('.');
      if (!(l.text instanceof Uint8Array)) return undefined;
      labels.push(latin1.decode(l.text));
    }
    if (pointer === undefined) return labels.length > 0 ? labels.join('.') : undefined;
    if (hops >= MAX_POINTER_HOPS || pointer >= message.length) return undefined;
    const next = parsePartial<any>(formatType('Dns', 'DomainName'), message, pointer);
    if (next.error) return undefined;
    current = next.value;
  }
  return labels.join('.');
}

export interface DnsParse {
  observation?: DnsQuery;
  truncated: boolean;
}

/** Parses one DNS message; undefined observation when it has no question we can name. */
export function parseDns(payload: Uint8Array, packet: PacketCaptured): DnsParse {
  const r = parsePartial<any>(formatType('Dns'), payload);
  const m = r.value;
  const truncated = r.truncated;
  const q = (m.questions ?? [])[0];
  if (!q) return { truncated };
  const name = resolveName(payload, q.name);
  if (name === undefined) return { truncated };
  const addresses: string[] = [];
  const cnames: string[] = [];
  for (const a of m.answers ?? []) {
    if (a.rrType === A && a.rdata instanceof Uint8Array && a.rdata.length === 4) addresses.push(ipv4ToString(a.rdata));
    else if (a.rrType === AAAA && a.rdata instanceof Uint8Array && a.rdata.length === 16) addresses.push(ipv6ToString(a.rdata));
    else if (a.rrType === CNAME && a.rdata && !(a.rdata instanceof Uint8Array)) {
      const target = resolveName(payload, a.rdata);
      if (target !== undefined) cnames.push(target);
    }
  }
  const isResponse = !!m.isResponse;
  const obs: DnsQuery = {
    kind: 'dns',
    time: packet.time,
    pid: packet.pid,
    tid: packet.tid,
    ref: {
      time: packet.time,
      source: `packet #${packet.number}`,
      text: dnsPacketText({ phase: isResponse ? 'response' : 'query', name, type: q.qtype, rcode: m.rcode, addresses, truncated }),
    },
    name,
    queryType: q.qtype,
    phase: isResponse ? 'result' : 'query',
    addresses,
    origin: 'packet',
  };
  if (isResponse && m.rcode !== undefined) obs.status = m.rcode;
  if (cnames.length > 0) obs.cnames = cnames;
  return { observation: obs, truncated };
}
