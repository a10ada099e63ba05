// Value maps the provider manifests carry, read from the bundled schemas (the data generated from the
// manifests) rather than copied by hand. Built on first use: name → value, as the fields.ts readers take them.
import { bundledProvider } from '../decode/bundled.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

export type ValueMap = Readonly<Record<string, number>>;

/** Per provider GUID, per map name (no key string built per lookup). */
const cache = new Map<string, Map<string, ValueMap>>();

function manifestMap(guid: string, name: string): ValueMap {
  let byName = cache.get(guid);
  if (byName === undefined) cache.set(guid, (byName = new Map()));
  let map = byName.get(name);
  if (!map) {
    const schema = bundledProvider(guid)?.maps.get(name);
    if (!schema) throw new Error(`the bundled schema of provider ${guid} has no value map ${name}`);
    map = Object.freeze(Object.fromEntries(schema.entries.map(([value, text]) => [text, value])));
    byName.set(name, map);
  }
  return map;
}

/** WebIO `TCPCloseReasonType` (event 204 `Reason`). */
export const tcpCloseReasons = (): ValueMap => manifestMap(PROVIDER_GUIDS.webio, 'TCPCloseReasonType');
/** WebIO `mapRequestOption` (event 15 `Option`). */
export const webioRequestOptions = (): ValueMap => manifestMap(PROVIDER_GUIDS.webio, 'mapRequestOption');
/** WebIO `mapVerifiyCertFailureReason` (events 712/713 `Reason`). */
export const certFailureReasons = (): ValueMap => manifestMap(PROVIDER_GUIDS.webio, 'mapVerifiyCertFailureReason');
/** NDIS-PacketCapture `RuleIdMap` and `DirectiveMap` (event 1016). */
export const ndisRuleIds = (): ValueMap => manifestMap(PROVIDER_GUIDS.ndisPacketCapture, 'RuleIdMap');
export const ndisDirectives = (): ValueMap => manifestMap(PROVIDER_GUIDS.ndisPacketCapture, 'DirectiveMap');

/** The close reasons the correlator tells apart, by their manifest names. */
export type TcpCloseReasonName = 'Local Reset' | 'Remote Reset' | 'Connect Timeout';

/** The WebIO 204 `Reason` value of a named close reason. */
export function tcpCloseReason(name: TcpCloseReasonName): number {
  const v = tcpCloseReasons()[name];
  if (v === undefined) throw new Error(`TCPCloseReasonType has no entry ${name}`);
  return v;
}

/** Value → first name of each map, built once per map (the lookup runs for every event that names a value). */
const reversed = new WeakMap<ValueMap, Map<number, string>>();

/** Reverse lookup: value → name in a value map (the first name in the map's order when several share a value). */
export function nameOf(map: ValueMap, value: number): string | undefined {
  let byValue = reversed.get(map);
  if (byValue === undefined) {
    byValue = new Map();
    for (const [k, v] of Object.entries(map)) if (!byValue.has(v)) byValue.set(v, k);
    reversed.set(map, byValue);
  }
  return byValue.get(value);
}
