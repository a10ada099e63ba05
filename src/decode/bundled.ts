// The bundled provider schema table (generated data, see scripts/gen-schemas.mjs), indexed for lookup by
// (provider GUID, event id, version). Parsed on first use.
import { BUNDLED_SCHEMAS_JSON } from './schemas/bundled-data.js';
import type { EventSchema, FieldSchema, MapSchema, MapTable } from './schema.js';

interface RawField {
  n: string;
  t: number;
  o?: number;
  l?: number | string;
  c?: number | string;
  m?: string;
}
interface RawProvider {
  guid: string;
  name: string;
  maps: Record<string, MapSchema>;
  templates: RawField[][];
  events: Array<[number, number, number | number[], string, number]>;
  messages: string[];
}

/** One event version: its candidate schemas (newest build first; usually one). */
export interface BundledEvent {
  version: number;
  variants: EventSchema[];
}

export interface BundledProvider {
  guid: string;
  name: string;
  maps: MapTable;
  /** id → versions ascending. */
  events: Map<number, BundledEvent[]>;
}

let table: Map<string, BundledProvider> | undefined;

function toField(f: RawField): FieldSchema {
  const out: FieldSchema = { name: f.n, inType: f.t };
  if (f.o !== undefined) out.outType = f.o;
  if (f.l !== undefined) out.length = f.l;
  if (f.c !== undefined) out.count = f.c;
  if (f.m !== undefined) out.map = f.m;
  return out;
}

function load(): Map<string, BundledProvider> {
  const data = JSON.parse(BUNDLED_SCHEMAS_JSON) as { providers: RawProvider[] };
  const out = new Map<string, BundledProvider>();
  for (const p of data.providers) {
    const templates = p.templates.map((t) => t.map(toField));
    const events = new Map<number, BundledEvent[]>();
    for (const [id, version, tis, symbol, mi] of p.events) {
      const variants = (Array.isArray(tis) ? tis : [tis]).map((ti) => {
        const s: EventSchema = { fields: templates[ti]! };
        if (symbol) s.name = symbol;
        if (mi >= 0) s.message = p.messages[mi];
        return s;
      });
      const list = events.get(id) ?? [];
      list.push({ version, variants });
      events.set(id, list);
    }
    for (const list of events.values()) list.sort((a, b) => a.version - b.version);
    out.set(p.guid, { guid: p.guid, name: p.name, maps: new Map(Object.entries(p.maps)), events });
  }
  return out;
}

/** The bundled provider for a GUID (lower case, no braces), if any. */
export function bundledProvider(guid: string): BundledProvider | undefined {
  table ??= load();
  return table.get(guid);
}

/** Every bundled provider (for name tables and listings). */
export function bundledProviders(): BundledProvider[] {
  table ??= load();
  return [...table.values()];
}
