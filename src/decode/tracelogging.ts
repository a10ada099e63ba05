// TraceLogging: turns the event metadata of extended item 0x0B (grammar in formats/tracelogging.ksy) into an
// EventSchema, and reads the provider name from item 0x0C. TraceLogging types are mapped to the TDH type with
// the same byte layout, so payloads are read by the same code as manifest events.
import { ksyEnum, loadFormat, parseWith } from '../formats/load.js';
import { InType, OutType, type EventSchema, type FieldSchema } from './schema.js';

interface KsyFieldMeta {
  name: string;
  inType: number;
  countMode: number;
  outType: number;
  valueCount?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let cls: any;
function format() {
  cls ??= loadFormat('Tracelogging');
  return cls;
}

/** TraceLogging in-types, count modes and out-types (formats/tracelogging.ksy), numbered unlike TDH out-types. */
const TlInType = ksyEnum('Tracelogging', 'InType');
const TlCountMode = ksyEnum('Tracelogging', 'CountMode');
const TlOutType = ksyEnum('Tracelogging', 'OutType');

const TL_STRUCT = TlInType.STRUCT;
const TL_BINARY = TlInType.BINARY;

/** TraceLogging out-type → TDH out-type (only the ones that change a value's form). */
function tdhOutType(tlOut: number, inType: number): number {
  switch (tlOut) {
    case TlOutType.STRING:
      return OutType.String;
    case TlOutType.BOOLEAN:
      return OutType.Boolean;
    case TlOutType.HEX: // width from the in-type
      if (inType === InType.Int8 || inType === InType.UInt8) return OutType.HexInt8;
      if (inType === InType.Int16 || inType === InType.UInt16) return OutType.HexInt16;
      if (inType === InType.Int64 || inType === InType.UInt64) return OutType.HexInt64;
      return OutType.HexInt32;
    case TlOutType.PID:
      return OutType.Pid;
    case TlOutType.TID:
      return OutType.Tid;
    case TlOutType.PORT:
      return OutType.Port;
    case TlOutType.IPV4:
      return OutType.Ipv4;
    case TlOutType.IPV6:
      return OutType.Ipv6;
    case TlOutType.SOCKETADDRESS:
      return OutType.SocketAddress;
    case TlOutType.XML:
      return OutType.Xml;
    case TlOutType.JSON:
      return OutType.Json;
    case TlOutType.WIN32ERROR:
      return OutType.Win32Error;
    case TlOutType.NTSTATUS:
      return OutType.NtStatus;
    case TlOutType.HRESULT:
      return OutType.HResult;
    case TlOutType.FILETIME:
      return OutType.DateTime;
    default: // from UTF8 on, TraceLogging out-types carry the TDH numbers
      return tlOut >= TlOutType.UTF8 ? tlOut : OutType.Null;
  }
}

function buildFields(list: KsyFieldMeta[], start: number, n: number): [FieldSchema[], number] {
  const out: FieldSchema[] = [];
  let i = start;
  while (out.length < n && i < list.length) {
    const m = list[i++]!;
    const f: FieldSchema = { name: m.name, inType: m.inType };
    if (m.inType === TL_STRUCT) {
      const [members, next] = buildFields(list, i, m.outType);
      f.inType = InType.Null;
      f.members = members;
      i = next;
    } else if (m.countMode === TlCountMode.CUSTOM) {
      // Custom type: u16 byte count + opaque bytes.
      f.inType = InType.CountedBinary;
    } else {
      if (m.inType === TL_BINARY) f.inType = InType.CountedBinary; // u16 byte count + bytes
      const out = tdhOutType(m.outType, f.inType);
      // 64-bit integers marked FILETIME are FILETIMEs.
      if (out === OutType.DateTime && (f.inType === InType.Int64 || f.inType === InType.UInt64)) f.inType = InType.FileTime;
      else if (out) f.outType = out;
    }
    if (m.countMode === TlCountMode.CONSTANT_COUNT) {
      f.count = m.valueCount ?? 0;
      f.array = true;
    } else if (m.countMode === TlCountMode.VARIABLE_COUNT) {
      f.countPrefix = true;
      f.array = true;
    }
    out.push(f);
  }
  return [out, i];
}

const cache = new Map<string, EventSchema>();
const CACHE_LIMIT = 4096;

/** Schema of a TraceLogging event from its ext 0x0B data; throws on malformed metadata. */
export function traceLoggingSchema(meta: Uint8Array): EventSchema {
  const key = Buffer.from(meta.buffer, meta.byteOffset, meta.byteLength).toString('latin1');
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parseWith(format(), meta).eventMeta;
  const list: KsyFieldMeta[] = parsed.body.fields;
  const [fields, used] = buildFields(list, 0, Number.MAX_SAFE_INTEGER);
  if (used !== list.length) throw new Error('TraceLogging metadata: struct member count runs past the field list');
  const schema: EventSchema = { fields, name: parsed.body.name };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, schema);
  return schema;
}

const traitsCache = new Map<string, string>();

/** Provider name from ext 0x0C data; throws on malformed traits. */
export function traceLoggingProviderName(traits: Uint8Array): string {
  const key = Buffer.from(traits.buffer, traits.byteOffset, traits.byteLength).toString('latin1');
  let name = traitsCache.get(key);
  if (name === undefined) {
    name = parseWith(format(), traits).providerTraits.name as string;
    if (traitsCache.size >= CACHE_LIMIT) traitsCache.clear();
    traitsCache.set(key, name);
  }
  return name;
}
