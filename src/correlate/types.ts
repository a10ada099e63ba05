// One record per TLS/TCP connection attempt, joining WebIO, WinHttp, WinRM, DNS, TCPIP events and packets.
import type { EvidenceRef } from '../providers/observations.js';
import type { TcpFlow } from '../net/types.js';

export type Outcome =
  | 'established'
  | 'tls_failed'
  | 'tcp_failed'
  | 'dns_failed'
  | 'proxy_failed'
  | 'cert_failed'
  | 'reset'
  | 'incomplete'
  | 'unknown';

export interface Connection {
  id: number;
  pid?: number;
  process?: string;
  serverName?: string;
  remoteIp?: string;
  remotePort?: number;
  localPort?: number;
  firstSeen: bigint;
  lastSeen: bigint;
  /** WebIO connection pointer(s) that map to this connection. */
  webioConnections: string[];
  /** EnabledProtocols from WebIO 728/729/730 (SP_PROT_* bits). */
  winhttpEnabledProtocols?: number;
  /** Secure-protocol mask the application set itself (WebIO 15 option 6 / WINHTTP_OPTION_SECURE_PROTOCOLS). */
  appSecureProtocols?: number;
  /** TLS versions the ClientHello offered, as names (`TLS 1.0`, `TLS 1.2`, …). */
  clientOfferedVersions: string[];
  clientCipherSuites: number[];
  serverSelectedVersion?: string;
  cipher?: string;
  /** `level:description`, e.g. `fatal:protocol_version`. */
  alert?: string;
  alertFrom?: 'client' | 'server';
  established: boolean;
  resetBy?: 'client' | 'server';
  /** WinHTTP/Win32 error codes reported for this connection (12175, 12029 …). */
  winhttpErrors: number[];
  /** SECURITY_STATUS values from InitializeSecurityContext / AcquireCredentialsHandle failures. */
  securityStatus: number[];
  certErrors: string[];
  dnsStatus?: number;
  outcome: Outcome;
  flow?: TcpFlow;
  /** The events and packets that built this record, in time order. */
  evidence: EvidenceRef[];
  findingCodes: string[];
}
