// Where the message templates come from: the decoder's bundled provider schemas (the same table that renders
// ETL events as netsh messages), so text is read back with exactly the templates that wrote it. One row per
// distinct (event id, template, field list), field names and in-types in insertion-string order.
import { bundledProviders } from '../../decode/bundled.js';
import { InType, type MapTable } from '../../decode/schema.js';

/**
 * [event id, version, field names (comma-separated), in-type names (comma-separated), message template,
 *  value-map names per field (comma-separated, empty where none)]
 */
export type TemplateRow = readonly [number, number, string, string, string, string?];

export interface ProviderTemplates {
  name: string;
  guid: string;
  rows: TemplateRow[];
  maps: MapTable;
}

const IN_TYPE_NAMES = new Map<number, string>(Object.entries(InType).map(([name, code]) => [code, name]));

/**
 * lsasrv.dll numbers the Schannel System-log insertion strings without the CallerProcessId /
 * CallerProcessImageName prefix that newer manifests put first: `%1` of 36888 is AlertDesc.
 */
const UNNUMBERED_PREFIX: Readonly<Record<string, readonly string[]>> = {
  Schannel: ['CallerProcessId', 'CallerProcessImageName'],
};

export function bundledTemplateRows(): ProviderTemplates[] {
  return bundledProviders().map((p) => {
    const rows: TemplateRow[] = [];
    const seen = new Set<string>();
    const prefix = UNNUMBERED_PREFIX[p.name];
    for (const [id, versions] of p.events) {
      for (const v of versions) {
        for (const variant of v.variants) {
          if (!variant.message) continue;
          let fields = variant.fields;
          if (prefix && prefix.every((n, i) => fields[i]?.name === n)) fields = fields.slice(prefix.length);
          const names = fields.map((f) => f.name).join(',');
          const types = fields.map((f) => IN_TYPE_NAMES.get(f.inType) ?? '').join(',');
          const maps = fields.map((f) => f.map ?? '').join(',');
          const key = `${id}\u0000${names}\u0000${variant.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          rows.push([id, v.version, names, types, variant.message, maps]);
        }
      }
    }
    return { name: p.name, guid: p.guid, rows, maps: p.maps };
  });
}
