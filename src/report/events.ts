// `tracedoctor events`: decoded events in time order as JSON Lines or CSV, streamed with back-pressure.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EtlFile, RawEvent, RecordFilter } from '../etl/index.js';
import type { FieldValue, Fields, TraceEvent } from '../decode/types.js';
import { DecodedEvent, EVENT_METADATA_GUID, type EventSchema } from '../decode/index.js';
import { JsonBytes } from './json-bytes.js';
import { filetimeToIso } from '../common/time.js';
import { normalizeGuid, toHex } from '../common/format.js';
import { CsvWriter } from './csv.js';

/** What the events output needs of the decoder (src/decode EventDecoder). */
export interface EventDecoderLike {
  decode(raw: RawEvent): TraceEvent;
  providerName(guid: string): string | undefined;
  /** Registers embedded-schema records without decoding anything else (EventDecoder.prepare). */
  prepare?(events: Iterable<RawEvent>): number;
}

export const EVENT_COLUMNS = [
  'time', 'provider', 'provider_guid', 'id', 'version', 'opcode', 'task', 'level', 'keyword', 'pid', 'tid', 'cpu',
  'fields', 'payload_hex', 'message',
] as const;

export interface EventSelection {
  /** Provider names (case-insensitive) or GUIDs; empty = all. */
  providers: string[];
  /** Event ids; empty = all. */
  ids: number[];
}

const GUID_RE = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/**
 * The GUID Windows derives from a provider name for EventSource and TraceLogging providers: SHA-1 over a fixed
 * namespace and the upper-cased name in UTF-16BE, first 16 bytes, version nibble 5.
 */
export function providerNameGuid(name: string): string {
  const ns = Buffer.from('482c2db2c39047c887f81a15bfc130fb', 'hex');
  const utf16be = Buffer.from(name.toUpperCase(), 'utf16le').swap16();
  const h = createHash('sha1').update(Buffer.concat([ns, utf16be])).digest();
  h[7] = (h[7]! & 0x0f) | 0x50;
  const x = (i: number) => h[i]!.toString(16).padStart(2, '0');
  return `${x(3)}${x(2)}${x(1)}${x(0)}-${x(5)}${x(4)}-${x(7)}${x(6)}-${x(8)}${x(9)}-${x(10)}${x(11)}${x(12)}${x(13)}${x(14)}${x(15)}`;
}

/** The cheap pre-decode filter for a selection (undefined = everything). */
export function selectionFilter(sel: EventSelection, decoder: EventDecoderLike): RecordFilter | undefined {
  if (sel.providers.length === 0) return undefined;
  const guids = new Set<string>();
  const names = new Set<string>();
  for (const p of sel.providers) {
    if (GUID_RE.test(p)) guids.add(normalizeGuid(p));
    else {
      names.add(p.toLowerCase());
      guids.add(providerNameGuid(p));
    }
  }
  const verdict = new Map<string, boolean>();
  return (_kind, guid) => {
    let ok = verdict.get(guid);
    if (ok === undefined) {
      const name = decoder.providerName(guid);
      ok = guids.has(guid) || (name !== undefined && names.has(name.toLowerCase()));
      // A name can become known only after the first events of a provider were decoded: cache positive answers only.
      if (ok) verdict.set(guid, ok);
    }
    return ok;
  };
}

/** Decodes one record; a decoder failure keeps the event with its payload as hex instead of losing it. */
export function decodeOrKeep(decoder: EventDecoderLike, raw: RawEvent, file: string): TraceEvent {
  try {
    return decoder.decode(raw);
  } catch {
    return {
      time: raw.time, cpu: raw.cpu, pid: raw.pid, tid: raw.tid, providerGuid: raw.providerGuid,
      provider: decoder.providerName(raw.providerGuid) ?? raw.providerGuid, id: raw.id, version: raw.version,
      opcode: raw.opcode, task: raw.task, level: raw.level, keyword: raw.keyword, headerKind: raw.headerKind,
      pointerSize: raw.pointerSize, fields: {}, decodedBy: 'none', payload: raw.payload,
      source: { file, offset: raw.bufferOffset },
    };
  }
}

