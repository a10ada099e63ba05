// Microsoft-Windows-TCPIP: connect / close / abort per 4-tuple, with the owning process id.
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation, TcpEvent } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { codeField, field, numberField, pointerField } from './fields.js';
import { toEndpoint } from './address.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

const WHAT: Readonly<Record<number, TcpEvent['what']>> = {
  1002: 'connect_request',
  1033: 'connected',
  1034: 'connect_failed',
  1045: 'connect_failed',
  1038: 'close',
  1043: 'close',
  1039: 'abort',
  1046: 'retransmit',
};

/** `TCP: connection 0x… (local=1.2.3.4:5 remote=6.7.8.9:443) …`, for text exports without fields. */
const MESSAGE_TUPLE = /(?:Tcb|connection)\s+(0x[0-9a-f]+)\s*\(local=(\S+)\s+remote=([^)\s]+)\)/i;

export const tcpip: ProviderModule = {
  name: 'Microsoft-Windows-TCPIP',
  guids: [PROVIDER_GUIDS.tcpip],
  aliases: ['TCPIP'],
  ids: new Set(Object.keys(WHAT).map(Number)),
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const what = WHAT[ev.id];
      if (what === undefined) return [];
      const f = ev.fields;
      let local = toEndpoint(field(f, 'LocalAddress'));
      let remote = toEndpoint(field(f, 'RemoteAddress'));
      let tcb = pointerField(f, 'Tcb');
      // Text exports without fields carry the 4-tuple in the message only (decoded events need no regex).
      if (local === undefined || remote === undefined || tcb === undefined) {
        const m = MESSAGE_TUPLE.exec(ev.message ?? '');
        if (m) {
          local ??= toEndpoint(m[2]);
          remote ??= toEndpoint(m[3]);
          tcb ??= pointerField({ t: m[1]! }, 't');
        }
      }
      if (local === undefined && remote === undefined) return [];
      const status =
        ev.id === 1002
          ? undefined
          : (codeField(f, 'Status') ?? codeField({ s: /with status = (\S+?)\.?$/.exec(ev.message ?? '')?.[1] ?? '' }, 's'));
      const owningPid = numberField(f, 'ProcessId') ?? (ev.id === 1033 ? numberField({ p: /PID = (\d+)/.exec(ev.message ?? '')?.[1] ?? '' }, 'p') : undefined);
      return [
        {
          kind: 'tcp',
          ...base(ev, ref),
          what,
          ...(local !== undefined ? { local } : {}),
          ...(remote !== undefined ? { remote } : {}),
          ...(status !== undefined ? { status } : {}),
          ...(owningPid !== undefined ? { owningPid } : {}),
          ...(tcb !== undefined ? { tcb } : {}),
        },
      ];
    };
  },
};
