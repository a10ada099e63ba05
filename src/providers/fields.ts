// Tolerant field access. The same field arrives as a number or bigint (ETL decoding) or as a string
// (text exports: decimal `2688`, hex `0xA80`, a value-map name `Remote Reset`, flag names `TLS1_2_CLIENT|TLS1_0_CLIENT`).
import type { FieldValue, Fields, TraceEvent } from '../decode/types.js';

/** A field by its manifest name; falls back to a case-insensitive match (tracerpt and older manifests vary case). */
export function field(fields: Fields, ...names: string[]): FieldValue | undefined {
  for (const name of names) {
    const v = fields[name];
    if (v !== undefined && v !== null) return v;
  }
  // Handlers ask for optional fields that most events lack: the case-insensitive pass allocates nothing.
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const k = lowerCase(key);
    for (const name of names) {
      if (lowerCase(name) !== k) continue;
      const v = fields[key];
      if (v !== undefined && v !== null) return v;
      break;
    }
  }
  return undefined;
}

/** Lower-case forms of field names (a trace has a few hundred distinct ones). */
const lowered = new Map<string, string>();

function lowerCase(name: string): string {
  let l = lowered.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (lowered.size < 16384) lowered.set(name, l);
  }
  return l;
}

/** Name → number table for value maps (`Remote Reset` → 3). Keys are compared case-insensitively. */
export type ValueNames = Readonly<Record<string, number>>;

function lookupName(text: string, names?: ValueNames): number | undefined {
  if (!names) return undefined;
  const t = text.trim().toLowerCase();
  for (const [k, v] of Object.entries(names)) if (k.toLowerCase() === t) return v;
  return undefined;
}

/**
 * Parses one value as an unsigned number: number, bigint, `160`, `0xA0`, `0x000000A0`, `-2146893018`,
 * `3 (Remote Reset)`, `Remote Reset` (with `names`). Undefined when nothing numeric is there.
 */
export function toNumber(v: FieldValue | undefined, names?: ValueNames): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === '') return undefined;
  const named = lookupName(s, names);
  if (named !== undefined) return named;
  let n: number | undefined;
  let m = /^(-?)0x([0-9a-f]+)\b/i.exec(s);
  if (m) n = (m[1] ? -1 : 1) * parseInt(m[2]!, 16);
  else if ((m = /^([-+]?\d+)\b/.exec(s))) n = parseInt(m[1]!, 10);
  // `Remote Reset (3)` style renderings.
  else if ((m = /\((?:0x([0-9a-f]+)|(\d+))\)\s*$/i.exec(s))) n = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

/** A numeric field (see `toNumber`). */
export function numberField(fields: Fields, name: string | string[], names?: ValueNames): number | undefined {
  if (typeof name === 'string') {
    // The common case (an ETL field decoded as an integer) without the general lookup.
    const v = fields[name];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
  }
  const list = Array.isArray(name) ? name : [name];
  return toNumber(field(fields, ...list), names);
}

/** A 32-bit code field (Win32 error, SECURITY_STATUS, HRESULT): negative renderings become their unsigned form. */
export function codeField(fields: Fields, name: string | string[], names?: ValueNames): number | undefined {
  const n = numberField(fields, name, names);
  return n === undefined ? undefined : toU32(n);
}

export function toU32(n: number): number {
  return n < 0 || n > 0xffffffff ? Number(BigInt.asUintN(32, BigInt(Math.trunc(n)))) : n;
}

/**
 * Parses a bit mask: a number, hex, decimal, or flag names joined by `|`, `,`, `+` or blanks
 * (`TLS1_2_CLIENT|TLS1_0_CLIENT`, `SP_PROT_TLS1_2_CLIENT`); numeric tokens may be mixed in.
 * Undefined when a token is neither a number nor a known flag name.
 */
