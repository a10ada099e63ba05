// Microsoft-Windows-WebIO: the HTTP engine under WinHTTP. Carries what WinHTTP asked Schannel for
// (EnabledProtocols), the socket connect/close with address and reason, ISC results and certificate checks.
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { BoundedMap, base, type ProviderModule } from './module.js';
import {
  bytesField,
  codeField,
  field,
  maskField,
  numberField,
  pointerField,
  stringField,
  toNumber,
} from './fields.js';
import { ipsInText, sockaddrToText, toEndpoint } from './address.js';
import { certFailureReasons, nameOf, tcpCloseReasons, webioRequestOptions } from './manifest-maps.js';
import { SP_PROT_NAMES } from '../windows/sp-prot.js';
import { SECURITY_STATUS } from '../windows/security-status.js';

const SP_PROT_PREFIXES = ['SP_PROT_'];
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

/** WebIO RequestState markers 2100–2141 (message `=====<phase>=====`). */
const REQUEST_PHASES: Readonly<Record<number, string>> = {
  2100: 'Request Initialize',
  2101: 'Query Endpoints',
  2102: 'Waiting For Available Connection',
  2111: 'Request Connect',
  2112: 'Name Resolution',
  2113: 'TCP Connect',
  2114: 'SSL Negotiation',
  2120: 'Generate Headers',
  2121: 'Send Headers',
  2122: 'Send Entity',
  2123: 'Send Complete',
  2130: 'Receive Headers',
  2131: 'Receive Entity',
  2132: 'Receive Complete',
  2140: 'Request Restart',
  2141: 'Request Done',
};

/** ERROR_TIMEOUT: WebIO 210 reports a timed-out name resolution without a code. */
const ERROR_TIMEOUT = 1460;

/** The pointer that leads a WebIO message (`0x2A3F1B0: SSL …`), for text exports that carry no fields. */
function leadingPointer(ev: TraceEvent): string | undefined {
  const m = /^\s*(0x[0-9a-f]+)\s*:/i.exec(ev.message ?? '');
  return m ? pointerField({ p: m[1]! }, 'p') : undefined;
}

function fromMessage(ev: TraceEvent, re: RegExp): string | undefined {
  const m = re.exec(ev.message ?? '');
  return m ? m[1] : undefined;
}

function isFailure(status: number): boolean {
  return (status & 0x80000000) !== 0 && status !== SECURITY_STATUS.SEC_E_INCOMPLETE_MESSAGE;
}

/** WebIO 206 SockAddr: `AddressCount` SOCKADDR entries of equal size, or already rendered text. */
function resolvedAddresses(ev: TraceEvent): string[] {
  const blob = field(ev.fields, 'SockAddr');
  if (typeof blob === 'string' && !/^(0x)?[0-9a-f]+$/i.test(blob.trim())) return ipsInText(blob.replace(/:\d+(?=[;,\s]|$)/g, ''));
  const bytes = bytesField(ev.fields, 'SockAddr');
  const count = numberField(ev.fields, 'AddressCount') ?? 0;
  const out: string[] = [];
  if (bytes && count > 0 && bytes.length % count === 0) {
    const size = bytes.length / count;
    for (let i = 0; i < count; i++) {
      const text = sockaddrToText(bytes, i * size);
      if (!text) continue;
      const ip = text.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      if (!out.includes(ip)) out.push(ip);
    }
  }
  return out;
}

const WEBIO_IDS: ReadonlySet<number> = new Set([
  15, 17, 18, 104, 200, 201, 202, 204, 205, 206, 207, 210, 211, 212, 700, 703, 704, 705, 712, 713, 728, 729, 730,
  ...Object.keys(REQUEST_PHASES).map(Number),
]);

