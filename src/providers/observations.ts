// Typed facts extracted from events, one kind per thing the network stack tells us.
// Producers: src/providers (from TraceEvents of ETL or text exports) and src/net (from packets).
// Consumer: src/correlate (error messages: the diagnosis, through src/pipeline).

/** Where a fact came from, quoted in findings as evidence. */
export interface EvidenceRef {
  /** FILETIME. */
  time: bigint;
  /** Provider name and event id (`Microsoft-Windows-WebIO/728`), or `packet #N`. */
  source: string;
  /** The event's message or a one-line description of the packet. */
  text: string;
}

interface Base {
  time: bigint;
  pid: number;
  tid: number;
  ref: EvidenceRef;
}

/** WebIO 728/729/730: the protocol set WinHTTP asked Schannel for (SP_PROT_* bits). */
export interface CredentialsAcquired extends Base {
  kind: 'credentials';
  /** WebIO connection pointer, hex `0x…`. */
  connection: string;
  enabledProtocols: number;
  phase: 'start' | 'stop' | 'error';
  /** SECURITY_STATUS on stop/error. */
  result?: number;
  cipherConfig?: number;
  /** SSLClientCert pointer (`0x0` = no client certificate). */
  clientCert?: string;
}

/** WebIO 200/201/202 (socket connect start, stop, failure). */
export interface SocketConnect extends Base {
  kind: 'socket_connect';
  connection: string;
  socket?: string;
  /** `ip:port` (IPv6 as `[addr]:port`). */
  address?: string;
  phase: 'start' | 'stop' | 'error';
  error?: number;
  /** Addresses WebIO still has to try after this one. */
  remainingAddresses?: number;
}

/** WebIO 204 (socket closed, with TCP close reason). */
export interface SocketClosed extends Base {
  kind: 'socket_closed';
  connection: string;
  socket?: string;
  /** TCPCloseReasonType: 0 local graceful, 1 remote graceful, 2 local reset, 3 remote reset, 4 connect timeout … */
  reason: number;
  status?: number;
  /** The reason's name from the manifest map (`Remote Reset`). */
  reasonText?: string;
  /** WebIO 204 v1 `Aborted`. */
  aborted?: boolean;
}

/** WebIO 700–705: InitializeSecurityContext result (SECURITY_STATUS). */
export interface SecurityContext extends Base {
  kind: 'security_context';
  connection: string;
  hostName?: string;
  result: number;
  phase: 'start' | 'stop' | 'error';
  /** WebIO security context handle `high:low`, when present. */
  contextHandle?: string;
}

/** WebIO 712/713, WinHttp cert errors, WinRM 172, CAPI2: server certificate validation. */
export interface CertificateValidation extends Base {
  kind: 'cert_validation';
  connection?: string;
  /** WINHTTP_CALLBACK_STATUS_FLAG_* bits or WebIO ServerCertErrors. */
  errorFlags?: number;
  error?: number;
  reason?: number;
  host?: string;
  texts?: string[];
  /** Errors the application told WinHTTP to ignore (WebIO IgnoredServerCertErrors). */
  ignoredFlags?: number;
  /** Port of the server (WinRM 172). */
  port?: number;
}

/** WebIO 15 (request option set, e.g. SecureProtocols by the application), 17 (request created). */
export interface RequestInfo extends Base {
  kind: 'request';
  request: string;
  connection?: string;
  method?: string;
  uri?: string;
  /** WINHTTP secure-protocol mask the application set explicitly (WebIO 15, option 6). */
  secureProtocols?: number;
  /** Request phase marker (WebIO 2100+), e.g. `SSL Negotiation`. */
  phase?: string;
  /** WebIO 15: the request option number and its manifest name. */
  option?: number;
  optionName?: string;
  /** WebIO 15/17 `Error`. */
  error?: number;
}

/** WinHttp API failures (9–14) and any other reported WinHTTP error code. */
export interface WinHttpError extends Base {
  kind: 'winhttp_error';
  api: string;
  handle?: string;
  /** Win32/WinHTTP error, e.g. 12175. */
  code: number;
}

/** WinHttp 1053 / WinINet-Capture 2005: TLS handshake failed with version mismatch. */
export interface TlsVersionMismatch extends Base {
  kind: 'tls_version_mismatch';
  host?: string;
  processName?: string;
  processPath?: string;
  moduleName?: string;
  /** Which stack reported it: WinHttp 1053 or WinINet-Capture 2005. */
  stack?: 'winhttp' | 'wininet';
}

/** WinHttp autoproxy 801–835 (WPAD/PAC) and proxy use. */
export interface ProxyEvent extends Base {
  kind: 'proxy';
  what: 'pac_download' | 'pac_failed' | 'find_proxy' | 'autodetect_failed' | 'proxy_used' | 'direct' | 'other';
  url?: string;
  proxy?: string;
  error?: number;
}

/** WinRM client events (6, 7, 135–139, 142, 162–172). */
export interface WinRmEvent extends Base {
  kind: 'winrm';
  id: number;
  text: string;
  errorCode?: number;
  host?: string;
  port?: number;
  /** WinRM 142 operationName, 11 resourceUri. */
  operation?: string;
}

