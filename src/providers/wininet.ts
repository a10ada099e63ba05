// Microsoft-Windows-WinINet-Capture 2005 (Windows 11+): WinINet's own "TLS handshake failed with version mismatch".
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { stringField } from './fields.js';
import { processHint } from './kernel-process.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

/**
 * WinHttp 1053 and WinINet-Capture 2005 share their fields (Host, ModulePath, ModuleName, ProcessPath,
 * ProcessName): a TLS version-mismatch observation plus the process name it reveals.
 */
export function versionMismatch(ev: TraceEvent, ref: EvidenceRef, stack: 'winhttp' | 'wininet'): Observation[] {
  const f = ev.fields;
  const host = stringField(f, 'Host');
  const processName = stringField(f, 'ProcessName');
  const processPath = stringField(f, 'ProcessPath');
  const moduleName = stringField(f, 'ModuleName');
  const out: Observation[] = [
    {
      kind: 'tls_version_mismatch',
      ...base(ev, ref),
      stack,
      ...(host !== undefined ? { host } : {}),
      ...(processName !== undefined ? { processName } : {}),
      ...(processPath !== undefined ? { processPath } : {}),
      ...(moduleName !== undefined ? { moduleName } : {}),
    },
  ];
  const hint = processHint(ev, ref, processName ?? processPath, processPath);
  if (hint) out.push(hint);
  return out;
}

export const wininetCapture: ProviderModule = {
  name: 'Microsoft-Windows-WinINet-Capture',
  guids: [PROVIDER_GUIDS.wininetCapture],
  aliases: ['WinINet-Capture'],
  ids: new Set([2005]),
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      if (ev.id !== 2005) return [];
      return versionMismatch(ev, ref, 'wininet');
    };
  },
};
