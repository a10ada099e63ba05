// Hand-built observations and flows, laid out as the providers and network layers document them.
import type {
  EvidenceRef,
  Observation,
  CredentialsAcquired,
  SocketConnect,
  SocketClosed,
  SecurityContext,
  CertificateValidation,
  RequestInfo,
  WinHttpError,
  TlsVersionMismatch,
  ProxyEvent,
  WinRmEvent,
  DnsQuery,
  TcpEvent,
  ProcessInfo,
} from '../../src/providers/observations.js';
import type { TcpFlow, TlsAlert, TlsCertificate, TlsClientHello, TlsServerHello } from '../../src/net/types.js';
import { evidenceList } from '../../src/net/evidence-log.js';
import type { TlsNaming } from '../../src/correlate/naming.js';
import { Correlator } from '../../src/correlate/index.js';
import type { CorrelationResult } from '../../src/correlate/types.js';
import type { TraceContext } from '../../src/diagnose/context.js';
import { diagnose, type Diagnosis } from '../../src/diagnose/index.js';

/** 2024-11-05T09:14:00Z as FILETIME. */
export const BASE = 133752716400000000n;
export const at = (ms: number): bigint => BASE + BigInt(Math.round(ms * 10_000));

export const NAMING: TlsNaming = {
  versionName: (v) => ({ 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' })[v] ?? `0x${v.toString(16)}`,
  cipherSuiteName: (id) =>
    ({ 0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 0x002f: 'TLS_RSA_WITH_AES_128_CBC_SHA', 0x0035: 'TLS_RSA_WITH_AES_256_CBC_SHA', 0x000a: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA' })[id] ??
    `0x${id.toString(16).padStart(4, '0')}`,
  alertDescriptionName: (d) => ({ 0: 'close_notify', 40: 'handshake_failure', 48: 'unknown_ca', 70: 'protocol_version', 71: 'insufficient_security' })[d] ?? `alert_${d}`,
};

const WEBIO = 'Microsoft-Windows-WebIO';
const WINHTTP = 'Microsoft-Windows-WinHttp';

function ref(ms: number, source: string, text: string): EvidenceRef {
  return { time: at(ms), source, text };
}
function base(ms: number, pid: number, source: string, text: string) {
  return { time: at(ms), pid, tid: pid + 4, ref: ref(ms, source, text) };
}

export const ev = {
  credentials(ms: number, pid: number, connection: string, enabledProtocols: number, phase: CredentialsAcquired['phase'] = 'start', result?: number): CredentialsAcquired {
    return { kind: 'credentials', connection, enabledProtocols, phase, result, ...base(ms, pid, `${WEBIO}/728`, `${connection}: SSL AcquireCredentialsHandle - (EnabledProtocols ${enabledProtocols})`) };
  },
  connect(ms: number, pid: number, connection: string, address: string | undefined, phase: SocketConnect['phase'] = 'start', error?: number): SocketConnect {
    return { kind: 'socket_connect', connection, address, phase, error, ...base(ms, pid, `${WEBIO}/${phase === 'start' ? 200 : phase === 'stop' ? 201 : 202}`, `${connection}: connect ${phase} ${address ?? ''} ${error ?? ''}`) };
  },
  closed(ms: number, pid: number, connection: string, reason: number): SocketClosed {
    return { kind: 'socket_closed', connection, reason, ...base(ms, pid, `${WEBIO}/204`, `${connection}: Socket closed (Reason = ${reason})`) };
  },
  isc(ms: number, pid: number, connection: string, result: number, hostName?: string, phase: SecurityContext['phase'] = 'stop'): SecurityContext {
    return { kind: 'security_context', connection, result, hostName, phase, ...base(ms, pid, `${WEBIO}/703`, `${connection}: InitializeSecurityContext returned ${result}`) };
  },
  cert(ms: number, pid: number, x: Partial<Pick<CertificateValidation, 'connection' | 'errorFlags' | 'error' | 'host' | 'texts'>>): CertificateValidation {
    return { kind: 'cert_validation', ...x, ...base(ms, pid, `${WEBIO}/713`, `cert validation ${JSON.stringify(x)}`) };
  },
  request(ms: number, pid: number, x: Partial<Pick<RequestInfo, 'connection' | 'secureProtocols' | 'phase'>>): RequestInfo {
    return { kind: 'request', request: '0xR1', ...x, ...base(ms, pid, `${WEBIO}/15`, `request ${JSON.stringify(x)}`) };
  },
  winhttpError(ms: number, pid: number, code: number, api = 'WinHttpSendRequest'): WinHttpError {
    return { kind: 'winhttp_error', api, code, ...base(ms, pid, `${WINHTTP}/12`, `${api} failed with an error = ${code}.`) };
  },
  mismatch(ms: number, pid: number, host: string, processName?: string): TlsVersionMismatch {
    return { kind: 'tls_version_mismatch', host, processName, ...base(ms, pid, `${WINHTTP}/1053`, 'The WinHttp TLS handshake failed with version mismatch error') };
  },
  proxy(ms: number, pid: number, what: ProxyEvent['what'], x: { url?: string; proxy?: string; error?: number } = {}): ProxyEvent {
    return { kind: 'proxy', what, ...x, ...base(ms, pid, `${WINHTTP}/815`, `autoproxy ${what} ${JSON.stringify(x)}`) };
  },
  winrm(ms: number, pid: number, id: number, text: string, host?: string, errorCode?: number): WinRmEvent {
    return { kind: 'winrm', id, text, host, errorCode, ...base(ms, pid, `Microsoft-Windows-WinRM/${id}`, text) };
  },
  dns(ms: number, pid: number, name: string, status: number, addresses: string[], origin: DnsQuery['origin'] = 'dns-client'): DnsQuery {
    return { kind: 'dns', name, status, addresses, origin, phase: 'result', ...base(ms, pid, 'Microsoft-Windows-DNS-Client/3008', `DNS query is completed for the name ${name} with status ${status} Results ${addresses.join(';')}`) };
  },
  tcp(ms: number, pid: number, what: TcpEvent['what'], local: string | undefined, remote: string, status?: number): TcpEvent {
    return { kind: 'tcp', what, local, remote, status, ...base(ms, pid, 'Microsoft-Windows-TCPIP/1033', `TCP ${what} local=${local} remote=${remote}`) };
  },
  process(ms: number, pid: number, image: string): ProcessInfo {
    return { kind: 'process', processId: pid, image, ...base(ms, pid, 'Kernel/Process', `process ${pid} ${image}`) };
  },
};

export function hello(versions: { legacy: number; supported?: number[] }, cipherSuites: number[], serverName?: string, truncated = false): TlsClientHello {
  return { recordVersion: 0x0301, legacyVersion: versions.legacy, supportedVersions: versions.supported, cipherSuites, serverName, truncated };
}

export function serverHello(selectedVersion: number, cipherSuite?: number): TlsServerHello {
  return { legacyVersion: Math.min(selectedVersion, 0x0303), selectedVersion, cipherSuite, helloRetryRequest: false, truncated: false };
}

export interface FlowSpec {
  id?: number;
  ms: number;
  client?: string;
  server: string;
  syn?: boolean;
  synAck?: boolean;
  rstBy?: TcpFlow['rstBy'];
  rstMs?: number;
  truncated?: boolean;
  clientHello?: TlsClientHello;
  serverHello?: TlsServerHello;
  certificates?: TlsCertificate[];
  alerts?: { from: 'client' | 'server'; ms: number; description: number; level?: number }[];
  established?: boolean;
  retransmissions?: number;
  pid?: number;
  /** Payload each side had sent when the RST came. */
  sentBeforeReset?: { client: number; server: number };
  /** Application data seen per sender (default: both when established). */
  applicationData?: { client: boolean; server: boolean };
  /** Encrypted alerts: who sent them, when, and whether application data had flowed before. */
  encryptedAlerts?: { from: 'client' | 'server'; ms: number; afterApplicationData: boolean }[];
  localSide?: 'client' | 'server';
}

let nextFlowId = 1;
export function flow(s: FlowSpec): TcpFlow {
  const [sip, sport] = s.server.split(':');
  const [cip, cport] = (s.client ?? '10.0.0.5:50712').split(':');
  const alerts: TlsAlert[] = (s.alerts ?? []).map((a) => ({ from: a.from, time: at(a.ms), level: a.level ?? 2, description: a.description, encrypted: false, afterApplicationData: false }));
  for (const a of s.encryptedAlerts ?? []) alerts.push({ from: a.from, time: at(a.ms), encrypted: true, afterApplicationData: a.afterApplicationData });
  const hasTls = s.clientHello || s.serverHello || alerts.length || s.established || s.applicationData;
  const f: TcpFlow = {
    id: s.id ?? nextFlowId++,
    firstSeen: at(s.ms),
    lastSeen: at(s.ms + 200),
    client: { ip: cip!, port: Number(cport) },
    server: { ip: sip!, port: Number(sport) },
    packets: 8,
    packetAppearances: 8,
    bytes: 900,
    sentBytes: { client: 500, server: 400 },
    roleBasis: (s.syn ?? true) ? 'syn' : 'ports',
    syn: s.syn ?? true,
    synAck: s.synAck ?? true,
    rstBy: s.rstBy ?? 'none',
    finBy: 'none',
    rstTime: s.rstBy && s.rstBy !== 'none' ? at(s.rstMs ?? s.ms + 100) : undefined,
    retransmissions: s.retransmissions ?? 0,
    truncated: s.truncated ?? false,
    pid: s.pid,
    ...(s.sentBeforeReset ? { sentBeforeReset: s.sentBeforeReset } : {}),
    ...(s.localSide ? { localSide: s.localSide } : {}),
    evidence: evidenceList([{ time: at(s.ms), source: 'packet #1', text: `TCP ${s.client ?? '10.0.0.5:50712'} → ${s.server} [SYN]` }]),
    tls: hasTls
      ? {
          clientHello: s.clientHello,
          serverHello: s.serverHello,
          certificates: s.certificates ?? [],
          alerts,
          clientChangeCipherSpec: !!s.established,
          serverChangeCipherSpec: !!s.established,
          established: !!s.established,
          applicationData: s.applicationData ?? { client: !!s.established, server: !!s.established },
          clientHelloTime: s.clientHello ? at(s.ms + 40) : undefined,
        }
      : undefined,
  };
  return f;
}

export const TLS10 = { legacy: 0x0301 };
export const TLS12 = { legacy: 0x0303 };
export const MODERN_SUITES = [0xc030, 0xc02f, 0x009f, 0x0035];
export const OLD_SUITES = [0x0035, 0x002f, 0x000a];
export const EXO = 'outlook.office365.com';
export const EXO_IP = '52.96.88.40';

export function correlate(observations: Observation[], flows: TcpFlow[] = [], opts: { maxEvidence?: number } = {}): CorrelationResult {
  const c = new Correlator({ naming: NAMING, ...opts });
  for (const o of observations) c.add(o);
  return c.finish(flows);
}

export function contextOf(r: CorrelationResult, x: Partial<TraceContext> = {}): TraceContext {
  return {
    osBuild: 9200,
    pointerSize: 8,
    eventsLost: 0,
    buffersLost: 0,
    readIssues: [],
    damaged: false,
    packets: r.stats.flows > 0 ? 20 : 0,
    stats: r.stats,
    facts: r.facts,
    connections: r.connections,
    naming: NAMING,
    ...x,
  };
}

/** Correlates and diagnoses in one go. */
export function run(observations: Observation[], flows: TcpFlow[] = [], ctx: Partial<TraceContext> = {}): Diagnosis & { result: CorrelationResult; ctx: TraceContext } {
  const result = correlate(observations, flows);
  const context = contextOf(result, ctx);
  return { ...diagnose(context), result, ctx: context };
}

/** A WinHTTP connection to Exchange Online: credentials with `mask`, socket connect, optional close reason. */
export function webioAttempt(pid: number, mask: number, ms = 0, conn = '0xc24a6f1000', close?: number): Observation[] {
  const out: Observation[] = [
    ev.connect(ms, pid, conn, `${EXO_IP}:443`),
    ev.connect(ms + 20, pid, conn, `${EXO_IP}:443`, 'stop'),
    ev.credentials(ms + 25, pid, conn, mask),
    ev.credentials(ms + 26, pid, conn, mask, 'stop', 0),
  ];
  if (close !== undefined) out.push(ev.closed(ms + 90, pid, conn, close));
  return out;
}
