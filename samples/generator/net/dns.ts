// DNS messages (RFC 1035) for UDP port 53: a query and its answer, with name compression in answers.
import { ByteWriter } from '../bytes.js';
import { ipv4 } from './frames.js';

export const DnsType = { A: 1, CNAME: 5, SOA: 6, AAAA: 28 } as const;
export const DnsRcode = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;

function encodeName(w: ByteWriter, name: string): void {
  for (const label of name.split('.').filter(Boolean)) w.u8(label.length).ansi(label, false);
  w.u8(0);
}

export function dnsQuery(id: number, name: string, type: number): Uint8Array {
  const w = new ByteWriter(64).u16be(id).u16be(0x0100).u16be(1).u16be(0).u16be(0).u16be(0);
  encodeName(w, name);
  return w.u16be(type).u16be(1).finish();
}

export interface DnsAnswer {
  /** A CNAME chain followed by A records for the last name. */
  cnames: string[];
  addresses: string[];
  ttl: number;
}

/** Response: NOERROR with the answer chain, or an RCODE error with the zone's SOA in the authority section. */
export function dnsResponse(
  id: number,
  name: string,
  type: number,
  rcode: number,
  answer?: DnsAnswer,
  soa?: { zone: string; mname: string; rname: string; serial: number },
): Uint8Array {
  const answers = answer ? answer.cnames.length + answer.addresses.length : 0;
  const authority = soa ? 1 : 0;
  const w = new ByteWriter(256).u16be(id).u16be(0x8180 | (rcode & 0xf)).u16be(1).u16be(answers).u16be(authority).u16be(0);
  encodeName(w, name);
  w.u16be(type).u16be(1);
  if (answer) {
    // Owner of the first record points back at the question name (offset 12).
    let owner: number | string = 0xc00c;
    const chain = [...answer.cnames];
    for (const target of chain) {
      if (typeof owner === 'number') w.u16be(owner);
      else encodeName(w, owner);
      w.u16be(DnsType.CNAME).u16be(1).u32be(answer.ttl);
      const rd = new ByteWriter();
      encodeName(rd, target);
      const rdata = rd.finish();
      w.u16be(rdata.length).bytes(rdata);
      owner = target;
    }
    for (const a of answer.addresses) {
      if (typeof owner === 'number') w.u16be(owner);
      else encodeName(w, owner);
      w.u16be(DnsType.A).u16be(1).u32be(answer.ttl).u16be(4).bytes(ipv4(a));
    }
  }
  if (soa) {
    encodeName(w, soa.zone);
    const rd = new ByteWriter();
    encodeName(rd, soa.mname);
    encodeName(rd, soa.rname);
    rd.u32be(soa.serial).u32be(3600).u32be(600).u32be(86400).u32be(300);
    const rdata = rd.finish();
    w.u16be(DnsType.SOA).u16be(1).u32be(300).u16be(rdata.length).bytes(rdata);
  }
  return w.finish();
}
