// Microsoft-Windows-WebIO: the HTTP engine under WinHTTP. Carries what WinHTTP asked Schannel for
// (EnabledProtocols), the socket connect/close with address and reason, ISC results and certificate checks.
// One small handler per event id, reading decoded fields only: ETL events are decoded with the manifest
// templates, and netsh/tracerpt text exports rebuild the same fields from the same templates.
import type { TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';
import { BoundedMap, base, type ProviderModule } from './module.js';
import { bytesField, codeField, field, maskField, numberField, pointerField, stringField, toNumber } from './fields.js';
import { ipsInText, sockaddrToText, toEndpoint } from './address.js';
import { certFailureReasons, nameOf, tcpCloseReasons, webioRequestOptions } from './manifest-maps.js';
import { SP_PROT_NAMES } from '../windows/sp-prot.js';
import { SECURITY_STATUS } from '../windows/security-status.js';
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

/** What one trace's WebIO events remember across events: names by connection and by DNS query. */
interface WebIoState {
  hostByConnection: BoundedMap<string, string>;
  nameByQuery: BoundedMap<string, string>;
}

type Common = ReturnType<typeof base>;
type Handler = (ev: TraceEvent, b: Common, state: WebIoState) => Observation[];

function isFailure(status: number): boolean {
  return (status & 0x80000000) !== 0 && status !== SECURITY_STATUS.SEC_E_INCOMPLETE_MESSAGE;
}

/** `{ key: value }` when the value is known, `{}` otherwise: optional observation fields. */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The `Error` field as an observation's error: a 0 only when it is the failure event's own code. */
function errorOf(ev: TraceEvent, failureEvent: boolean): { error?: number } {
  const error = codeField(ev.fields, 'Error');
  return opt('error', error === 0 && !failureEvent ? undefined : error);
}

/** WebIO 728/729/730: AcquireCredentialsHandle with the protocol set WinHTTP asked Schannel for. */
const credentials: Handler = (ev, b) => {
  const f = ev.fields;
  const connection = pointerField(f, 'Connection');
  const enabled = maskField(f, 'EnabledProtocols', SP_PROT_NAMES, ['SP_PROT_']);
  if (connection === undefined || enabled === undefined) return [];
  const phase = ev.id === 728 ? 'start' : ev.id === 729 ? 'stop' : 'error';
  const result = ev.id === 728 ? undefined : codeField(f, 'Result');
  return [
    {
      kind: 'credentials',
      ...b,
      connection,
      enabledProtocols: enabled,
      phase,
      ...opt('result', result),
      ...opt('cipherConfig', numberField(f, 'CipherConfig')),
      ...opt('clientCert', pointerField(f, 'SSLClientCert')),
    },
  ];
};

/** WebIO 200/201/202: socket connect start, done, failed. */
const socketConnect: Handler = (ev, b) => {
  const f = ev.fields;
  const connection = pointerField(f, 'Connection');
  if (connection === undefined) return [];
  const phase = ev.id === 200 ? 'start' : ev.id === 201 ? 'stop' : 'error';
  const address = toEndpoint(field(f, 'Address'));
  const socket = { ...opt('socket', pointerField(f, 'SocketHandle')), ...opt('address', address) };
  return [{ kind: 'socket_connect', ...b, connection, phase, ...socket, ...errorOf(ev, ev.id === 202), ...opt('remainingAddresses', numberField(f, 'RemainingAddressCount')) }];
};

/** WebIO 204: socket closed, with the manifest's TCPCloseReasonType. */
const socketClosed: Handler = (ev, b) => {
  const f = ev.fields;
  const connection = pointerField(f, 'Endpoint', 'Connection');
  const reason = toNumber(field(f, 'Reason'), tcpCloseReasons());
  if (connection === undefined || reason === undefined) return [];
  const abortedField = field(f, 'Aborted');
  const aborted = abortedField === undefined ? undefined : toNumber(abortedField) === 1 || String(abortedField).toLowerCase() === 'true';
  const socket = { ...opt('socket', pointerField(f, 'Socket', 'SocketHandle')), ...opt('status', codeField(f, ['Result', 'Status'])) };
  return [{ kind: 'socket_closed', ...b, connection, reason, ...socket, ...opt('reasonText', nameOf(tcpCloseReasons(), reason)), ...opt('aborted', aborted) }];
};

/** WebIO 700/703: InitializeSecurityContext called / returned (the host name comes with the call). */
const securityContext: Handler = (ev, b, state) => {
  const f = ev.fields;
  const connection = pointerField(f, 'Connection');
  if (connection === undefined) return [];
  const named = stringField(f, 'HostName');
  if (named) state.hostByConnection.set(connection, named);
  const result = codeField(f, 'Result') ?? (ev.id === 703 ? undefined : 0);
  if (result === undefined) return [];
  const high = pointerField(f, 'SecurityHandleHigh');
  const low = pointerField(f, 'SecurityHandleLow');
  return [
    {
      kind: 'security_context',
      ...b,
      connection,
      result,
      phase: ev.id === 700 ? 'start' : isFailure(result) ? 'error' : 'stop',
      ...opt('hostName', named ?? state.hostByConnection.get(connection)),
      ...(high !== undefined && low !== undefined ? { contextHandle: `${high}:${low}` } : {}),
    },
  ];
};

/** WebIO 704/705: TLS bytes received / sent on a connection. */
const tlsBytes: Handler = (ev, b) => {
  const connection = pointerField(ev.fields, 'Connection');
  const data = bytesField(ev.fields, 'Data');
  if (connection === undefined || data === undefined || data.length === 0) return [];
  return [{ kind: 'tls_bytes', ...b, connection, direction: ev.id === 704 ? 'received' : 'sent', data }];
};

/** WebIO 712/713: the server certificate check and, on failure, why. */
const certValidation: Handler = (ev, b, state) => {
  const f = ev.fields;
  const connection = pointerField(f, 'Connection');
  const reason = toNumber(field(f, 'Reason'), certFailureReasons());
  const reasonText = reason !== undefined ? nameOf(certFailureReasons(), reason) : undefined;
  return [
    {
      kind: 'cert_validation',
      ...b,
      ...opt('connection', connection),
      ...opt('errorFlags', numberField(f, 'ServerCertErrors')),
      ...opt('ignoredFlags', numberField(f, 'IgnoredServerCertErrors')),
      ...opt('error', codeField(f, 'Error')),
      ...opt('reason', reason),
      ...opt('host', connection !== undefined ? state.hostByConnection.get(connection) : undefined),
      ...(ev.id === 713 && reasonText !== undefined && reason !== 0 ? { texts: [reasonText] } : {}),
    },
  ];
};

/** The SecureProtocols value of a WebIO 15 option: a number, or the 4 little-endian bytes of the DWORD. */
function secureProtocolsValue(ev: TraceEvent): number | undefined {
  const raw = field(ev.fields, 'Value');
  if (typeof raw === 'number' || typeof raw === 'bigint') return toNumber(raw);
  const bytes = bytesField(ev.fields, 'Value');
  return bytes && bytes.length >= 4 ? (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0 : undefined;
}

/** WebIO 15: a request option set (mapRequestOption); SecureProtocols is the application's protocol choice. */
const requestOption: Handler = (ev, b) => {
  const f = ev.fields;
  const request = pointerField(f, 'Request');
  const option = toNumber(field(f, 'Option'), webioRequestOptions());
  if (request === undefined || option === undefined) return [];
  return [
    {
      kind: 'request',
      ...b,
      request,
      option,
      ...opt('optionName', nameOf(webioRequestOptions(), option)),
      ...opt('secureProtocols', option === webioRequestOptions().SecureProtocols ? secureProtocolsValue(ev) : undefined),
      ...opt('error', codeField(f, 'Error')),
    },
  ];
};

/** WebIO 17/18: a request opened with its method and URI. */
const requestOpen: Handler = (ev, b) => {
  const f = ev.fields;
  const request = pointerField(f, 'Request');
  if (request === undefined) return [];
  return [{ kind: 'request', ...b, request, ...opt('method', stringField(f, 'Method')), ...opt('uri', stringField(f, 'URI')), ...errorOf(ev, false) }];
};

/** WebIO 104 "Acquired a connection slot": the only event that ties a request to its connection. */
const connectionSlot: Handler = (ev, b) => {
  const request = pointerField(ev.fields, 'Request');
  const connection = pointerField(ev.fields, 'Connection');
  if (request === undefined || connection === undefined || connection === '0x0') return [];
  return [{ kind: 'request', ...b, request, connection }];
};

/** WebIO 2100–2141: the request's phase markers. */
const requestPhase: Handler = (ev, b) => {
  const request = pointerField(ev.fields, 'Context');
  return request === undefined ? [] : [{ kind: 'request', ...b, request, phase: REQUEST_PHASES[ev.id]! }];
};

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
      const ip = sockaddrToText(bytes, i * size)?.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      if (ip && !out.includes(ip)) out.push(ip);
    }
  }
  return out;
}