export function toMask(v: FieldValue | undefined, flags: ValueNames, prefixes: readonly string[] = []): number | undefined {
  if (typeof v !== 'string') {
    const n = toNumber(v);
    return n === undefined ? undefined : toU32(n);
  }
  return parseMaskText(v, flags, prefixes) ?? (() => {
    const n = toNumber(v);
    return n === undefined ? undefined : toU32(n);
  })();
}

function parseMaskText(text: string, flags: ValueNames, prefixes: readonly string[]): number | undefined {
  const tokens = text.split(/[|,+\s]+/).filter((t) => t !== '');
  if (tokens.length === 0) return undefined;
  let mask = 0;
  for (const raw of tokens) {
    let token = raw.trim();
    if (/^(0x[0-9a-f]+|\d+)$/i.test(token)) {
      mask = (mask | toNumber(token)!) >>> 0;
      continue;
    }
    for (const p of prefixes) if (token.toUpperCase().startsWith(p.toUpperCase())) token = token.slice(p.length);
    const bit = lookupName(token, flags);
    if (bit === undefined) return undefined;
    mask = (mask | bit) >>> 0;
  }
  return mask;
}

export function maskField(fields: Fields, name: string, flags: ValueNames, prefixes: readonly string[] = []): number | undefined {
  return toMask(field(fields, name), flags, prefixes);
}

/** A text field; numbers are rendered in decimal. Empty strings count as absent. */
export function stringField(fields: Fields, ...names: string[]): string | undefined {
  const v = field(fields, ...names);
  if (v === undefined) return undefined;
  if (typeof v === 'string') {
    const s = v.replace(/\0+$/, '').trim();
    return s === '' ? undefined : s;
  }
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Pointers and handles, normalised to `0x` + upper-case hex without leading zeros, so events can be joined. */
export function toPointer(v: FieldValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  // ETL pointer fields are decoded in this very form already.
  if (typeof v === 'string' && isCanonicalPointer(v)) return v;
  let n: bigint | undefined;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number' && Number.isFinite(v)) n = BigInt(Math.trunc(v));
  else if (typeof v === 'string') {
    const s = v.trim();
    const m = /^(?:0x)?([0-9a-f]+)$/i.exec(s);
    if (m && (/^0x/i.test(s) || /[a-f]/i.test(m[1]!) || /^0\d/.test(s))) n = BigInt('0x' + m[1]);
    else if (/^\d+$/.test(s)) n = BigInt(s);
  }
  if (n === undefined) return undefined;
  if (n < 0n) n = BigInt.asUintN(64, n);
  return '0x' + n.toString(16).toUpperCase();
}

/** `0x` + upper-case hex digits without a leading zero (or `0x0`): what toPointer() returns. */
function isCanonicalPointer(s: string): boolean {
  const n = s.length;
  if (n < 3 || n > 18 || s.charCodeAt(0) !== 0x30 || s.charCodeAt(1) !== 0x78) return false;
  if (s.charCodeAt(2) === 0x30) return n === 3;
  for (let i = 2; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46))) return false;
  }
  return true;
}

export function pointerField(fields: Fields, ...names: string[]): string | undefined {
  return toPointer(field(fields, ...names));
}

/** Raw bytes of a binary field: Uint8Array as is, or hex text (`0x0008…`, `00 08 …`) as TDH renders binary. */
export function bytesField(fields: Fields, ...names: string[]): Uint8Array | undefined {
  const direct = names.length === 1 ? fields[names[0]!] : undefined;
  if (direct instanceof Uint8Array) return direct;
  const v = field(fields, ...names);
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') {
    const hex = v.trim().replace(/^0x/i, '').replace(/[\s-]/g, '');
    if (hex.length > 0 && hex.length % 2 === 0 && /^[0-9a-f]+$/i.test(hex)) {
      const out = new Uint8Array(hex.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
      return out;
    }
  }
  return undefined;
}

/**
 * The first group of `re` in an event's rendered message: for event-log exports (Event Viewer XML), whose
 * messages carry values that no field holds.
 */
export function fromMessage(ev: { message?: string }, re: RegExp): string | undefined {
  return re.exec(ev.message ?? '')?.[1];
}