// Per-event formatting is the hot path of `events`: keywords and field names repeat, and consecutive events
// mostly fall in the same second, so those strings are built once and reused.
const keywordCache = new Map<bigint, string>();
function keywordHex(k: bigint): string {
  let s = keywordCache.get(k);
  if (s === undefined) {
    s = '0x' + BigInt.asUintN(64, k).toString(16).toUpperCase().padStart(16, '0');
    if (keywordCache.size < 4096) keywordCache.set(k, s);
  }
  return s;
}

/** The second [cachedStart, cachedEnd) last rendered, and its `yyyy-mm-ddThh:mm:ss.` text (also as `"`-led bytes). */
let cachedStart = -1n;
let cachedEnd = -1n;
let cachedPrefix = '';
let cachedQuotedPrefix: Uint8Array = new Uint8Array(0);

/** Makes `ft`'s second the cached one; false when its text is not `…:ss.fffffffZ` (before 1601, past 9999). */
function cacheSecondOf(ft: bigint): boolean {
  // Comparisons allocate nothing: only an event in another second pays for the BigInt division.
  if (ft >= cachedStart && ft < cachedEnd) return true;
  if (ft < 0n) return false;
  const start = (ft / 10_000_000n) * 10_000_000n;
  const whole = filetimeToIso(start);
  if (!whole.endsWith('.0000000Z')) return false;
  cachedStart = start;
  cachedEnd = start + 10_000_000n;
  cachedPrefix = whole.slice(0, -8);
  cachedQuotedPrefix = Buffer.from('"' + cachedPrefix, 'latin1');
  return true;
}

/** Same text as filetimeToIso (7 fractional digits), with the date-and-second part reused within a second. */
export function isoTime(ft: bigint): string {
  if (!cacheSecondOf(ft)) return filetimeToIso(ft);
  return cachedPrefix + String(Number(ft - cachedStart)).padStart(7, '0') + 'Z';
}

const keyCache = new Map<string, string>();
function jsonKey(k: string): string {
  let s = keyCache.get(k);
  if (s === undefined) {
    s = JSON.stringify(k) + ':';
    if (keyCache.size < 65536) keyCache.set(k, s);
  }
  return s;
}

/** JSON text of a field value: bigints as decimal strings, bytes as hex strings. */
export function jsonValue(v: FieldValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
    case 'bigint':
      return `"${v}"`;
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (v instanceof Uint8Array) return `"${toHex(v)}"`;
  if (Array.isArray(v)) return '[' + v.map(jsonValue).join(',') + ']';
  let out = '{';
  let first = true;
  for (const k in v) {
    out += (first ? '' : ',') + jsonKey(k) + jsonValue(v[k]!);
    first = false;
  }
  return out + '}';
}

const idOrNull = (n: number): string => (n < 0 ? 'null' : String(n));

interface DescriptorText {
  providerGuid: string;
  provider: string;
  id: number;
  version: number;
  opcode: number;
  level: number;
  task: number;
  keyword: bigint;
  text: string;
  /** `,` + text in UTF-8. */
  bytes: Uint8Array;
}

/** Per provider GUID, per (id, version, opcode, level): the JSON of the event's descriptor, from `"provider"` to `"keyword"`. */
const descriptorCache = new Map<string, Map<number, DescriptorText>>();

