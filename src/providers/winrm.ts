// Microsoft-Windows-WinRM: the WSMan client under New-PSSession / HCW / remote PowerShell. Its errors are what
// the user saw; 172 lists the WinHTTP secure-failure texts (incl. "internal error in the SSL library").
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { codeField, numberField, stringField } from './fields.js';
import { WINRM_CERT_ERROR_TEXTS, WINRM_IMPLIED_WINHTTP_ERROR } from './tables.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

const HANDLED = new Set([6, 7, 11, 12, 135, 136, 137, 138, 139, 142, 162, 163, 164, 165, 171, 172]);

/** Host of a WSMan connection string: `https://host:5986/wsman`, `host/PowerShell-LiveID?…`, `host:443`. */
export function hostOfConnection(connection: string): { host?: string; port?: number } {
  const m = /^\s*(?:[a-z][\w+.-]*:\/\/)?(?:[^@/\s]*@)?(\[[^\]]+\]|[^:/?\s]+)(?::(\d+))?/i.exec(connection);
  if (!m) return {};
  const host = m[1]!.replace(/^\[|\]$/g, '');
  return { host, ...(m[2] !== undefined ? { port: Number(m[2]) } : {}) };
}

/** WINHTTP_CALLBACK_STATUS_FLAG_* bits named by the 172 error lines. */
export function certFlagsFromTexts(texts: readonly string[]): number {
  let flags = 0;
  for (const t of texts) {
    for (const [prefix, bit] of WINRM_CERT_ERROR_TEXTS) if (t.includes(prefix)) flags = (flags | bit) >>> 0;
  }
  return flags;
}

function certErrors(ev: TraceEvent): string[] {
  const texts: string[] = [];
  for (let i = 1; i <= 8; i++) {
    const t = stringField(ev.fields, `error${i}`);
    if (t !== undefined) texts.push(t.replace(/^(%n|\s)+/, '').trim());
  }
  if (texts.length === 0 && ev.message) {
    // Text exports: the errors sit between "has the following errors:" and "Fix the server certificate".
    const m = /has the following errors:\s*([\s\S]*?)(?:\s*Fix the server certificate|$)/.exec(ev.message);
    if (m) {
      for (const line of m[1]!.split(/\r?\n|(?<=\.)\s+(?=[A-Z])/)) {
        const t = line.trim();
        if (t !== '' && t !== '.') texts.push(t);
      }
    }
  }
  return texts.filter((t) => t !== '');
}

export const winrm: ProviderModule = {
  name: 'Microsoft-Windows-WinRM',
  guids: [PROVIDER_GUIDS.winrm],
  aliases: ['WinRM'],
  ids: HANDLED,
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const id = ev.id;
      if (!HANDLED.has(id)) return [];
      const f = ev.fields;
      const b = base(ev, ref);
      const text = ref.text;
      let errorCode: number | undefined = codeField(f, 'errorCode') ?? WINRM_IMPLIED_WINHTTP_ERROR[id];
      if (errorCode === undefined && (id === 7 || id === 12 || id === 142)) {
        const m = /error code\s+(\S+)/i.exec(ev.message ?? '');
        if (m) errorCode = codeField({ e: m[1]! }, 'e');
      }
      let host: string | undefined;
      let port: number | undefined;
      let operation: string | undefined;
      if (id === 6) {
        const connection = stringField(f, 'connection') ?? /connection string is:\s*(\S+)/.exec(ev.message ?? '')?.[1];
        if (connection !== undefined) ({ host, port } = hostOfConnection(connection));
      } else if (id === 164) {
        host = stringField(f, 'destinationMachine') ?? /destination computer \(([^)]+)\)/.exec(ev.message ?? '')?.[1];
      } else if (id === 172) {
        host = stringField(f, 'machineName');
        port = numberField(f, 'port');
        if (host === undefined) {
          const m = /destination computer \(([^)]*?):(\d+)\)/.exec(ev.message ?? '');
          if (m) {
            host = m[1];
            port = Number(m[2]);
          }
        }
      } else if (id === 142) {
        operation = stringField(f, 'operationName') ?? /WSMan operation (\S+) failed/.exec(ev.message ?? '')?.[1];
      } else if (id === 11) {
        operation = stringField(f, 'resourceUri');
      }
      const out: Observation[] = [
        {
          kind: 'winrm',
          ...b,
          id,
          text,
          ...(errorCode !== undefined ? { errorCode } : {}),
          ...(host !== undefined ? { host } : {}),
          ...(port !== undefined ? { port } : {}),
          ...(operation !== undefined ? { operation } : {}),
        },
      ];
      if (id === 172) {
        const texts = certErrors(ev);
        const errorFlags = certFlagsFromTexts(texts);
        out.push({
          kind: 'cert_validation',
          ...b,
          texts,
          ...(errorFlags !== 0 ? { errorFlags } : {}),
          ...(host !== undefined ? { host } : {}),
          ...(port !== undefined ? { port } : {}),
        });
      }
      return out;
    };
  },
};
