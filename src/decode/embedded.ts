// Schemas embedded in relogged traces: KernelTraceControl EventMetadata records (opcode 32 TRACE_EVENT_INFO,
// opcode 33 EVENT_MAP_INFO; layout in formats/etw_metadata.ksy). They describe the exact build that wrote
// the trace, so they win over the bundled tables.
import { ksyEnum, loadFormat, parseWith } from '../formats/load.js';
import { readGuid } from '../common/format.js';
import { InType, type EventSchema, type FieldSchema, type MapSchema, type MapTable } from './schema.js';

export const EVENT_METADATA_GUID = 'bbccf6c1-6cd1-48c4-80ff-839482e37671';
export const OPCODE_EVENT_INFO = 32;
export const OPCODE_EVENT_MAP_INFO = 33;

const PropertyFlag = ksyEnum('EtwMetadata', 'PropertyFlag');
const MapFlag = ksyEnum('EtwMetadata', 'MapFlag');
const PROPERTY_STRUCT = PropertyFlag.STRUCT;
const PROPERTY_PARAM_LENGTH = PropertyFlag.PARAM_LENGTH;
const PROPERTY_PARAM_COUNT = PropertyFlag.PARAM_COUNT;
const PROPERTY_PARAM_FIXED_COUNT = PropertyFlag.PARAM_FIXED_COUNT;
const PROPERTY_HAS_CUSTOM_SCHEMA = PropertyFlag.HAS_CUSTOM_SCHEMA;
const MAP_BITMAP = MapFlag.MANIFEST_BITMAP | MapFlag.WBEM_BITMAP;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ksy = any;
let cls: Ksy;
function format() {
  cls ??= loadFormat('EtwMetadata');
  return cls;
}

function text(u: { units: number[] } | undefined | null): string {
  if (!u) return '';
  const units = u.units;
  let s = '';
  for (let i = 0; i < units.length - 1; i += 4096) {
    s += String.fromCharCode(...units.slice(i, Math.min(i + 4096, units.length - 1)));
  }
  return s;
}

/** What one opcode-32 record describes. */
export interface EmbeddedEventInfo {
  providerGuid: string;
  providerName?: string;
  id: number;
  version: number;
  schema: EventSchema;
}

/** Reads a TRACE_EVENT_INFO blob into a schema; throws on malformed data. */
export function parseEventInfo(payload: Uint8Array): EmbeddedEventInfo {
  const info = parseWith(format(), payload).eventInfo;
  const props: Ksy[] = info.properties;
  const names = props.map((p) => text(p.name));
  const build = (index: number, depth: number): FieldSchema => {
    const p = props[index];
    if (!p || depth > 8) throw new Error(`TRACE_EVENT_INFO: property ${index} out of range`);
    const f: FieldSchema = { name: names[index]!, inType: InType.Null };
    if (p.flags & PROPERTY_STRUCT) {
      const first = p.inTypeOrStructStart as number;
      const n = p.outTypeOrMemberCount as number;
      f.members = [];
      for (let k = 0; k < n; k++) f.members.push(build(first + k, depth + 1));
    } else {
      f.inType = p.inTypeOrStructStart;
      if (p.outTypeOrMemberCount) f.outType = p.outTypeOrMemberCount;
      if (!(p.flags & PROPERTY_HAS_CUSTOM_SCHEMA) && p.mapNameOffset) {
        const m = text(p.mapName);
        if (m) f.map = m;
      }
      if (p.flags & PROPERTY_PARAM_LENGTH) f.length = names[p.length] ?? '';
      else if (p.length) f.length = p.length;
    }
    if (p.flags & PROPERTY_PARAM_COUNT) {
      f.count = names[p.count] ?? '';
      f.array = true;
    } else if (p.count > 1 || p.flags & PROPERTY_PARAM_FIXED_COUNT) {
      f.count = p.count;
      f.array = true;
    }
    return f;
  };
  const top = Math.min(info.topLevelPropertyCount, props.length);
  const fields: FieldSchema[] = [];
  for (let i = 0; i < top; i++) fields.push(build(i, 0));
  const schema: EventSchema = { fields };
  const eventName = text(info.eventName);
  const task = text(info.taskName).trim();
  const opcode = text(info.opcodeName).trim();
  const name = eventName || (task && opcode && !opcode.startsWith('win:') ? `${task}/${opcode}` : task);
  if (name) schema.name = name;
  const message = text(info.eventMessage).trimEnd();
  if (message) schema.message = message;
  const out: EmbeddedEventInfo = {
    providerGuid: readGuid(info.providerGuid.raw, 0),
    id: info.descriptor.id,
    version: info.descriptor.version,
    schema,
  };
  const providerName = text(info.providerName);
  if (providerName) out.providerName = providerName;
  return out;
}

