// Rendered values back to typed values, by the field's manifest in-type. What TDH prints: decimal integers,
// `0x…` for hex/pointer types, `3(Remote Reset)` / `3 (Remote Reset)` for value maps, flag names for bitmaps.
// Pointers and socket addresses stay text (the providers layer normalises them); masks become numbers.
import type { FieldValue } from '../../decode/types.js';
import { parseProtocolMask } from '../protocol-mask.js';
import { mapValue } from './value-maps.js';
import type { MapSchema } from '../../decode/schema.js';

/** A rendered map name (`Remote Reset`, `Tx`, `A|B` for bitmaps) back to its number; undefined if not a name of the map. */
function unmap(text: string, map: MapSchema): number | undefined {
  const find = (name: string) => map.entries.find(([, n]) => n.toLowerCase() === name.trim().toLowerCase())?.[0];
  if (!map.bitmap) return find(text);
  let mask = 0;
  for (const part of text.split(/\s*[|,]\s*/)) {
    const v = find(part);
    if (v === undefined) return undefined;
    mask = (mask | v) >>> 0;
  }
  return mask;
}

const SMALL_INT = new Set(['UInt8', 'Int8', 'UInt16', 'Int16', 'UInt32', 'Int32', 'HexInt32', 'Boolean']);
const BIG_INT = new Set(['UInt64', 'Int64', 'HexInt64']);
/** Fields holding SP_PROT_* masks, whatever the provider. */
const MASK_FIELDS = new Set(['EnabledProtocols', 'SecureProtocols', 'DefaultSecureProtocols', 'Protocols', 'SupportedProtocols']);

function leadingInteger(s: string): string | undefined {
  const m = /^(-?0x[0-9a-f]+|-?\d+)(?:\s*\(.*\))?$/i.exec(s);
  return m?.[1];
}

export function convertValue(name: string, inType: string | undefined, text: string, provider?: string, map?: MapSchema): FieldValue {
  const mapped = (map && !/^(-?0x[0-9a-f]+|-?\d+)/i.test(text.trim()) ? unmap(text, map) : undefined) ?? mapValue(provider, name, text);
  if (mapped !== undefined) return mapped;
  if (MASK_FIELDS.has(name)) {
    const mask = parseProtocolMask(text);
    return mask ?? text;
  }
  if (!inType) return text;
  if (inType === 'Boolean') {
    if (/^(true|yes)$/i.test(text)) return true;
    if (/^(false|no)$/i.test(text)) return false;
  }
  if (SMALL_INT.has(inType)) {
    const n = leadingInteger(text);
    if (n === undefined) return text;
    const neg = n.startsWith('-');
    const v = /0x/i.test(n) ? parseInt(n.replace(/^-?0x/i, ''), 16) * (neg ? -1 : 1) : Number(n);
    return Number.isSafeInteger(v) ? v : text;
  }
  if (inType === 'Pointer' || inType === 'SizeT') {
    // The decoder's pointer form: `0x` + upper-case hex without padding, so text and ETL keys compare equal.
    const m = /^0x0*([0-9a-f]+)$/i.exec(text);
    return m ? `0x${m[1]!.toUpperCase()}` : text;
  }
  if (BIG_INT.has(inType)) {
    const n = leadingInteger(text);
    if (n === undefined) return text;
    try {
      return n.startsWith('-') ? -BigInt(n.slice(1)) : BigInt(n);
    } catch {
      return text;
    }
  }
  return text;
}