export const webio: ProviderModule = {
  name: 'Microsoft-Windows-WebIO',
  guids: [PROVIDER_GUIDS.webio],
  aliases: ['WebIO'],
  ids: WEBIO_IDS,
  create() {
    const hostByConnection = new BoundedMap<string, string>();
    const nameByQuery = new BoundedMap<string, string>();

    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const f = ev.fields;
      const b = base(ev, ref);
      const id = ev.id;

      if (id === 728 || id === 729 || id === 730) {
        const connection = pointerField(f, 'Connection') ?? leadingPointer(ev);
        const enabled =
          maskField(f, 'EnabledProtocols', SP_PROT_NAMES, SP_PROT_PREFIXES) ??
          (() => {
            const t = fromMessage(ev, /\(EnabledProtocols\s+([^)]*)\)/i);
            return t === undefined ? undefined : maskField({ e: t }, 'e', SP_PROT_NAMES, SP_PROT_PREFIXES);
          })();
        if (connection === undefined || enabled === undefined) return [];
        const phase = id === 728 ? 'start' : id === 729 ? 'stop' : 'error';
        const result =
          id === 728
            ? undefined
            : (codeField(f, 'Result') ??
              (() => {
                const t = fromMessage(ev, /AcquireCredentialsHandle (?:returned|failed) - \(([^)]*)\)/i);
                return t === undefined ? undefined : codeField({ r: t }, 'r');
              })());
        const cipherConfig = numberField(f, 'CipherConfig') ?? toNumber(fromMessage(ev, /\(CipherConfig\s+([^)]*)\)/i));
        const clientCert = pointerField(f, 'SSLClientCert') ?? pointerField({ c: fromMessage(ev, /\(ClientCert\s+([^)]*)\)/i) ?? '' }, 'c');
        return [
          {
            kind: 'credentials',
            ...b,
            connection,
            enabledProtocols: enabled,
            phase,
            ...(result !== undefined ? { result } : {}),
            ...(cipherConfig !== undefined ? { cipherConfig } : {}),
            ...(clientCert !== undefined ? { clientCert } : {}),
          },
        ];
      }

      if (id === 200 || id === 201 || id === 202) {
        const connection = pointerField(f, 'Connection') ?? leadingPointer(ev);
        if (connection === undefined) return [];
        const address = toEndpoint(field(f, 'Address')) ?? toEndpoint(fromMessage(ev, /Address:\s*(\S+?)\.?$/));
        const socket = pointerField(f, 'SocketHandle') ?? pointerField({ s: fromMessage(ev, /\(Socket\s+([^)]*)\)/) ?? '' }, 's');
        const error = codeField(f, 'Error') ?? (id === 202 ? codeField({ e: fromMessage(ev, /failed with error\s+(\S+)/) ?? '' }, 'e') : undefined);
        const remaining = numberField(f, 'RemainingAddressCount');
        return [
          {
            kind: 'socket_connect',
            ...b,
            connection,
            phase: id === 200 ? 'start' : id === 201 ? 'stop' : 'error',
            ...(socket !== undefined ? { socket } : {}),
            ...(address !== undefined ? { address } : {}),
            ...(error !== undefined && (id === 202 || error !== 0) ? { error } : {}),
            ...(remaining !== undefined ? { remainingAddresses: remaining } : {}),
          },
        ];
      }

      if (id === 204) {
        const connection = pointerField(f, 'Endpoint', 'Connection') ?? leadingPointer(ev);
        const reasonValue = field(f, 'Reason') ?? fromMessage(ev, /\(Reason = ([^,]*),/);
        const reason = toNumber(reasonValue, tcpCloseReasons());
        if (connection === undefined || reason === undefined) return [];
        const status = codeField(f, ['Result', 'Status']) ?? codeField({ s: fromMessage(ev, /Status = ([^)]*)\)/) ?? '' }, 's');
        const socket = pointerField(f, 'Socket', 'SocketHandle');
        const aborted = field(f, 'Aborted');
        const reasonText = nameOf(tcpCloseReasons(), reason);
        return [
          {
            kind: 'socket_closed',
            ...b,
            connection,
            reason,
            ...(socket !== undefined ? { socket } : {}),
            ...(status !== undefined ? { status } : {}),
            ...(reasonText !== undefined ? { reasonText } : {}),
            ...(aborted !== undefined ? { aborted: toNumber(aborted) === 1 || String(aborted).toLowerCase() === 'true' } : {}),
          },
        ];
      }

      if (id === 700 || id === 703) {
        const connection = pointerField(f, 'Connection') ?? leadingPointer(ev);
        if (connection === undefined) return [];
        const named = stringField(f, 'HostName') ?? fromMessage(ev, /\(Hostname\s+([^)\s]+)\)/i);
        if (named) hostByConnection.set(connection, named);
        const hostName = named ?? hostByConnection.get(connection);
        const result =
          codeField(f, 'Result') ??
          (id === 703 ? codeField({ r: fromMessage(ev, /InitializeSecurityContext returned - \(([^)]*)\)/) ?? '' }, 'r') : 0);
        if (result === undefined) return [];
        const high = pointerField(f, 'SecurityHandleHigh');
        const low = pointerField(f, 'SecurityHandleLow');
        return [
          {
            kind: 'security_context',
            ...b,
            connection,
            result,
            phase: id === 700 ? 'start' : isFailure(result) ? 'error' : 'stop',
            ...(hostName !== undefined ? { hostName } : {}),
            ...(high !== undefined && low !== undefined ? { contextHandle: `${high}:${low}` } : {}),
          },
        ];
      }

      if (id === 704 || id === 705) {
        const connection = pointerField(f, 'Connection') ?? leadingPointer(ev);
        const data = bytesField(f, 'Data');
        if (connection === undefined || data === undefined || data.length === 0) return [];
        return [{ kind: 'tls_bytes', ...b, connection, direction: id === 704 ? 'received' : 'sent', data }];
      }

      if (id === 712 || id === 713) {
        const connection = pointerField(f, 'Connection') ?? leadingPointer(ev);
        const errorFlags = numberField(f, 'ServerCertErrors') ?? toNumber(fromMessage(ev, /\(CertErrors\s+([^)]*)\)/));
        const ignoredFlags = numberField(f, 'IgnoredServerCertErrors');
        const error = codeField(f, 'Error') ?? codeField({ e: fromMessage(ev, /\(Error:\s*([^)]*)\)/) ?? '' }, 'e');
        const reasonValue = field(f, 'Reason') ?? fromMessage(ev, /Validation Failure - (.*?) \(Error:/);
        const reason = toNumber(reasonValue, certFailureReasons());
        const reasonText = reason !== undefined ? nameOf(certFailureReasons(), reason) : undefined;
        const host = connection !== undefined ? hostByConnection.get(connection) : undefined;
        return [
          {
            kind: 'cert_validation',
            ...b,
            ...(connection !== undefined ? { connection } : {}),
            ...(errorFlags !== undefined ? { errorFlags } : {}),
            ...(ignoredFlags !== undefined ? { ignoredFlags } : {}),
            ...(error !== undefined ? { error } : {}),
            ...(reason !== undefined ? { reason } : {}),
            ...(host !== undefined ? { host } : {}),
            ...(id === 713 && reasonText !== undefined && reason !== 0 ? { texts: [reasonText] } : {}),
          },
        ];
      }

      if (id === 15) {
        const request = pointerField(f, 'Request') ?? leadingPointer(ev);
        const option = toNumber(field(f, 'Option') ?? fromMessage(ev, /Set Request Option (\S+)/), webioRequestOptions());
        if (request === undefined || option === undefined) return [];
        const error = codeField(f, 'Error');
        const optionName = nameOf(webioRequestOptions(), option);
        let secureProtocols: number | undefined;
        if (option === webioRequestOptions().SecureProtocols) {
          const raw = field(f, 'Value');
          const bytes = bytesField(f, 'Value');
          if (typeof raw === 'number' || typeof raw === 'bigint') secureProtocols = toNumber(raw);
          else if (bytes && bytes.length >= 4) {
            secureProtocols = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
          }
        }
        return [
          {
            kind: 'request',
            ...b,
            request,
            option,
            ...(optionName !== undefined ? { optionName } : {}),
            ...(secureProtocols !== undefined ? { secureProtocols } : {}),
            ...(error !== undefined ? { error } : {}),
          },
        ];
      }

      if (id === 17 || id === 18) {
        const request = pointerField(f, 'Request') ?? (id === 17 ? leadingPointer(ev) : undefined);
        if (request === undefined) return [];
        const method = stringField(f, 'Method') ?? fromMessage(ev, /\(Method\s+([^)]*)\)/);
        const uri = stringField(f, 'URI') ?? fromMessage(ev, /\(URI\s+([^)]*)\)/);
        const error = codeField(f, 'Error');
        return [
          {
            kind: 'request',
            ...b,
            request,
            ...(method !== undefined ? { method } : {}),
            ...(uri !== undefined ? { uri } : {}),
            ...(error !== undefined && error !== 0 ? { error } : {}),
          },
        ];
      }

      if (id === 104) {
        // "Acquired a connection slot": the only event that ties a request to its connection.
        const request = pointerField(f, 'Request') ?? leadingPointer(ev);
        const connection = pointerField(f, 'Connection') ?? pointerField({ c: fromMessage(ev, /\(Connection:\s*([^)]*)\)/) ?? '' }, 'c');
        if (request === undefined || connection === undefined || connection === '0x0') return [];
        return [{ kind: 'request', ...b, request, connection }];
      }

      const phaseName = REQUEST_PHASES[id];
      if (phaseName !== undefined) {
        const request = pointerField(f, 'Context') ?? leadingPointer(ev);
        if (request === undefined) return [];
        return [{ kind: 'request', ...b, request, phase: phaseName }];
      }

      if (id >= 205 && id <= 212) return nameResolution(ev, b, nameByQuery);
      return [];
    };
  },
};