/** Reads an EventMapInfo payload: the provider and one named map; throws on malformed data. */
export function parseEventMapInfo(payload: Uint8Array): { providerGuid: string; name: string; map: MapSchema } {
  const p = parseWith(format(), payload).mapPayload;
  const m = p.map;
  const entries: Array<[number, string]> = (m.entries as Ksy[]).map((e) => [e.value >>> 0, text(e.output).trim()]);
  return {
    providerGuid: readGuid(p.providerGuid.raw, 0),
    name: text(m.name),
    map: { bitmap: (m.flag & MAP_BITMAP) !== 0, entries },
  };
}

/** What one EventMetadata record described. */
export type EmbeddedRecord =
  | { kind: 'event'; info: EmbeddedEventInfo }
  | { kind: 'map'; providerGuid: string; name: string };

/** Schemas and maps collected from a trace's EventMetadata records. */
export class EmbeddedSchemas {
  private readonly events = new Map<string, EmbeddedEventInfo>();
  /** events by provider, then id × 256 + version; rebuilt for a provider when its metadata changes. */
  private readonly lookup = new Map<string, Map<number, EmbeddedEventInfo>>();
  private readonly maps = new Map<string, MapTable>();
  private readonly names = new Map<string, string>();
  /** Records that could not be read (malformed blobs). */
  rejected = 0;

  private static key(guid: string, id: number, version: number): string {
    return `${guid}/${id}/${version}`;
  }

  /** Takes one EventMetadata record; returns what it described, or undefined when it was unreadable. */
  add(opcode: number, payload: Uint8Array): EmbeddedRecord | undefined {
    try {
      if (opcode === OPCODE_EVENT_INFO) {
        const info = parseEventInfo(payload);
        this.events.set(EmbeddedSchemas.key(info.providerGuid, info.id, info.version), info);
        this.lookup.delete(info.providerGuid);
        if (info.providerName) this.names.set(info.providerGuid, info.providerName);
        return { kind: 'event', info };
      }
      if (opcode === OPCODE_EVENT_MAP_INFO) {
        const m = parseEventMapInfo(payload);
        let t = this.maps.get(m.providerGuid);
        if (!t) this.maps.set(m.providerGuid, (t = new Map()));
        t.set(m.name, m.map);
        return { kind: 'map', providerGuid: m.providerGuid, name: m.name };
      }
    } catch {
      this.rejected++;
    }
    return undefined;
  }

  get(guid: string, id: number, version: number): EmbeddedEventInfo | undefined {
    // Called for every event: a per-provider table by id and version, so no key string is built.
    let byId = this.lookup.get(guid);
    if (byId === undefined) {
      byId = new Map();
      for (const info of this.events.values()) if (info.providerGuid === guid) byId.set(info.id * 0x100 + info.version, info);
      this.lookup.set(guid, byId);
    }
    return byId.get(id * 0x100 + version);
  }

  mapsOf(guid: string): MapTable | undefined {
    return this.maps.get(guid);
  }

  providerName(guid: string): string | undefined {
    return this.names.get(guid);
  }
}