/** WebIO 205: a name resolution started. */
const dnsQuery: Handler = (ev, b, state) => {
  const handle = pointerField(ev.fields, 'DnsQuery');
  const name = stringField(ev.fields, 'HostName');
  if (name === undefined) return [];
  if (handle !== undefined) state.nameByQuery.set(handle, name);
  return [{ kind: 'dns', ...b, origin: 'webio', name, phase: 'query', addresses: [], ...opt('handle', handle) }];
};

/** WebIO 206: a name resolved, with its addresses. */
const dnsResolved: Handler = (ev, b, state) => {
  const f = ev.fields;
  const handle = pointerField(f, 'DnsQuery');
  const name = stringField(f, 'FQDN') ?? (handle !== undefined ? state.nameByQuery.get(handle) : undefined);
  if (name === undefined) return [];
  const canonical = stringField(f, 'CanonicalName');
  return [
    {
      kind: 'dns',
      ...b,
      origin: 'webio',
      name,
      phase: 'result',
      status: 0,
      addresses: resolvedAddresses(ev),
      ...(canonical !== undefined && canonical.toLowerCase() !== name.toLowerCase() ? { aliases: [canonical] } : {}),
      ...opt('addressCount', numberField(f, 'AddressCount')),
      ...opt('handle', handle),
    },
  ];
};

