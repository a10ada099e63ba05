// Lays out an event's user data exactly as its manifest template says: fields packed in template order, no padding.
import { guidBytes } from '../../src/common/format.js';
import { ByteWriter } from './bytes.js';
import { EVENT_SCHEMAS } from './manifest-events.js';
import type { EventSchema, FieldSpec } from './schema-types.js';

export type FieldValue = number | bigint | string | boolean | Uint8Array;
export type FieldValues = Record<string, FieldValue>;

const byKey = new Map<string, EventSchema>();
for (const s of EVENT_SCHEMAS) byKey.set(`${s.provider}/${s.id}/${s.version}`, s);

/** The manifest template of (provider, id, version); throws for one the table lacks. */
export function schemaOf(provider: string, id: number, version = 0): EventSchema {
  const s = byKey.get(`${provider}/${id}/${version}`);
  if (!s) throw new Error(`no manifest template for ${provider} event ${id} v${version}`);
  return s;
}

/** Names of fields that hold the length of a later field; filled in automatically when not given. */
function lengthOwners(fields: readonly FieldSpec[]): Map<string, FieldSpec> {
  const m = new Map<string, FieldSpec>();
  for (const f of fields) if (f.length) m.set(f.length, f);
  return m;
}

function measured(f: FieldSpec, v: FieldValue | undefined): number {
  if (v === undefined) throw new Error(`field ${f.name} needs a value to measure`);
  if (f.type === 'Binary') return (v as Uint8Array).length;
  // Counted strings: the count is in characters, with no terminating NUL stored.
  return String(v).length;
}

/**
 * Encodes `values` (keyed by field name) per the template. Every field must be given except length fields,
 * which are derived from the field they measure. `omitAfter` drops the trailing fields after the named one
 * (older Windows builds log a shorter version 0 template, e.g. NDIS 1001 without the Gft fields).
 */
export function encodePayload(
  schema: EventSchema,
  values: FieldValues,
  pointerSize: 4 | 8 = 8,
  omitAfter?: string,
): Uint8Array {
  const w = new ByteWriter(128);
  const owners = lengthOwners(schema.fields);
  for (const f of schema.fields) {
    let v = values[f.name];
    const owned = owners.get(f.name);
    if (v === undefined && owned) v = measured(owned, values[owned.name]);
    if (v === undefined) throw new Error(`${schema.provider} ${schema.id} v${schema.version}: missing field ${f.name}`);
    writeField(w, f, v, pointerSize);
    if (omitAfter === f.name) break;
  }
  for (const k of Object.keys(values)) {
    if (!schema.fields.some((f) => f.name === k)) {
      throw new Error(`${schema.provider} ${schema.id} v${schema.version}: unknown field ${k}`);
    }
  }
  return w.finish();
}

function num(v: FieldValue): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw new Error(`expected a number, got ${typeof v}`);
}

function big(v: FieldValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new Error(`expected an integer, got ${typeof v}`);
}

function writeField(w: ByteWriter, f: FieldSpec, v: FieldValue, pointerSize: 4 | 8): void {
  switch (f.type) {
    case 'UnicodeString':
      w.utf16(String(v), !f.length);
      return;
    case 'AnsiString':
      w.ansi(String(v), !f.length);
      return;
    case 'Int8':
    case 'UInt8':
      w.u8(num(v));
      return;
    case 'Int16':
    case 'UInt16':
      w.u16(num(v));
      return;
    case 'Int32':
    case 'UInt32':
    case 'HexInt32':
      w.u32(num(v));
      return;
    case 'Boolean':
      w.u32(num(v));
      return;
    case 'Int64':
    case 'UInt64':
    case 'HexInt64':
    case 'FILETIME':
      w.u64(big(v));
      return;
    case 'Pointer':
    case 'SizeT':
      if (pointerSize === 8) w.u64(big(v));
      else w.u32(Number(big(v) & 0xffffffffn));
      return;
    case 'Double':
      w.f64(num(v));
      return;
    case 'GUID':
      w.bytes(guidBytes(String(v)));
      return;
    case 'Binary':
      if (!(v instanceof Uint8Array)) throw new Error(`field ${f.name} needs bytes`);
      w.bytes(v);
      return;
    default:
      throw new Error(`in-type ${f.type} of ${f.name} is not supported by the generator`);
  }
}
