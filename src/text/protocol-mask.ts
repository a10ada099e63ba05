// SP_PROT_* / WINHTTP_FLAG_SECURE_PROTOCOL_* masks as text exports render them: decimal `2688`, hex `0xA80` /
// `0x00000A80`, or flag names joined by `|`, `,` or spaces (`SP_PROT_TLS1_2_CLIENT|SP_PROT_TLS1_CLIENT`,
// `TLS1_2_CLIENT`, `WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2`).
import { spProtocolBit } from '../windows/sp-prot.js';

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
    const v = spProtocolBit(tok) ?? (/^0x[0-9a-f]+$/i.test(tok) ? parseInt(tok.slice(2), 16) : undefined);
    if (v === undefined) return undefined;
    mask = (mask | v) >>> 0;
  }
  return mask;
}
