// Minimal DER writer and an X.509 v3 certificate builder (structure only; the signature is random bytes).
import { Rng } from '../rng.js';
import { concatBytes } from '../../../src/common/bytes.js';

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n >>>= 8;
  }
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const len = lengthBytes(content.length);
  const out = new Uint8Array(1 + len.length + content.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

export const seq = (...parts: Uint8Array[]) => tlv(0x30, concatBytes(parts));
export const set = (...parts: Uint8Array[]) => tlv(0x31, concatBytes(parts));
export const nul = () => tlv(0x05, new Uint8Array(0));
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printable = (s: string) => tlv(0x13, Buffer.from(s, 'latin1'));
export const bool = (v: boolean) => tlv(0x01, Uint8Array.of(v ? 0xff : 0));
export const ctx = (n: number, content: Uint8Array, constructed = true) => tlv((constructed ? 0xa0 : 0x80) | n, content);

export function integer(b: Uint8Array | number): Uint8Array {
  let bytes: Uint8Array;
  if (typeof b === 'number') {
    const a: number[] = [];
    let n = b;
    do {
      a.unshift(n & 0xff);
      n = Math.floor(n / 256);
    } while (n > 0);
    bytes = Uint8Array.from(a);
  } else bytes = b;
  if (bytes[0]! & 0x80) bytes = concatBytes([Uint8Array.of(0), bytes]);
  return tlv(0x02, bytes);
}

export function oid(dotted: string): Uint8Array {
  const p = dotted.split('.').map(Number);
  const out: number[] = [p[0]! * 40 + p[1]!];
  for (const v of p.slice(2)) {
    const chunk: number[] = [v & 0x7f];
    let n = v >>> 7;
    while (n > 0) {
      chunk.unshift((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

export function bitString(b: Uint8Array): Uint8Array {
  return tlv(0x03, concatBytes([Uint8Array.of(0), b]));
}

/** UTCTime YYMMDDHHMMSSZ (dates before 2050). */
export function utcTime(d: Date): Uint8Array {
  const s = d.toISOString();
  const text = s.slice(2, 4) + s.slice(5, 7) + s.slice(8, 10) + s.slice(11, 13) + s.slice(14, 16) + s.slice(17, 19) + 'Z';
  return tlv(0x17, Buffer.from(text, 'latin1'));
}

const OID = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

export type DistinguishedName = Partial<Record<'C' | 'ST' | 'L' | 'O' | 'OU' | 'CN', string>>;

/** RDNs in the conventional C, ST, L, O, OU, CN order; C as PrintableString, the rest UTF8String. */
export function name(dn: DistinguishedName): Uint8Array {
  const rdns: Uint8Array[] = [];
  for (const k of ['C', 'ST', 'L', 'O', 'OU', 'CN'] as const) {
    const v = dn[k];
    if (v === undefined) continue;
    rdns.push(set(seq(oid(OID[k]), k === 'C' ? printable(v) : utf8(v))));
  }
  return seq(...rdns);
}

export interface CertificateSpec {
  subject: DistinguishedName;
  issuer: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  /** DNS names for the subjectAltName extension (leaf certificates). */
  dnsNames?: string[];
  isCa?: boolean;
  serial: Uint8Array;
  /** Seed for the random RSA modulus and signature bytes. */
  seed: number;
}

export function certificate(spec: CertificateSpec): Uint8Array {
  const rng = new Rng(spec.seed);
  const modulus = rng.bytes(256);
  modulus[0] = modulus[0]! | 0x80;
  modulus[255] = modulus[255]! | 0x01;
  const spki = seq(seq(oid(OID.rsaEncryption), nul()), bitString(seq(integer(modulus), integer(65537))));
  const exts: Uint8Array[] = [];
  if (spec.isCa) {
    exts.push(seq(oid(OID.basicConstraints), bool(true), octets(seq(bool(true)))));
    exts.push(seq(oid(OID.keyUsage), bool(true), octets(tlv(0x03, Uint8Array.of(1, 0x86)))));
  } else {
    exts.push(seq(oid(OID.keyUsage), bool(true), octets(tlv(0x03, Uint8Array.of(5, 0xa0)))));
    exts.push(seq(oid(OID.extKeyUsage), octets(seq(oid(OID.serverAuth), oid(OID.clientAuth)))));
    exts.push(seq(oid(OID.basicConstraints), octets(seq())));
    if (spec.dnsNames?.length) {
      const names = spec.dnsNames.map((n) => ctx(2, Buffer.from(n, 'latin1'), false));
      exts.push(seq(oid(OID.subjectAltName), octets(seq(...names))));
    }
  }
  const sigAlg = seq(oid(OID.sha256WithRSA), nul());
  const tbs = seq(
    ctx(0, integer(2)),
    integer(spec.serial),
    sigAlg,
    name(spec.issuer),
    seq(utcTime(spec.notBefore), utcTime(spec.notAfter)),
    name(spec.subject),
    spki,
    ctx(3, seq(...exts)),
  );
  return seq(tbs, sigAlg, bitString(rng.bytes(256)));
}
