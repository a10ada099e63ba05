// Microsoft-Windows-WinHttp: API failures with their WinHTTP error code, the TLS version-mismatch event of
// newer builds, autoproxy (WPAD/PAC) results and getaddrinfo.
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation, ProxyEvent } from './observations.js';
import { BoundedMap, base, type ProviderModule } from './module.js';
import { codeField, pointerField, stringField, toNumber } from './fields.js';
import { versionMismatch } from './wininet.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

function fromMessage(ev: TraceEvent, re: RegExp): string | undefined {
  const m = re.exec(ev.message ?? '');
  return m ? m[1] : undefined;
}

/** `WinHttpSendRequest(0x1234) API failed with an error = 12175.` → api, handle, code. */
function apiFromMessage(ev: TraceEvent): { api?: string; handle?: string; code?: number } {
  const m = /^\s*(\w+)\((0x[0-9a-f]+|\d+)\)\s+API\b.*?(?:error\s*=\s*(\S+?))?\.?\s*$/i.exec(ev.message ?? '');
  if (!m) return {};
  const code = m[3] !== undefined ? toNumber(m[3]) : undefined;
  return {
    api: m[1]!,
    ...(pointerField({ h: m[2]! }, 'h') !== undefined ? { handle: pointerField({ h: m[2]! }, 'h')! } : {}),
    ...(code !== undefined ? { code } : {}),
  };
}

function proxy(ev: TraceEvent, ref: EvidenceRef): ProxyEvent[] {
  const f = ev.fields;
  const b = base(ev, ref);
  const url = stringField(f, 'URL', 'ConfigurationURL') ?? fromMessage(ev, /(?:ConfigurationURL|URL)=(\S+?),?(?:\s|$)/);
  const error = codeField(f, 'Error') ?? toNumber(fromMessage(ev, /Error=(\S+)/));
  const withUrl = url !== undefined ? { url } : {};
  const withError = error !== undefined ? { error } : {};
  switch (ev.id) {
    case 803:
    case 806:
    case 809:
    case 810:
      return [{ kind: 'proxy', ...b, what: 'pac_download', ...withUrl }];
    case 811:
    case 812:
      return [{ kind: 'proxy', ...b, what: 'pac_failed', ...withUrl, ...withError }];
    case 814: {
      const p = stringField(f, 'ProxyString') ?? fromMessage(ev, /ProxyString=(.*)$/)?.trim();
      const direct = p === undefined || p === '' || /^direct$/i.test(p);
      return [{ kind: 'proxy', ...b, what: direct ? 'direct' : 'find_proxy', ...withUrl, ...(direct ? {} : { proxy: p }) }];
    }
    case 815:
      return [{ kind: 'proxy', ...b, what: 'find_proxy', ...withUrl, ...withError }];
    case 808:
      return [{ kind: 'proxy', ...b, what: 'autodetect_failed', ...withError }];
    case 804:
    case 807:
      return [{ kind: 'proxy', ...b, what: 'other', ...withUrl, ...withError }];
    default:
      return [];
  }
}

export const winhttp: ProviderModule = {
  name: 'Microsoft-Windows-WinHttp',
  guids: [PROVIDER_GUIDS.winhttp],
  aliases: ['WinHttp', 'WinHTTP'],
  ids: new Set([9, 10, 11, 12, 13, 14, 803, 804, 806, 807, 808, 809, 810, 811, 812, 814, 815, 1051, 1052, 1053]),
  create() {
    const apiByHandle = new BoundedMap<string, string>();
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const f = ev.fields;
      const id = ev.id;
      if (id >= 9 && id <= 14) {
        const parsed = apiFromMessage(ev);
        const handle = pointerField(f, 'ApiHandle') ?? parsed.handle;
        const named = stringField(f, 'Api') ?? parsed.api;
        if (named !== undefined && handle !== undefined) apiByHandle.set(handle, named);
        if (id !== 11 && id !== 14) return [];
        const code = codeField(f, 'Result') ?? parsed.code;
        if (code === undefined || code === 0) return [];
        const api = named ?? (handle !== undefined ? apiByHandle.get(handle) : undefined) ?? 'unknown';
        return [{ kind: 'winhttp_error', ...base(ev, ref), api, code, ...(handle !== undefined ? { handle } : {}) }];
      }
      if (id === 1053) return versionMismatch(ev, ref, 'winhttp');
      if (id === 1051 || id === 1052) {
        const name = stringField(f, 'AddressName');
        if (name === undefined) return [];
        if (id === 1051) return [{ kind: 'dns', ...base(ev, ref), name, phase: 'query', addresses: [], origin: 'winhttp' }];
        const status = codeField(f, 'error');
        return [
          {
            kind: 'dns',
            ...base(ev, ref),
            name,
            phase: 'result',
            addresses: [],
            origin: 'winhttp',
            ...(status !== undefined ? { status } : {}),
          },
        ];
      }
      if (id >= 801 && id <= 835) return proxy(ev, ref);
      return [];
    };
  },
};
