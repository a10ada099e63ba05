// SP_PROT_* / WINHTTP_FLAG_SECURE_PROTOCOL_* masks as text exports render them: decimal `2688`, hex `0xA80` /
// `0x00000A80`, or flag names joined by `|`, `,` or spaces (`SP_PROT_TLS1_2_CLIENT|SP_PROT_TLS1_CLIENT`,
// `TLS1_2_CLIENT`, `WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2`). The WebIO manifest bitmap names TLS 1.0 `TLS1_*`.
import { SP_PROTOCOL_BITS } from '../decode/protocols.js';

const NAMES = new Map<string, number>();
for (const [bit, name] of SP_PROTOCOL_BITS) NAMES.set(name, bit);
NAMES.set('TLS1_SERVER', 0x40);
NAMES.set('TLS1_CLIENT', 0x80);
/** WINHTTP_FLAG_SECURE_PROTOCOL_* (winhttp.h): the client bits of the same SP_PROT_* values. */
const WINHTTP_FLAG_NAMES: Record<string, number> = { SSL2: 0x8, SSL3: 0x20, TLS1: 0x80, TLS1_1: 0x200, TLS1_2: 0x800, TLS1_3: 0x2000, ALL: 0xa8 };

function nameValue(token: string): number | undefined {
  const t = token.toUpperCase();
  const bare = t.replace(/^SP_PROT_/, '').replace(/^WINHTTP_FLAG_SECURE_PROTOCOL_/, '');
  return NAMES.get(bare) ?? (t.startsWith('WINHTTP_FLAG_SECURE_PROTOCOL_') || !NAMES.has(bare) ? WINHTTP_FLAG_NAMES[bare] : undefined);
}

/** The numeric mask of a rendered protocol mask, or undefined when the text is not one. */
export function parseProtocolMask(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s) >>> 0;
  if (/^0x[0-9a-f]+$/i.test(s)) return parseInt(s.slice(2), 16) >>> 0;
  // `2688 (SP_PROT_…)` / `0xA80 (…)`: the number is authoritative.
  const lead = /^(0x[0-9a-f]+|\d+)\s*[(\[]/i.exec(s);
  if (lead) return parseProtocolMask(lead[1]!);
  const tokens = s.split(/[|,\s+]+/).filter(Boolean);
  if (tokens.length === 0) return undefined;
  let mask = 0;
  for (const tok of tokens) {
    const v = nameValue(tok) ?? (/^0x[0-9a-f]+$/i.test(tok) ? parseInt(tok.slice(2), 16) : undefined);
    if (v === undefined) return undefined;
    mask = (mask | v) >>> 0;
  }
  return mask;
}