function nameResolution(
  ev: TraceEvent,
  b: ReturnType<typeof base>,
  nameByQuery: BoundedMap<string, string>,
): Observation[] {
  const f = ev.fields;
  const id = ev.id;
  const common = { ...b, origin: 'webio' as const };
  if (id === 205) {
    const handle = pointerField(f, 'DnsQuery') ?? leadingPointer(ev);
    const name = stringField(f, 'HostName') ?? fromMessage(ev, /\(Name\s+([^)]*)\)/);
    if (name === undefined) return [];
    if (handle !== undefined) nameByQuery.set(handle, name);
    return [{ kind: 'dns', ...common, name, phase: 'query', addresses: [], ...(handle !== undefined ? { handle } : {}) }];
  }
  if (id === 206) {
    const handle = pointerField(f, 'DnsQuery') ?? leadingPointer(ev);
    const name = stringField(f, 'FQDN') ?? (handle !== undefined ? nameByQuery.get(handle) : undefined);
    if (name === undefined) return [];
    const canonical = stringField(f, 'CanonicalName');
    const addressCount = numberField(f, 'AddressCount');
    return [
      {
        kind: 'dns',
        ...common,
        name,
        phase: 'result',
        status: 0,
        addresses: resolvedAddresses(ev),
        ...(canonical !== undefined && canonical.toLowerCase() !== name.toLowerCase() ? { aliases: [canonical] } : {}),
        ...(addressCount !== undefined ? { addressCount } : {}),
        ...(handle !== undefined ? { handle } : {}),
      },
    ];
  }
  if (id === 207 || id === 210) {
    const handle = pointerField(f, id === 207 ? 'DnsQuery' : 'ReferenceContext') ?? leadingPointer(ev);
    const name = handle !== undefined ? nameByQuery.get(handle) : undefined;
    if (name === undefined) return [];
    const status = id === 207 ? (codeField(f, 'Error') ?? codeField({ e: fromMessage(ev, /\(Error\s+([^)]*)\)/) ?? '' }, 'e')) : ERROR_TIMEOUT;
    if (status === undefined) return [];
    return [{ kind: 'dns', ...common, name, phase: 'result', status, addresses: [], ...(handle !== undefined ? { handle } : {}) }];
  }
  if (id === 211 || id === 212) {
    const handle = pointerField(f, 'CacheEntry') ?? leadingPointer(ev);
    const name = stringField(f, 'ResolveName') ?? fromMessage(ev, /\(Host\s+([^)]*)\)/);
    if (name === undefined) return [];
    if (id === 211) return [{ kind: 'dns', ...common, name, phase: 'query', addresses: [], ...(handle !== undefined ? { handle } : {}) }];
    const status = codeField(f, 'Error') ?? codeField({ e: fromMessage(ev, /\(Error = ([^)]*)\)/) ?? '' }, 'e');
    const addressCount = numberField(f, 'AddressCount') ?? toNumber(fromMessage(ev, /\(AddressCount\s+([^)]*)\)/));
    return [
      {
        kind: 'dns',
        ...common,
        name,
        phase: 'result',
        addresses: [],
        ...(status !== undefined ? { status } : {}),
        ...(addressCount !== undefined ? { addressCount } : {}),
        ...(handle !== undefined ? { handle } : {}),
      },
    ];
  }
  return [];
}
