// One record per TLS/TCP connection attempt, joining WebIO, WinHttp, WinRM, DNS, TCPIP events and packets.
import type { EvidenceRef, ProxyEvent, WinHttpError, WinRmEvent, SchannelEvent, TlsVersionMismatch, CaptureFilter } from '../providers/observations.js';
import type { TcpFlow } from '../net/types.js';
import type { EvidenceList, KeyEvidence } from '../net/evidence-log.js';
import type { DestinationClass } from './destination.js';

export type Outcome =
  | 'established'
  /** The server chose TLS 1.2/1.3 and a cipher and the handshake went on cleanly; the trace ends before it finished. */
  | 'negotiated'
  /** Data went both ways, then the connection was closed by a reset (a normal close for many servers and CDNs). */
  | 'closed'
  | 'tls_failed'
  | 'tcp_failed'
  | 'dns_failed'
  | 'proxy_failed'
  | 'cert_failed'
  | 'reset'
  | 'incomplete'
  | 'unknown';

/** Which TLS client stack made the connection, as far as the trace can tell. */
export type ClientStack = 'winhttp' | 'dotnet' | 'unknown';

/** The milestones a diagnosis quotes; each points at the event or packet that showed it. */
export type KeyFact =
  | 'credentials'
  | 'app_protocols'
  | 'socket_connect'
  | 'socket_error'
  | 'socket_closed'
  | 'security_context_error'
  | 'cert_error'
  | 'client_hello'
  | 'server_hello'
  | 'certificate'
  | 'alert'
  | 'reset'
  | 'syn_unanswered'
  | 'established'
  | 'winhttp_error'
  | 'version_mismatch'
  | 'winrm_error'
  | 'dns_failure'
  | 'dns_success'
  | 'tcp_failure';

export interface Connection {
  id: number;
  /**
   * The capture session (the trace, with the exports taken from it) the connection was read from. Keys
   * (pointer, pid, 4-tuple, address) join only within one session: other inputs are other machines or times.
   */
  input?: string;
  pid?: number;
  /**
   * What gave the pid: the client's own events (WebIO/WinHttp/WinRM/DNS), TCPIP/Winsock-AFD events of the same
   * 4-tuple or address, or the header of the capture event that logged the SYN.
   */
  pidSource?: 'events' | 'tcpip' | 'packet';
  process?: string;
  serverName?: string;
  remoteIp?: string;
  remotePort?: number;
  localPort?: number;
  firstSeen: bigint;
  lastSeen: bigint;
  /** WebIO connection pointer(s) that map to this connection. */
  webioConnections: readonly string[];
  /** EnabledProtocols from WebIO 728/729/730 (SP_PROT_* bits). */
  winhttpEnabledProtocols?: number;
  /** Secure-protocol mask the application set itself (WebIO 15 option 6 / WINHTTP_OPTION_SECURE_PROTOCOLS). */
  appSecureProtocols?: number;
  /** TLS versions the ClientHello offered, as names (`TLS 1.0`, `TLS 1.2`, …). */
  clientOfferedVersions: readonly string[];
  clientCipherSuites: readonly number[];
  serverSelectedVersion?: string;
  cipher?: string;
  /** `level:description`, e.g. `fatal:protocol_version`. */
  alert?: string;
  alertFrom?: 'client' | 'server';
  established: boolean;
  resetBy?: 'client' | 'server';
  /** WinHTTP/Win32 error codes reported for this connection (12175, 12029 …). */
  winhttpErrors: readonly number[];
  /** SECURITY_STATUS values from InitializeSecurityContext / AcquireCredentialsHandle failures. */
  securityStatus: readonly number[];
  certErrors: readonly string[];
  dnsStatus?: number;
  outcome: Outcome;
  flow?: TcpFlow;
  /** The events and packets that built this record, in time order. */
  evidence: EvidenceList;
  findingCodes: string[];