/** The descriptor JSON of `ev`: events of one kind repeat it, so it is built once per kind. */
function descriptorOf(ev: TraceEvent): DescriptorText {
  let byKind = descriptorCache.get(ev.providerGuid);
  if (byKind === undefined) {
    if (descriptorCache.size >= 4096) descriptorCache.clear();
    descriptorCache.set(ev.providerGuid, (byKind = new Map()));
  }
  const kind = ((ev.id * 256 + ev.version) * 256 + ev.opcode) * 256 + ev.level;
  const hit = byKind.get(kind);
  if (hit !== undefined && hit.provider === ev.provider && hit.task === ev.task && hit.keyword === ev.keyword) return hit;
  const text =
    `"provider":${JSON.stringify(ev.provider)},"provider_guid":${JSON.stringify(ev.providerGuid)}` +
    `,"id":${ev.id},"version":${ev.version},"opcode":${ev.opcode},"task":${ev.task},"level":${ev.level}` +
    `,"keyword":"${keywordHex(ev.keyword)}"`;
  const entry: DescriptorText = {
    providerGuid: ev.providerGuid, provider: ev.provider, id: ev.id, version: ev.version, opcode: ev.opcode, level: ev.level,
    task: ev.task, keyword: ev.keyword, text, bytes: Buffer.from(',' + text, 'utf8'),
  };
  if (byKind.size < 4096) byKind.set(kind, entry);
  return entry;
}

/** One JSON Lines record (without the newline). */
export function eventJsonLine(ev: TraceEvent): string {
  let s =
    `{"time":${ev.time > 0n ? `"${isoTime(ev.time)}"` : 'null'},${descriptorOf(ev).text}` +
    `,"pid":${idOrNull(ev.pid)},"tid":${idOrNull(ev.tid)},"cpu":${ev.cpu}` +
    `,"fields":${jsonValue(ev.fields)}`;
  if (ev.payload !== undefined) s += `,"payload_hex":"${toHex(ev.payload)}"`;
  if (ev.message !== undefined) s += `,"message":${JSON.stringify(ev.message)}`;
  return s + '}';
}

/** One CSV row keyed by EVENT_COLUMNS. */
export function eventCsvRow(ev: TraceEvent): Record<string, unknown> {
  return {
    // Text inputs without times (pasted error text) have none: null, not 1601-01-01.
    time: ev.time > 0n ? isoTime(ev.time) : null,
    provider: ev.provider,
    provider_guid: ev.providerGuid,
    id: ev.id,
    version: ev.version,
    opcode: ev.opcode,
    task: ev.task,
    level: ev.level,
    keyword: keywordHex(ev.keyword),
    pid: ev.pid < 0 ? null : ev.pid,
    tid: ev.tid < 0 ? null : ev.tid,
    cpu: ev.cpu,
    fields: jsonValue(ev.fields),
    payload_hex: ev.payload !== undefined ? toHex(ev.payload) : null,
    message: ev.message ?? null,
  };
}

/** Decoded events of `file` in time order; the provider and id filters run before decoding. */
export function* selectedEvents(file: EtlFile, decoder: EventDecoderLike, sel: EventSelection): Generator<TraceEvent> {
  const ids = sel.ids.length > 0 ? new Set(sel.ids) : undefined;
  // A selection hides the EventMetadata records the decoder learns schemas from: hand them over first.
  if ((ids !== undefined || sel.providers.length > 0) && decoder.prepare !== undefined) {
    decoder.prepare(file.events({ filter: (_kind, guid) => guid === EVENT_METADATA_GUID }));
  }
  for (const raw of file.events({ filter: selectionFilter(sel, decoder) })) {
    if (ids !== undefined && !ids.has(raw.id)) continue;
    yield decodeOrKeep(decoder, raw, file.path);
  }
}

// The JSON Lines writer below puts the same text as eventJsonLine() straight into bytes (test/report/
// events-jsonl.test.ts compares both on every sample trace). Fields of decoded events are written by a function
// made once per schema: it reads each field by its name, so each read site sees one object shape.

type FieldsWriter = (out: JsonBytes, fields: Fields) => void;

/** Per schema: what writes its events' fields and descriptor, or null when the generic walk must run. */
const schemaWriters = new WeakMap<EventSchema, SchemaWriter | null>();

