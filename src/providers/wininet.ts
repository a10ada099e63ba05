// Microsoft-Windows-WinINet-Capture 2005 (Windows 11+): WinINet's own "TLS handshake failed with version mismatch".
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { stringField } from './fields.js';
import { processHint } from './kernel-process.js';

export const wininetCapture: ProviderModule = {
  name: 'Microsoft-Windows-WinINet-Capture',
  guids: ['a70ff94f-570b-4979-ba5c-e59c9feab61b'],
  aliases: ['WinINet-Capture'],
  ids: new Set([2005]),
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      if (ev.id !== 2005) return [];
      const f = ev.fields;
      const host = stringField(f, 'Host');
      const processName = stringField(f, 'ProcessName');
      const processPath = stringField(f, 'ProcessPath');
      const moduleName = stringField(f, 'ModuleName');
      const out: Observation[] = [
        {
          kind: 'tls_version_mismatch',
          ...base(ev, ref),
          stack: 'wininet',
          ...(host !== undefined ? { host } : {}),
          ...(processName !== undefined ? { processName } : {}),
          ...(processPath !== undefined ? { processPath } : {}),
          ...(moduleName !== undefined ? { moduleName } : {}),
        },
      ];
      const hint = processHint(ev, ref, processName ?? processPath, processPath);
      if (hint) out.push(hint);
      return out;
    };
  },
};