  // ---- added by the correlator (optional so older producers stay valid) ----
  /** Where serverName came from. */
  serverNameSource?: 'sni' | 'security_context' | 'winrm' | 'dns' | 'version_mismatch' | 'dns_query';
  /** Offered versions as wire numbers (0x0301 …), highest first; empty when no ClientHello was seen. */
  clientOfferedVersionCodes?: number[];
  /** The ClientHello was cut short by the capture: absent fields are unknown, not missing. */
  clientHelloTruncated?: boolean;
  /** Where the ClientHello facts came from: captured packets, or WebIO's own logging of the handshake (704/705). */
  clientHelloSource?: 'packets' | 'webio';
  serverSelectedVersionCode?: number;
  cipherSuite?: number;
  alertDescription?: number;
  alertLevel?: number;
  /** Socket connect error (WebIO 202) or TCPIP connect failure status. */
  connectError?: number;
  /** WebIO 204 TCPCloseReasonType. */
  closeReason?: number;
  /** TCP SYN sent and never answered. */
  synUnanswered?: boolean;
  /** A packet of the flow was cut by the capture's snap length. */
  truncated?: boolean;
  clientStack?: ClientStack;
  /** Server certificate from the handshake (TLS ≤ 1.2 only). */
  certificateSubject?: string;
  certificateIssuer?: string;
  /** WinRM client messages tied to this connection (ids 137, 142, 172 …). */
  winrmEvents?: { id: number; text: string; errorCode?: number }[];
  /** WinHttp 1053 / WinINet 2005 said the TLS handshake failed with a version mismatch. */
  versionMismatchReported?: boolean;
  /** What kind of host the connection went to (decides the explanation, the fix and the ranking). */
  destinationClass?: DestinationClass;
  /** Evidence references cut to keep memory bounded (the count, never silently). */
  evidenceCut?: number;
  /** The evidence behind each milestone, for findings to quote. */
  keyEvidence?: KeyEvidence<KeyFact>;
}

/** What the correlator saw across the whole trace, beyond single connections. */
export interface CorrelationStats {
  observations: number;
  byKind: Record<string, number>;
  flows: number;
  flowsJoined: number;
  /** TCP flows not joined to any event and not on a port the diagnosis cares about (counted, not listed). */
  flowsIgnored: number;
  /** Items not kept because a bound was reached (evidence per connection, trace-level lists). */
  cut: number;
  webioEvents: number;
  winhttpEvents: number;
  packets: number;
}

/** Trace-level facts that are not one connection's, kept (bounded) for the diagnosis. */
export interface TraceFacts {
  proxyEvents: ProxyEvent[];
  /** WinHttp errors that could not be tied to a connection. */
  unattachedErrors: WinHttpError[];
  winrmEvents: WinRmEvent[];
  schannelEvents: SchannelEvent[];
  versionMismatches: TlsVersionMismatch[];
  captureFilters: CaptureFilter[];
  /** Capture session + lower-case DNS name (`sessionKey`) → outcome of its lookups. */
  dns: Map<string, DnsNameSummary>;
  /** Capture session + process id (`sessionKey`) → image name. */
  processes: Map<string, string>;
}

export interface DnsNameSummary {
  name: string;
  /** The capture session the lookups were seen in. */
  session: string;
  resolved: boolean;
  addresses: string[];
  /** Failure status: DNS-Client status, else the DNS rcode of a packet, else the WebIO/WinHTTP error. */
  failureStatus?: number;
  /** Which source gave failureStatus. */
  failureOrigin?: 'dns-client' | 'packet' | 'webio' | 'winhttp';
  /** The client (WebIO/WinHTTP) itself asked for this name, not only the DNS cache service or the wire. */
  askedByClient?: boolean;
  firstQuery: bigint;
  pid?: number;
  evidence: EvidenceRef[];
}

export interface CorrelationResult {
  connections: Connection[];
  facts: TraceFacts;
  stats: CorrelationStats;
}
