// Names for TLS registry values, looked up in the data tables under registry/.
import { ALERT_DESCRIPTIONS } from './registry/tls-alerts.js';
import { formatType } from './kaitai.js';
import { CIPHER_SUITES } from './registry/cipher-suites.js';
import { EXTENSION_TYPES } from './registry/tls-extensions.js';
import { NAMED_GROUPS } from './registry/tls-groups.js';
import { SIGNATURE_SCHEMES } from './registry/tls-signature-schemes.js';
import { TLS_VERSIONS } from './registry/tls-versions.js';

const hex4 = (v: number) => '0x' + v.toString(16).padStart(4, '0');

/** RFC 8701 GREASE values (0x0A0A, 0x1A1A, … 0xFAFA) that clients mix into lists to keep servers tolerant. */
export function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && (v >> 8) === (v & 0xff);
}

/** 0x0301 → 'TLS 1.0', 0x0303 → 'TLS 1.2', 0x0304 → 'TLS 1.3', 0x0300 → 'SSL 3.0'; unknown → `0x…`. */
export function tlsVersionName(v: number): string {
  return TLS_VERSIONS[v] ?? (isGrease(v) ? `GREASE ${hex4(v)}` : hex4(v));
}

/** IANA name, or `0x…` when unknown. */
export function cipherSuiteName(id: number): string {
  return CIPHER_SUITES[id] ?? (isGrease(id) ? `GREASE ${hex4(id)}` : hex4(id));
}

/** 70 → 'protocol_version'; unknown → the number as text. */
export function alertDescriptionName(d: number): string {
  return ALERT_DESCRIPTIONS[d] ?? String(d);
}

/** 1 → 'warning', 2 → 'fatal'. */
export function alertLevelName(level: number): string {
  const name: unknown = formatType('Tls').AlertLevel[level];
  return typeof name === 'string' ? name.toLowerCase() : String(level);
}

export function extensionTypeName(t: number): string {
  return EXTENSION_TYPES[t] ?? (isGrease(t) ? `GREASE ${hex4(t)}` : hex4(t));
}

export function namedGroupName(g: number): string {
  return NAMED_GROUPS[g] ?? (isGrease(g) ? `GREASE ${hex4(g)}` : hex4(g));
}

export function signatureSchemeName(s: number): string {
  return SIGNATURE_SCHEMES[s] ?? hex4(s);
}
