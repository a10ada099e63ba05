// SP_PROT_* masks (WebIO EnabledProtocols, DefaultSecureProtocols, WINHTTP secure-protocol flags) in words.
import { SP_PROT_CLIENT_VERSIONS, SP_PROT_FLAGS } from './tables.js';

/** Client protocol versions enabled in an SP_PROT_* mask, oldest first: 0xA0 → ['SSL 3.0', 'TLS 1.0']. */
export function spMaskToVersions(mask: number): string[] {
  const m = mask >>> 0;
  return SP_PROT_CLIENT_VERSIONS.filter(([bit]) => (m & bit) !== 0).map(([, name]) => name);
}

/** Flag names of every set bit (`TLS1_2_CLIENT|TLS1_0_CLIENT` style); unknown bits as hex. */
export function spMaskNames(mask: number): string[] {
  const out: string[] = [];
  let rest = mask >>> 0;
  const seen = new Set<number>();
  for (const [name, bit] of Object.entries(SP_PROT_FLAGS)) {
    if (seen.has(bit)) continue;
    seen.add(bit);
    if ((rest & bit) !== 0) {
      out.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) out.push('0x' + rest.toString(16).toUpperCase());
  return out;
}
