// Microsoft-Windows-Winsock-AFD: socket connects with the remote address, logged in the calling process, so
// they tie a remote endpoint to a process id even when TCPIP events are missing.
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { BoundedMap, base, type ProviderModule } from './module.js';
import { codeField, field, numberField, pointerField } from './fields.js';
import { toEndpoint } from './address.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

const CREATE = 1000;
const CONNECT_WITH_ADDRESS = new Set([1018, 1021]);
const CONNECT_WITHOUT_ADDRESS = new Set([1017, 1020]);

export const afd: ProviderModule = {
  name: 'Microsoft-Windows-Winsock-AFD',
  guids: [PROVIDER_GUIDS.winsockAfd],
  aliases: ['Winsock-AFD', 'AFD'],
  ids: new Set([CREATE, ...CONNECT_WITH_ADDRESS, ...CONNECT_WITHOUT_ADDRESS]),
  create() {
    const pidByEndpoint = new BoundedMap<string, number>();
    const remoteByEndpoint = new BoundedMap<string, string>();
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const f = ev.fields;
      const endpoint = pointerField(f, 'Endpoint') ?? pointerField({ e: /Endpoint (0x[0-9a-f]+)/i.exec(ev.message ?? '')?.[1] ?? '' }, 'e');
      if (ev.id === CREATE) {
        // ProcessId is pointer-typed in the manifest; it still holds the process id.
        const pid = numberField(f, 'ProcessId') ?? (ev.pid > 0 ? ev.pid : undefined);
        if (endpoint !== undefined && pid !== undefined) pidByEndpoint.set(endpoint, pid);
        return [];
      }
      const withAddress = CONNECT_WITH_ADDRESS.has(ev.id);
      if (!withAddress && !CONNECT_WITHOUT_ADDRESS.has(ev.id)) return [];
      let remote = withAddress
        ? (toEndpoint(field(f, 'Address')) ?? toEndpoint(/Address (\S+?),/.exec(ev.message ?? '')?.[1]))
        : undefined;
      if (endpoint !== undefined) {
        if (remote !== undefined) remoteByEndpoint.set(endpoint, remote);
        else remote = remoteByEndpoint.get(endpoint);
      }
      if (remote === undefined) return [];
      const owningPid = (endpoint !== undefined ? pidByEndpoint.get(endpoint) : undefined) ?? (ev.pid > 0 ? ev.pid : undefined);
      const status = codeField(f, 'Status') ?? codeField({ s: /Status (\S+?)\.?$/.exec(ev.message ?? '')?.[1] ?? '' }, 's');
      return [
        {
          kind: 'tcp',
          ...base(ev, ref),
          what: 'afd_connect',
          remote,
          ...(status !== undefined ? { status } : {}),
          ...(owningPid !== undefined ? { owningPid } : {}),
          ...(endpoint !== undefined ? { endpoint } : {}),
        },
      ];
    };
  },
};