interface SchemaWriter {
  fields: FieldsWriter;
  /** Descriptors of this schema's latest events, latest first. */
  descriptors: DescriptorText[];
}

/** Names whose object keys do not come out in insertion order, or do not become keys at all. */
const UNORDERED_KEY = /^(0|[1-9]\d{0,9})$|^__proto__$/;

/**
 * The writer of a decoded event's fields: decodeWithSchema sets one key per schema field, in schema order. A
 * schema with a repeated name (one key, two fields) or an index-like name (enumerated first) has none.
 */
function schemaWriterOf(schema: EventSchema): SchemaWriter | null {
  let writer = schemaWriters.get(schema);
  if (writer !== undefined) return writer;
  const names = schema.fields.map((f) => f.name);
  const plain = new Set(names).size === names.length && !names.some((n) => UNORDERED_KEY.test(n));
  writer = plain ? { fields: compileFieldsWriter(names), descriptors: [] } : null;
  schemaWriters.set(schema, writer);
  return writer;
}

/** `(out, fields) => { out.bytes(`{"A":`); write(out, fields["A"]); out.bytes(`,"B":`); …; out.byte(`}`) }`. */
function compileFieldsWriter(names: string[]): FieldsWriter {
  if (names.length === 0) return (out) => out.ascii('{}');
  const keys = names.map((n, i) => Buffer.from((i === 0 ? '{' : ',') + JSON.stringify(n) + ':', 'utf8'));
  // A JSON string literal is a JavaScript string literal: the names go into the source as data.
  const body = names.map((n, i) => `out.bytes(keys[${i}]);write(out,fields[${JSON.stringify(n)}]);`).join('');
  const make = new Function('keys', 'write', `return function writeFields(out,fields){${body}out.byte(0x7d);};`);
  return make(keys, writeJsonValue) as FieldsWriter;
}

const keyBytesCache = new Map<string, Uint8Array>();
/** `"key":` in UTF-8. */
function keyBytes(k: string): Uint8Array {
  let b = keyBytesCache.get(k);
  if (b === undefined) {
    b = Buffer.from(jsonKey(k), 'utf8');
    if (keyBytesCache.size < 65536) keyBytesCache.set(k, b);
  }
  return b;
}

/** jsonValue(v), written as bytes. */
function writeJsonValue(out: JsonBytes, v: FieldValue): void {
  if (v === null) return out.ascii('null');
  switch (typeof v) {
    case 'string':
      return out.string(v);
    case 'number':
      return out.number(v);
    case 'bigint':
      return out.ascii(`"${v}"`);
    case 'boolean':
      return out.ascii(v ? 'true' : 'false');
  }
  if (v instanceof Uint8Array) return out.hexString(v);
  if (Array.isArray(v)) {
    out.byte(0x5b);
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.byte(0x2c);
      writeJsonValue(out, v[i]!);
    }
    return out.byte(0x5d);
  }
  let first = true;
  out.byte(0x7b);
  for (const k in v) {
    if (!first) out.byte(0x2c);
    out.bytes(keyBytes(k));
    writeJsonValue(out, v[k]!);
    first = false;
  }
  out.byte(0x7d);
}

/** The schema writer of `ev`, when it is a decoded event whose fields its schema laid out. */
function schemaWriterOfEvent(ev: TraceEvent): SchemaWriter | null {
  const schema = ev instanceof DecodedEvent ? ev.fieldSchema : undefined;
  return schema !== undefined ? schemaWriterOf(schema) : null;
}

/** How many descriptors a schema remembers (packet events alternate between a few keywords). */
const DESCRIPTORS_PER_SCHEMA = 4;

