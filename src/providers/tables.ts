// Value maps and registries the provider modules read: data, taken from the provider manifests
// (repnz etw-providers-docs, Win7-7600 / Win10-17134 / Win10-18990) and the wsmres.dll / winhttp.h facts.

/** SP_PROT_* bits (schannel.h); WebIO's mapSChannelProtocolIdentifiers names exactly these. */
export const SP_PROT_FLAGS: Readonly<Record<string, number>> = {
  PCT1_SERVER: 0x1,
  PCT1_CLIENT: 0x2,
  SSL2_SERVER: 0x4,
  SSL2_CLIENT: 0x8,
  SSL3_SERVER: 0x10,
  SSL3_CLIENT: 0x20,
  TLS1_SERVER: 0x40,
  TLS1_0_SERVER: 0x40,
  TLS1_CLIENT: 0x80,
  TLS1_0_CLIENT: 0x80,
  TLS1_1_SERVER: 0x100,
  TLS1_1_CLIENT: 0x200,
  TLS1_2_SERVER: 0x400,
  TLS1_2_CLIENT: 0x800,
  TLS1_3_SERVER: 0x1000,
  TLS1_3_CLIENT: 0x2000,
  DTLS1_0_SERVER: 0x10000,
  DTLS1_0_CLIENT: 0x20000,
  DTLS1_2_SERVER: 0x40000,
  DTLS1_2_CLIENT: 0x80000,
  UNI_SERVER: 0x40000000,
  UNI_CLIENT: 0x80000000,
};

/** Prefixes a flag name may carry in renderings (`SP_PROT_TLS1_2_CLIENT`, `WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2`). */
export const SP_PROT_PREFIXES = ['SP_PROT_'] as const;

/** Client bits → protocol version, in ascending order (WINHTTP_FLAG_SECURE_PROTOCOL_* uses the same bits). */
export const SP_PROT_CLIENT_VERSIONS: ReadonlyArray<readonly [number, string]> = [
  [0x8, 'SSL 2.0'],
  [0x20, 'SSL 3.0'],
  [0x80, 'TLS 1.0'],
  [0x200, 'TLS 1.1'],
  [0x800, 'TLS 1.2'],
  [0x2000, 'TLS 1.3'],
  [0x20000, 'DTLS 1.0'],
  [0x80000, 'DTLS 1.2'],
];

/** WINHTTP_FLAG_SECURE_PROTOCOL_* names (WebIO 15 option SecureProtocols, legacy WinHTTP logs). */
export const WINHTTP_SECURE_PROTOCOL_FLAGS: Readonly<Record<string, number>> = {
  SSL2: 0x8,
  SSL3: 0x20,
  TLS1: 0x80,
  TLS1_1: 0x200,
  TLS1_2: 0x800,
  TLS1_3: 0x2000,
  ALL: 0xa8,
};

/** WebIO `mapRequestOption` (event 15 `Option`). */
export const WEBIO_REQUEST_OPTION: Readonly<Record<string, number>> = {
  AuthSchemeState: 0,
  DisableAuthentication: 1,
  ClientCertificate: 2,
  ClientCertificateIssuerList: 3,
  ChannelBindingToken: 4,
  IgnoredServerCertErrors: 5,
  SecureProtocols: 6,
  ProxyAuthSchemes: 7,
  ProxyAuthState: 8,
  ProxyAutoLogonState: 9,
  ProxyConfig: 10,
  ProxyConnectHeaders: 11,
  ProxyCreds: 12,
  ProxySpnUsage: 13,
  RedirectionLimit: 14,
  SecureProtocolInformation: 15,
  ServerAuthSchemes: 16,
  ServerAuthState: 17,
  ServerAutoLogonState: 18,
  ServerCert: 19,
  ServerCreds: 20,
  ServerSpnUsage: 21,
  SocketAddress: 22,
  ThirdPartyCookies: 23,
  PathCodePage: 24,
  ExtraInfoCodePage: 25,
  ServerCertErrors: 26,
  CookiesEnabled: 27,
  ResponseHeadersSizeLimit: 28,
  ServerSpnUsed: 29,
  ProxySpnUsed: 30,
  ConnectTimeout: 31,
  ResolveTimeout: 32,
  SendTimeout: 33,
  ReceiveTimeout: 34,
  ConnectRetryCount: 35,
  UnsafeHeaderParsing: 36,
  RevertToSelfClientCertificate: 0x4000,
  NetworkInterfaceAffinity: 0x4001,
  TcpAutoTuningRestricted: 0x4002,
  DnsIdnTransformDisabled: 0x4003,
  PeerDistExtension: 0x4004,
  MaximumConnectCount: 0x4005,
  GlobalKeepAlivePoolState: 0x4006,
  ConnectionState: 0x4007,
  ExceededResponseHeaderSizeLimit: 0x4008,
  DnsInterfaceAffinity: 0x400a,
  ConnectionIdleTimeout: 0x4014,
};

