// Microsoft-Windows-CAPI2: certificate chain building, chain policy and revocation. The payload is one XML
// fragment (`EventWriteData`, or the UserData of a tracerpt/EVTX export); a non-zero `<Result value=…>` is a
// failure, and the CERT_TRUST_* flags set to true say which.
import type { FieldValue, TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { toNumber } from './fields.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

/** BuildChainStop, VerifyChainPolicy, VerifyRevocationStop, RejectRevocationInformation, RetrieveObjectfromNetworkStop. */
const HANDLED = new Set([11, 30, 41, 42, 53]);
const LEVEL_ERROR = 2;

function collectText(v: FieldValue, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => collectText(x, out));
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    for (const [k, x] of Object.entries(v)) {
      // Structured UserData (XML already parsed): keep attribute-like names so the patterns below still apply.
      if (typeof x === 'string' || typeof x === 'number') out.push(`${k}="${x}"`);
      else collectText(x, out);
    }
  }
}

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

export const capi2: ProviderModule = {
  name: 'Microsoft-Windows-CAPI2',
  guids: [PROVIDER_GUIDS.capi2],
  aliases: ['CAPI2'],
  ids: HANDLED,
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      if (!HANDLED.has(ev.id)) return [];
      const parts: string[] = [];
      for (const v of Object.values(ev.fields)) collectText(v, parts);
      if (parts.length === 0 && ev.message) parts.push(ev.message);
      const xml = decodeEntities(parts.join('\n'));
      const result = /<Result\b[^>]*\bvalue="([0-9a-fx]+)"[^>]*>([^<]*)<\/Result>/i.exec(xml) ?? /<Result\b[^>]*\bvalue="([0-9a-fx]+)"/i.exec(xml);
      const code = result ? toNumber(/^0x/i.test(result[1]!) ? result[1]! : '0x' + result[1]!) : undefined;
      const failed = (code !== undefined && code !== 0) || (code === undefined && ev.level === LEVEL_ERROR);
      if (!failed) return [];
      const texts: string[] = [];
      const resultText = result?.[2]?.trim();
      if (resultText) texts.push(resultText);
      for (const m of xml.matchAll(/\b(CERT_TRUST_[A-Z_]+)="true"/g)) if (!texts.includes(m[1]!)) texts.push(m[1]!);
      const host =
        /\bserverName="([^"]+)"/.exec(xml)?.[1] ?? /<Certificate\b[^>]*\bsubjectName="([^"]+)"/.exec(xml)?.[1];
      return [
        {
          kind: 'cert_validation',
          ...base(ev, ref),
          ...(code !== undefined ? { error: code >>> 0 } : {}),
          ...(host !== undefined ? { host } : {}),
          ...(texts.length > 0 ? { texts } : {}),
        },
      ];
    };
  },
};