/** descriptorOf(ev), remembered per schema: its events repeat a few header combinations. */
function schemaDescriptor(writer: SchemaWriter, ev: TraceEvent): DescriptorText {
  const seen = writer.descriptors;
  for (let i = 0; i < seen.length; i++) {
    const d = seen[i]!;
    if (
      d.keyword === ev.keyword && d.opcode === ev.opcode && d.level === ev.level && d.task === ev.task &&
      d.id === ev.id && d.version === ev.version && d.providerGuid === ev.providerGuid && d.provider === ev.provider
    ) {
      return d;
    }
  }
  const d = descriptorOf(ev);
  if (seen.length >= DESCRIPTORS_PER_SCHEMA) seen.pop();
  seen.unshift(d);
  return d;
}

const LINE_START = Buffer.from('{"time":', 'latin1');
const PID_KEY = Buffer.from(',"pid":', 'latin1');
const TID_KEY = Buffer.from(',"tid":', 'latin1');
const CPU_KEY = Buffer.from(',"cpu":', 'latin1');
const FIELDS_KEY = Buffer.from(',"fields":', 'latin1');
const PAYLOAD_KEY = Buffer.from(',"payload_hex":', 'latin1');
const MESSAGE_KEY = Buffer.from(',"message":', 'latin1');

function writeId(out: JsonBytes, n: number): void {
  if (n < 0) out.ascii('null');
  else out.number(n);
}

/** eventJsonLine(ev) and a newline, written as bytes. */
export function writeEventLine(out: JsonBytes, ev: TraceEvent): void {
  out.bytes(LINE_START);
  const t = ev.time;
  if (t <= 0n) out.ascii('null');
  else if (cacheSecondOf(t)) {
    out.bytes(cachedQuotedPrefix);
    out.digits(Number(t - cachedStart), 7);
    out.ascii('Z"');
  } else out.ascii(`"${filetimeToIso(t)}"`);
  const writer = schemaWriterOfEvent(ev);
  out.bytes((writer !== null ? schemaDescriptor(writer, ev) : descriptorOf(ev)).bytes);
  out.bytes(PID_KEY);
  writeId(out, ev.pid);
  out.bytes(TID_KEY);
  writeId(out, ev.tid);
  out.bytes(CPU_KEY);
  out.number(ev.cpu);
  out.bytes(FIELDS_KEY);
  if (writer !== null) writer.fields(out, ev.fields);
  else writeJsonValue(out, ev.fields);
  if (ev.payload !== undefined) {
    out.bytes(PAYLOAD_KEY);
    out.hexString(ev.payload);
  }
  if (ev instanceof DecodedEvent) {
    const pieces = ev.messagePieces();
    if (pieces !== undefined) {
      out.bytes(MESSAGE_KEY);
      out.stringOfPieces(pieces);
    }
  } else if (ev.message !== undefined) {
    out.bytes(MESSAGE_KEY);
    out.string(ev.message);
  }
  out.ascii('}\n');
}

/** Bytes gathered before they are handed to the stream (whole lines only: a redacting stream reads lines). */
const FLUSH_AT = 64 << 10;

/** Writes the selected events as JSON Lines; returns how many. Complete lines only, back-pressure honoured. */
export async function writeEventsJsonl(events: Iterable<TraceEvent>, out: Writable): Promise<number> {
  let n = 0;
  const bytes = new JsonBytes();
  for (const ev of events) {
    writeEventLine(bytes, ev);
    n++;
    if (bytes.pos >= FLUSH_AT && !out.write(bytes.take())) await once(out, 'drain');
  }
  if (bytes.pos > 0 && !out.write(bytes.take())) await once(out, 'drain');
  return n;
}

/** Writes the selected events as CSV (header row first); returns how many. */
export async function writeEventsCsv(events: Iterable<TraceEvent>, out: Writable): Promise<number> {
  const csv = new CsvWriter(out, EVENT_COLUMNS);
  let n = 0;
  for (const ev of events) {
    await csv.writeRow(eventCsvRow(ev));
    n++;
  }
  return n;
}
