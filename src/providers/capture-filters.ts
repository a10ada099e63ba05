// Capture filters that were active: NDIS-PacketCapture 1011/1016 (netsh trace capture rules) and PktMon 100/110
// (pktmon filters). With a filter on, traffic that does not match is absent, which the diagnosis must know.
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { bytesField, field, numberField, stringField, toNumber } from './fields.js';
import { formatIpv6 } from './address.js';
import { nameOf, ndisDirectives, ndisRuleIds } from './manifest-maps.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

const IPV4_RULES = new Set([10, 11, 12]);
const IPV6_RULES = new Set([13, 14, 15]);
const MAC_RULES = new Set([7, 8, 9]);

function hexBytes(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Renders a capture-rule value by what the rule compares (addresses as addresses, the rest as hex). */
export function ruleValueText(ruleId: number, value: Uint8Array): string {
  const chunks = (size: number): Uint8Array[] => {
    const out: Uint8Array[] = [];
    for (let i = 0; i + size <= value.length; i += size) out.push(value.subarray(i, i + size));
    return out;
  };
  if (IPV4_RULES.has(ruleId) && value.length > 0 && value.length % 4 === 0) return chunks(4).map((c) => c.join('.')).join(', ');
  if (IPV6_RULES.has(ruleId) && value.length > 0 && value.length % 16 === 0) return chunks(16).map((c) => formatIpv6(c)).join(', ');
  if (MAC_RULES.has(ruleId) && value.length > 0 && value.length % 6 === 0) {
    return chunks(6)
      .map((c) => Array.from(c, (x) => x.toString(16).padStart(2, '0')).join(':'))
      .join(', ');
  }
  if (ruleId === 16 && value.length === 1) return String(value[0]);
  return '0x' + hexBytes(value);
}

export const ndisCapture: ProviderModule = {
  name: 'Microsoft-Windows-NDIS-PacketCapture',
  guids: [PROVIDER_GUIDS.ndisPacketCapture],
  aliases: ['NDIS-PacketCapture'],
  ids: new Set([1011, 1016]),
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const f = ev.fields;
      if (ev.id === 1011) {
        const ruleCount = numberField(f, 'RulesCount') ?? toNumber(/Count=(\d+)/.exec(ev.message ?? '')?.[1]);
        // Zero rules means everything was captured: nothing to report.
        if (ruleCount === undefined || ruleCount === 0) return [];
        return [{ kind: 'capture_filter', ...base(ev, ref), text: ref.text, ruleCount }];
      }
      if (ev.id === 1016) {
        const m = /Id=(\S+)\s+Directive=(\S+)\s+ValueLength=\d+\s+Value=(\S*)/.exec(ev.message ?? '');
        const ruleId = toNumber(field(f, 'RuleId') ?? m?.[1], ndisRuleIds());
        const directiveNumber = toNumber(field(f, 'Directive') ?? m?.[2], ndisDirectives());
        const bytes = bytesField(f, 'Value') ?? (m?.[3] ? bytesField({ v: m[3] }, 'v') : undefined);
        const ruleName = ruleId !== undefined ? nameOf(ndisRuleIds(), ruleId) : undefined;
        const directive = directiveNumber !== undefined ? nameOf(ndisDirectives(), directiveNumber) : undefined;
        const value = ruleId !== undefined && bytes !== undefined ? ruleValueText(ruleId, bytes) : undefined;
        const text =
          ruleName !== undefined && directive !== undefined && value !== undefined ? `${ruleName} ${directive} ${value}` : ref.text;
        return [
          {
            kind: 'capture_filter',
            ...base(ev, ref),
            text,
            ...(ruleId !== undefined ? { ruleId } : {}),
            ...(ruleName !== undefined ? { ruleName } : {}),
            ...(directive !== undefined ? { directive } : {}),
            ...(value !== undefined ? { value } : {}),
          },
        ];
      }
      return [];
    };
  },
};

export const pktmonFilters: ProviderModule = {
  name: 'Microsoft-Windows-PktMon',
  guids: [PROVIDER_GUIDS.pktmon],
  aliases: ['PktMon'],
  ids: new Set([100, 110]),
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      if (ev.id !== 100 && ev.id !== 110) return [];
      const ruleId = numberField(ev.fields, 'FilterId');
      const ruleName = stringField(ev.fields, 'FilterName');
      return [
        {
          kind: 'capture_filter',
          ...base(ev, ref),
          text: ref.text,
          ...(ruleId !== undefined ? { ruleId } : {}),
          ...(ruleName !== undefined ? { ruleName } : {}),
        },
      ];
    };
  },
};