/** WebIO `TCPCloseReasonType` (event 204 `Reason`). */
export const TCP_CLOSE_REASON: Readonly<Record<string, number>> = {
  'Local Graceful': 0,
  'Remote Graceful': 1,
  'Local Reset': 2,
  'Remote Reset': 3,
  'Connect Timeout': 4,
  'Send Timeout': 5,
  'Receive Timeout': 6,
  Scavenged: 7,
  'No Reason': 8,
  'Cleanup after hitting an error condition': 9,
};

/** WebIO `mapVerifiyCertFailureReason` (events 712/713 `Reason`). */
export const CERT_FAILURE_REASON: Readonly<Record<string, number>> = {
  'No Error': 0,
  'Unable to Get Cert': 1,
  'NULL cert context': 2,
  'Unable to Get Cert Chain': 3,
  'Unable to Process URL to Hostname': 4,
  'Cert Validation Failure': 5,
  'Unable to get Stream Sizes': 6,
  'Unable to get Endpoint Bindings': 7,
  'Unable to get secure connection information': 8,
  'Unable to get secure cipher information': 9,
};

/**
 * WinRM 172 error lines (wsmres.dll 0x4033C430–0x4033C437, en-US) and the WINHTTP_CALLBACK_STATUS_FLAG_* bit
 * each one stands for (same order as the flag bits).
 */
export const WINRM_CERT_ERROR_TEXTS: ReadonlyArray<readonly [string, number]> = [
  ['The SSL certificate could not be checked for revocation', 0x1],
  ['The SSL certificate is invalid', 0x2],
  ['The SSL certificate was revoked', 0x4],
  ['The SSL certificate is signed by an unknown certificate authority', 0x8],
  ['The SSL certificate contains a common name (CN) that does not match the hostname', 0x10],
  ['The SSL certificate is expired', 0x20],
  ['The SSL certificate is not appropriate for server authentication', 0x40],
  ['Encountered an internal error in the SSL library', 0x80000000],
  // ja-JP rendering of the last line, as quoted in the Japanese HCW article.
  ['SSL ライブラリで内部エラーが発生しました', 0x80000000],
];

/** WinRM client events without fields whose text names the WinHTTP error that caused them. */
export const WINRM_IMPLIED_WINHTTP_ERROR: Readonly<Record<number, number>> = {
  135: 12029, // ERROR_WINHTTP_CANNOT_CONNECT, retried via next proxy
  136: 12007, // ERROR_WINHTTP_NAME_NOT_RESOLVED, retried via next proxy
  137: 12007, // ERROR_WINHTTP_NAME_NOT_RESOLVED, aborted
  138: 12002, // ERROR_WINHTTP_TIMEOUT
  139: 12015, // ERROR_WINHTTP_LOGIN_FAILURE
};

/** NDIS-PacketCapture `RuleIdMap` (event 1016). */
export const NDIS_RULE_ID: Readonly<Record<string, number>> = {
  FrameControl: 2,
  MultiLayer: 3,
  InterfaceIndex: 4,
  EtherType: 6,
  'Source MAC Address': 7,
  'Destination MAC Address': 8,
  'Any MAC Address': 9,
  'Source IPv4 Address': 10,
  'Destination IPv4 Address': 11,
  'Any IPv4 Address': 12,
  'Source IPv6 Address': 13,
  'Destination IPv6 Address': 14,
  'Any IPv6 Address': 15,
  'IP Protocol': 16,
  'Packet Truncate Bytes': 17,
  'Custom MAC Offset': 18,
  'Custom IP Offset': 19,
};

/** NDIS-PacketCapture `DirectiveMap` (event 1016). */
export const NDIS_DIRECTIVE: Readonly<Record<string, number>> = {
  OFF: 0,
  LTE: 1,
  GTE: 2,
  EQU: 3,
  MASK: 4,
  LIST: 5,
  RANGE: 6,
  NEQ: 0x83,
  NMASK: 0x84,
  NLIST: 0x85,
  NRANGE: 0x86,
};

/** Reverse lookup: number → name in a value map. */
export function nameOf(map: Readonly<Record<string, number>>, value: number): string | undefined {
  for (const [k, v] of Object.entries(map)) if (v === value) return k;
  return undefined;
}