/** DNS-Client 3006/3008/3020, WebIO 205–212, DNS packets. */
export interface DnsQuery extends Base {
  kind: 'dns';
  name: string;
  queryType?: number;
  phase: 'query' | 'result';
  /** 0 = success; 9003 = name error, 1460 timeout, 11001 host not found … (DNS rcode for packets: 3 = NXDOMAIN). */
  status?: number;
  addresses: string[];
  /** CNAME targets in the answer, in order (DNS packets). */
  cnames?: string[];
  origin: 'dns-client' | 'webio' | 'packet' | 'winhttp';
  /** CNAME targets and other non-address records in the results (DNS-Client `type: 5 name`). */
  aliases?: string[];
  /** DNS server asked (DNS-Client 3010/3011). */
  server?: string;
  /** Requesting process when the event is logged by the DNS cache service (DNS-Client ClientPID). */
  clientPid?: number;
  /** Number of addresses reported when they are not listed (WebIO 212). */
  addressCount?: number;
  /** WebIO DnsQuery / CacheEntry pointer that ties start and stop together. */
  handle?: string;
}

/** TCPIP connect/close/abort and AFD connect: ties a 4-tuple to a process. */
export interface TcpEvent extends Base {
  kind: 'tcp';
  what: 'connect_request' | 'connected' | 'connect_failed' | 'abort' | 'close' | 'retransmit' | 'afd_connect';
  local?: string;
  remote?: string;
  status?: number;
  owningPid?: number;
  /** TCPIP Tcb pointer (ties 1002 to the later events of the same connection). */
  tcb?: string;
  /** AFD endpoint pointer. */
  endpoint?: string;
}

/** Process id → image name (kernel process rundown, WinHttp 1053, AFD, pktmon …). */
export interface ProcessInfo extends Base {
  kind: 'process';
  processId: number;
  image: string;
  /** Full path when the event carries one. */
  path?: string;
  /** start/end (process events), rundown (DCStart/DCEnd), hint (named by another provider). */
  phase?: 'start' | 'end' | 'rundown' | 'hint';
}

/** Schannel 36xxx (System-log provider) events. */
export interface SchannelEvent extends Base {
  kind: 'schannel';
  id: number;
  alert?: number;
  errorState?: number;
  text: string;
  /** 36880: negotiated `Protocol` text (e.g. `TLS 1.2`) and `CipherSuite`. */
  protocol?: string;
  cipherSuite?: number;
  /** Target (server) name (36880, 36888, Schannel-Events 1793) or expected name (36884). */
  targetName?: string;
  /** client / server credential (36871, 36880 `Type`). */
  credentialType?: string;
  /** HexInt32 ErrorCode (36870, 36876 …). */
  errorCode?: number;
  contextHandle?: string;
}

/** A captured link-layer frame (NDIS-PacketCapture, PktMon, RAS). */
export interface PacketCaptured extends Base {
  kind: 'packet';
  /** Running number in capture order, starting at 1 (= pcapng frame number). */
  number: number;
  link: 'ethernet' | 'ieee802_11' | 'raw_ip';
  data: Uint8Array;
  originalLength: number;
  direction: 'in' | 'out' | 'unknown';
  /** Capture interface: NDIS MiniportIfIndex or pktmon component id. */
  iface: number;
  ifaceName?: string;
  /** PktMon: the same packet seen at several components → only the first appearance is analysed. */
  duplicateOf?: number;
  dropReason?: string;
  /** Longer text for the capture interface (e.g. `LWF over IfIndex 8`, pktmon component description). */
  ifaceDescription?: string;
  /** Packet identity across components (pktmon PktGroupId), written as the pcapng packet id. */
  packetId?: bigint;
  /** Where on its way through the host the frame was logged (pktmon component/edge/direction, NDIS layer). */
  captureSite?: string;
}

/** A capture filter that was active (NDIS 1011/1016, pktmon filters): only matching traffic is in the trace. */
export interface CaptureFilter extends Base {
  kind: 'capture_filter';
  text: string;
  /** NDIS 1011 RulesCount. */
  ruleCount?: number;
  /** NDIS 1016 rule / PktMon filter details. */
  ruleId?: number;
  ruleName?: string;
  directive?: string;
  value?: string;
}

/**
 * WebIO 704/705: bytes of the TLS handshake as WebIO passed them to / got them from InitializeSecurityContext —
 * `received` = input buffer before the call (server records), `sent` = output token after it (e.g. the
 * ClientHello). Lets the handshake be read when the trace has no packet capture.
 */
export interface TlsHandshakeBytes extends Base {
  kind: 'tls_bytes';
  connection: string;
  direction: 'sent' | 'received';
  data: Uint8Array;
}

/**
 * A failure message recognised in pasted error text (WinRM, WinHTTP, .NET, Entra ID …): what the user saw,
 * with what it was about. It names no connection: the diagnosis reads it beside the connections, so it is not
 * one of the observations the correlator joins.
 */
export interface ErrorMessage extends Base {
  kind: 'error_message';
  /** Message kinds as the error-text reader recognised them (`ssl_internal_error`, `winhttp_12007` …). */
  kinds: string[];
  /** The words that were recognised, as the user saw them. */
  text: string;
  winHttpError?: number;
  aadsts?: string;
  host?: string;
  port?: number;
  /** The cmdlet or command the message was about (`New-PSSession`). */
  command?: string;
  /** Line of the pasted text (1-based). */
  line?: number;
}

/** Everything the provider modules give: the observations the correlator joins, and the error messages. */
export type ProviderOutput = Observation | ErrorMessage;

export type Observation =
  | CredentialsAcquired
  | SocketConnect
  | SocketClosed
  | SecurityContext
  | CertificateValidation
  | RequestInfo
  | WinHttpError
  | TlsVersionMismatch
  | ProxyEvent
  | WinRmEvent
  | DnsQuery
  | TcpEvent
  | ProcessInfo
  | SchannelEvent
  | PacketCaptured
  | CaptureFilter
  | TlsHandshakeBytes;
