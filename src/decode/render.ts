// Text forms of decoded values: one cell (CSV/JSON) and netsh-style message rendering from %n templates.
import type { FieldValue, Fields } from './types.js';
import { InType, OutType, type EventSchema, type FieldSchema, type MapSchema, type MapTable } from './schema.js';
import { toHex } from '../common/format.js';
import { hex8Upper } from './values.js';

function jsonish(v: FieldValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return JSON.stringify(toHex(v));
  if (Array.isArray(v)) return '[' + v.map(jsonish).join(',') + ']';
  return '{' + Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${jsonish(x)}`).join(',') + '}';
}

/** One value as text: bigint → decimal, bytes → lower-case hex, arrays/objects → JSON (bigints as numbers). */
export function formatFieldValue(v: FieldValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return toHex(v);
  return jsonish(v);
}

function hexPadded(v: number | bigint, digits: number): string {
  if (typeof v === 'number' && digits === 8) return '0x' + hex8Upper(v >>> 0);
  const text = typeof v === 'bigint' ? BigInt.asUintN(64, v).toString(16) : BigInt(v >>> 0).toString(16);
  return '0x' + text.toUpperCase().padStart(digits, '0');
}

function mapText(value: number, map: MapSchema): string | undefined {
  if (!map.bitmap) {
    const hit = map.entries.find(([v]) => v === value);
    return hit?.[1];
  }
  const names = map.entries.filter(([bit]) => bit !== 0 && ((value & bit) >>> 0) === bit).map(([, n]) => n);
  if (names.length === 0 && value === 0) return map.entries.find(([v]) => v === 0)?.[1];
  return names.length ? names.join('|') : undefined;
}

/** A value as a message shows it (netsh): hex for hex types, `value(Name)` for mapped values. */
export function messageValue(v: FieldValue, f: FieldSchema | undefined, maps?: MapTable): string {
  // Strings (pointers, names, addresses) are most of the inserts: answered before the other tests.
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => messageValue(x, f, maps)).join(', ');
  if (v instanceof Uint8Array) return v.length ? '0x' + toHex(v).toUpperCase() : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return formatFieldValue(v);
  const out = f?.outType ?? 0;
  const inType = f?.inType ?? 0;
  // EnabledProtocols (WebIO 728-730, every version) shows as the plain decimal mask, as netsh prints it.
  if (f?.name === 'EnabledProtocols') return String(v);
  if (f?.map && maps && typeof v === 'number') {
    const m = maps.get(f.map);
    const name = m ? mapText(v, m) : undefined;
    if (name !== undefined) return `${v}(${name})`;
  }
  if (inType === InType.HexInt32 || out === OutType.HexInt32 || out === OutType.NtStatus || out === OutType.HResult) {
    return hexPadded(v, 8);
  }
  if (inType === InType.HexInt64 || out === OutType.HexInt64) return hexPadded(v, 16);
  if (out === OutType.HexInt8) return hexPadded(v, 2);
  if (out === OutType.HexInt16) return hexPadded(v, 4);
  return String(v);
}

/** Applies a printf-style spec from `%n!spec!` to a number; other values keep their message form. */
function withSpec(v: FieldValue, spec: string, fallback: string): string {
  const m = /^([-+ #0]*)(\d*)(?:\.(\d+))?(?:hh|h|ll|l|I64|I32|I|w|z)?([diuxXscSoCpe])$/.exec(spec);
  if (!m) return fallback;
  const [, flags = '', widthText = '', , conv] = m;
  let n: bigint | undefined;
  if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'bigint') n = v;
  else if (typeof v === 'boolean') n = v ? 1n : 0n;
  else if (typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v)) n = BigInt(v);
  let s: string;
  switch (conv) {
    case 'd':
    case 'i':
      s = n !== undefined ? n.toString() : fallback;
      break;
    case 'u':
      s = n !== undefined ? (n < 0n ? BigInt.asUintN(64, n) : n).toString() : fallback;
      break;
    case 'x':
    case 'X':
    case 'p': {
      if (n === undefined) return fallback;
      const u = n < 0n ? BigInt.asUintN(typeof v === 'number' ? 32 : 64, n) : n;
      s = u.toString(16);
      if (conv !== 'x') s = s.toUpperCase();
      if (flags.includes('#')) s = (conv === 'X' ? '0X' : '0x') + s;
      break;
    }
    case 'o':
      s = n !== undefined ? n.toString(8) : fallback;
      break;
    case 'c':
    case 'C':
      s = n !== undefined ? String.fromCharCode(Number(n)) : fallback;
      break;
    default:
      s = fallback;
  }
  const width = widthText ? Number(widthText) : 0;
  if (s.length < width) {
    if (flags.includes('-')) s = s.padEnd(width, ' ');
    else if (flags.includes('0') && conv !== 's' && conv !== 'S') {
      const neg = s.startsWith('-');
      s = (neg ? '-' : '') + s.slice(neg ? 1 : 0).padStart(width - (neg ? 1 : 0), '0');
    } else s = s.padStart(width, ' ');
  }
  return s;
}

/** A template split once into literal text and inserts. */
type Part = string | { index: number; raw: string; spec?: string };
type Compiled = { parts: Part[] };

function compile(template: string): Compiled {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    if (ch !== '%' || i + 1 >= template.length) {
      text += ch;
      continue;
    }
    const next = template[i + 1]!;
    if (next >= '1' && next <= '9') {
      let j = i + 1;
      while (j < template.length && j < i + 3 && template[j]! >= '0' && template[j]! <= '9') j++;
      const index = Number(template.slice(i + 1, j));
      let spec: string | undefined;
      if (template[j] === '!') {
        const close = template.indexOf('!', j + 1);
        if (close > j) {
          spec = template.slice(j + 1, close);
          j = close + 1;
        }
      }
      if (text) parts.push(text);
      text = '';
      parts.push(spec === undefined ? { index, raw: template.slice(i, j) } : { index, raw: template.slice(i, j), spec });
      i = j - 1;
      continue;
    }
    i++;
    if (next === '0') break;
    text += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === 'b' ? ' ' : next; // %% %. %! → itself
  }
  if (text) parts.push(text);
  return { parts };
}

const compiled = new Map<string, Compiled>();

/**
 * Renders a message template the way netsh/tracerpt do: `%1` … `%99` insert the top-level fields in
 * schema order (with an optional `!printf-spec!`), `%n` is a newline, `%t` a tab, `%r` a carriage return,
 * `%b` a space, `%%` `%.` `%!` the character itself, `%0` ends the message. Inserts beyond the field list
 * stay as written. Trailing white space is trimmed.
 */
export function renderMessage(template: string, schema: EventSchema, fields: Fields, maps?: MapTable): string {
  return renderMessagePieces(template, schema, fields, maps).join('');
}

/**
 * The pieces renderMessage() joins: literal text and inserted values in order, trailing white space already
 * trimmed. A writer can copy them out one by one instead of making the message string first.
 */
export function renderMessagePieces(template: string, schema: EventSchema, fields: Fields, maps?: MapTable): string[] {
  let c = compiled.get(template);
  if (!c) {
    c = compile(template);
    if (compiled.size > 10000) compiled.clear();
    compiled.set(template, c);
  }
  const top = schema.fields;
  const out: string[] = [];
  for (const p of c.parts) {
    if (typeof p === 'string') {
      out.push(p);
      continue;
    }
    const f = top[p.index - 1];
    if (!f || !(f.name in fields)) {
      out.push(p.raw);
      continue;
    }
    const v = fields[f.name]!;
    const plain = messageValue(v, f, maps);
    out.push(p.spec ? withSpec(v, p.spec, plain) : plain);
  }
  trimEndPieces(out);
  return out;
}

/** What trimEnd() removes (\s is the same WhiteSpace + LineTerminator set). */
const SPACE = /\s/;

/** Removes the white space that trimEnd() would remove from the pieces joined. */
function trimEndPieces(pieces: string[]): void {
  while (pieces.length > 0) {
    const last = pieces[pieces.length - 1]!;
    // Most messages end in a non-space character: one test, no new string.
    if (last !== '' && !SPACE.test(last[last.length - 1]!)) return;
    const trimmed = last.trimEnd();
    if (trimmed !== '') {
      pieces[pieces.length - 1] = trimmed;
      return;
    }
    pieces.pop();
  }
}
