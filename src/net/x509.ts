// The few certificate facts a TLS ≤ 1.2 handshake shows in clear: subject CN, SAN DNS names, issuer, validity.
// Hand-written rather than declared in a .ksy: DER is a recursive TLV encoding whose meaning comes from the
// X.509 ASN.1 module, which Kaitai's byte-layout model cannot express; a bounded TLV walker is all we need.
import type { TlsCertificate } from './types.js';

interface Tlv {
  tag: number;
  start: number;
  end: number;
  next: number;
}

function readTlv(b: Uint8Array, pos: number, limit: number): Tlv | undefined {
  if (pos + 2 > limit) return undefined;
  const tag = b[pos]!;
  let len = b[pos + 1]!;
  let p = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p + i]!;
    p += n;
  }
  if (p + len > limit) return undefined;
  return { tag, start: p, end: p + len, next: p + len };
}

function children(b: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = t.start; p < t.end && out.length < 64; ) {
    const c = readTlv(b, p, t.end);
    if (!c) break;
    out.push(c);
    p = c.next;
  }
  return out;
}

const OID_CN = '2.5.4.3';
const OID_SAN = '2.5.29.17';
const decoder = new TextDecoder('utf-8', { fatal: false });

function oid(b: Uint8Array, t: Tlv): string {
  const parts: number[] = [];
  let v = 0;
  for (let i = t.start; i < t.end; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function text(b: Uint8Array, t: Tlv): string {
  if (t.tag === 0x1e) {
    // BMPString: UTF-16 big-endian.
    let s = '';
    for (let i = t.start; i + 1 < t.end; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return s;
  }
  return decoder.decode(b.subarray(t.start, t.end));
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '0.9.2342.19200300.100.1.25': 'DC',
};

/** Name → `CN=…, O=…` (RDNs in encoded order) and its CN. */
function name(b: Uint8Array, t: Tlv): { text: string; cn?: string } {
  const parts: string[] = [];
  let cn: string | undefined;
  for (const rdn of children(b, t)) {
    for (const atv of children(b, rdn)) {
      const [o, v] = children(b, atv);
      if (!o || !v || o.tag !== 0x06) continue;
      const id = oid(b, o);
      const value = text(b, v);
      if (id === OID_CN && cn === undefined) cn = value;
      parts.push(`${ATTRIBUTE_NAMES[id] ?? id}=${value}`);
    }
  }
  return { text: parts.join(', '), cn };
}

/** UTCTime / GeneralizedTime → ISO-8601 UTC. */
function time(b: Uint8Array, t: Tlv): string | undefined {
  const s = decoder.decode(b.subarray(t.start, t.end));
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
  if (!m) return undefined;
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return `${String(year).padStart(4, '0')}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`;
}

/** Certificates parsed lately, by their bytes: the connections of a trace mostly meet the same few servers. */
const recent = new Map<string, { der: Uint8Array; cert: TlsCertificate | undefined }>();
const RECENT_LIMIT = 256;

/**
 * parseCertificate() of `der`, shared with earlier flows that received the same bytes (the result is one object
 * per distinct certificate, so thousands of connections to one server hold one parsed chain, not thousands).
 */
export function parseCertificateShared(der: Uint8Array): TlsCertificate | undefined {
  // The key hashes the last bytes only (the signature, which differs between certificates); a hit is compared
  // in full, so the key need not be unique, and hashing every byte of every certificate costs more than parsing.
  let h = 0x811c9dc5;
  for (let i = Math.max(0, der.length - 64); i < der.length; i++) h = Math.imul(h ^ der[i]!, 0x01000193);
  const key = `${der.length}:${h >>> 0}`;
  const hit = recent.get(key);
  if (hit && Buffer.from(hit.der.buffer, hit.der.byteOffset, hit.der.byteLength).equals(der)) return hit.cert;
  const cert = parseCertificate(der);
  if (recent.size >= RECENT_LIMIT) recent.clear();
  recent.set(key, { der: der.slice(), cert });
  return cert;
}

/** Parses one DER certificate; undefined when it is not one. */
export function parseCertificate(der: Uint8Array): TlsCertificate | undefined {
  const cert = readTlv(der, 0, der.length);
  if (!cert || cert.tag !== 0x30) return undefined;
  const tbs = children(der, cert)[0];
  if (!tbs || tbs.tag !== 0x30) return undefined;
  const f = children(der, tbs);
  let i = 0;
  if (f[i]?.tag === 0xa0) i++; // [0] version
  i += 2; // serialNumber, signature algorithm
  const issuer = f[i++];
  const validity = f[i++];
  const subject = f[i++];
  i++; // subjectPublicKeyInfo
  const out: TlsCertificate = { sanDns: [] };
  if (issuer?.tag === 0x30) out.issuer = name(der, issuer).text;
  if (subject?.tag === 0x30) out.subjectCN = name(der, subject).cn;
  if (validity?.tag === 0x30) {
    const [nb, na] = children(der, validity);
    if (nb) out.notBefore = time(der, nb);
    if (na) out.notAfter = time(der, na);
  }
  for (; i < f.length; i++) {
    if (f[i]!.tag !== 0xa3) continue;
    const exts = children(der, f[i]!)[0];
    if (!exts) continue;
    for (const ext of children(der, exts)) {
      const parts = children(der, ext);
      if (parts[0]?.tag !== 0x06 || oid(der, parts[0]) !== OID_SAN) continue;
      const value = parts[parts.length - 1];
      if (value?.tag !== 0x04) continue;
      const seq = readTlv(der, value.start, value.end);
      if (!seq) continue;
      for (const g of children(der, seq)) if (g.tag === 0x82) out.sanDns.push(text(der, { ...g, tag: 0x16 }));
    }
  }
  return out;
}