/** WebIO 207 (failed, with its error) and 210 (timed out): a name resolution that gave no address. */
const dnsFailed: Handler = (ev, b, state) => {
  const handle = pointerField(ev.fields, ev.id === 207 ? 'DnsQuery' : 'ReferenceContext');
  const name = handle !== undefined ? state.nameByQuery.get(handle) : undefined;
  const status = ev.id === 207 ? codeField(ev.fields, 'Error') : ERROR_TIMEOUT;
  if (name === undefined || status === undefined) return [];
  return [{ kind: 'dns', ...b, origin: 'webio', name, phase: 'result', status, addresses: [], ...opt('handle', handle) }];
};

/** WebIO 211/212: a DNS cache lookup and its result. */
const dnsCache: Handler = (ev, b) => {
  const f = ev.fields;
  const handle = pointerField(f, 'CacheEntry');
  const name = stringField(f, 'ResolveName');
  if (name === undefined) return [];
  const common = { kind: 'dns' as const, ...b, origin: 'webio' as const, name, addresses: [], ...opt('handle', handle) };
  if (ev.id === 211) return [{ ...common, phase: 'query' }];
  return [{ ...common, phase: 'result', ...opt('status', codeField(f, 'Error')), ...opt('addressCount', numberField(f, 'AddressCount')) }];
};

const HANDLERS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [15, requestOption],
  [17, requestOpen],
  [18, requestOpen],
  [104, connectionSlot],
  [200, socketConnect],
  [201, socketConnect],
  [202, socketConnect],
  [204, socketClosed],
  [205, dnsQuery],
  [206, dnsResolved],
  [207, dnsFailed],
  [210, dnsFailed],
  [211, dnsCache],
  [212, dnsCache],
  [700, securityContext],
  [703, securityContext],
  [704, tlsBytes],
  [705, tlsBytes],
  [712, certValidation],
  [713, certValidation],
  [728, credentials],
  [729, credentials],
  [730, credentials],
  ...Object.keys(REQUEST_PHASES).map((id) => [Number(id), requestPhase] as const),
]);

export const webio: ProviderModule = {
  name: 'Microsoft-Windows-WebIO',
  guids: [PROVIDER_GUIDS.webio],
  aliases: ['WebIO'],
  ids: new Set(HANDLERS.keys()),
  create() {
    const state: WebIoState = { hostByConnection: new BoundedMap(), nameByQuery: new BoundedMap() };
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => HANDLERS.get(ev.id)?.(ev, base(ev, ref), state) ?? [];
  },
};
