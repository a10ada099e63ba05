// Error messages users paste (PowerShell / WinRM / Hybrid Configuration Wizard / Entra ID / .NET), in English and
// in the Japanese UI, and what each one means at the WinHTTP level. Knowledge as data: one row per message, the
// recogniser only loops over this table. Sources: providers-and-exports.md §6 and the real pasted texts in the
// exports samples (HCW article en/ja, EXO WinRM article, CimSession HRESULT paste, AADSTS1002016, KB5017811).
import { WINHTTP_ERRORS, winHttpCodeFromHresult, winHttpErrorByName } from '../windows/winhttp-errors.js';

/** The trace that shows the cause of each family of failures. */
export const CAPTURE_RECIPES = {
  tls:
    'netsh trace start scenario=InternetClient capture=yes tracefile=C:\\temp\\tls.etl maxsize=1024 ; reproduce ; netsh trace stop ' +
    '(WebIO shows EnabledProtocols, the packets show the ClientHello version and the server reset/alert)',
  name_resolution:
    'netsh trace start scenario=InternetClient provider=Microsoft-Windows-DNS-Client capture=yes tracefile=C:\\temp\\dns.etl ; reproduce ; netsh trace stop ' +
    '(also run `netsh winhttp show proxy`: a broken WinHTTP proxy gives the same message)',
  connect:
    'netsh trace start scenario=InternetClient capture=yes tracefile=C:\\temp\\connect.etl ; reproduce ; netsh trace stop ' +
    '(TCPIP connect attempts and SYN retransmits show whether a firewall or proxy blocks the port)',
  certificate:
    'netsh trace start scenario=InternetClient capture=yes tracefile=C:\\temp\\cert.etl ; reproduce ; netsh trace stop ' +
    '(the server Certificate message is in the packets), and export the System log Schannel events',
  dotnet_tls:
    'netsh trace start capture=yes tracefile=C:\\temp\\dotnet.etl ; reproduce ; netsh trace stop ' +
    '(.NET uses SslStream, not WinHTTP: the packets show the ClientHello version; also check SchUseStrongCrypto / SystemDefaultTlsVersions)',
} as const;
export type CaptureRecipe = keyof typeof CAPTURE_RECIPES;

/** The ETW event a message corresponds to, so the text feeds the same observations as a trace. */
export type EventShape =
  | { provider: 'Microsoft-Windows-WinRM'; id: 137 | 138 | 142 | 172 }
  | { provider: 'Microsoft-Windows-WinHttp'; id: 14 }
  | { provider: 'ErrorText'; id: 0 };

export interface ErrorCatalogEntry {
  /** Stable key, also the `ErrorKind` field of the emitted event. */
  kind: string;
  /** English and Japanese renderings (case-insensitive, whitespace-tolerant sources). */
  patterns: RegExp[];
  shape: EventShape;
  winHttpError?: number;
  /** WINHTTP_CALLBACK_STATUS_FLAG_* bit reported by WinRM's certificate-error list. */
  secureFailureFlag?: number;
  /** WSMan error the message belongs to. */
  wsmanError?: number;
  aadsts?: string;
  /** The English UI text, used as the WinRM 172 `errorN` value whatever language the user pasted. */
  canonical?: string;
  meaning: string;
  capture: CaptureRecipe;
}

const WINRM = 'Microsoft-Windows-WinRM' as const;

/** Message rows. The certificate-error rows are the WinRM list lines (wsmres ids 0x4033C430–0x4033C437). */
export const ERROR_CATALOG: readonly ErrorCatalogEntry[] = [
  {
    kind: 'ssl_internal_error',
    canonical: 'Encountered an internal error in the SSL library.',
    patterns: [/Encountered an internal error in the SSL library/i, /SSL\s*ライブラリで内部エラーが発生しました/],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x80000000,
    meaning: 'WinHTTP 12175 ERROR_WINHTTP_SECURE_FAILURE with SECURITY_CHANNEL_ERROR: the TLS handshake failed (typically no common TLS version, e.g. TLS 1.2 not enabled for WinHTTP)',
    capture: 'tls',
  },
  {
    kind: 'cert_revocation_check_failed',
    canonical: 'The SSL certificate could not be checked for revocation. The server used to check for revocation might be unreachable.',
    patterns: [/The SSL certificate could not be checked for revocation/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x1,
    meaning: 'certificate revocation could not be checked (CRL/OCSP unreachable)',
    capture: 'certificate',
  },
  {
    kind: 'cert_invalid',
    canonical: 'The SSL certificate is invalid.',
    patterns: [/The SSL certificate is invalid/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x2,
    meaning: 'the server certificate is invalid',
    capture: 'certificate',
  },
  {
    kind: 'cert_revoked',
    canonical: 'The SSL certificate was revoked.',
    patterns: [/The SSL certificate was revoked/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x4,
    meaning: 'the server certificate was revoked',
    capture: 'certificate',
  },
  {
    kind: 'cert_unknown_ca',
    canonical: 'The SSL certificate is signed by an unknown certificate authority.',
    patterns: [/The SSL certificate is signed by an unknown certificate authority/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x8,
    meaning: 'the server certificate chains to an untrusted root',
    capture: 'certificate',
  },
  {
    kind: 'cert_cn_mismatch',
    canonical: 'The SSL certificate contains a common name (CN) that does not match the hostname.',
    patterns: [/The SSL certificate contains a common name \(CN\) that does not match the hostname/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x10,
    meaning: 'the server certificate name does not match the host name used',
    capture: 'certificate',
  },
  {
    kind: 'cert_expired',
    canonical: 'The SSL certificate is expired.',
    patterns: [/The SSL certificate is expired/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x20,
    meaning: 'the server certificate is expired (or not yet valid)',
    capture: 'certificate',
  },
  {
    kind: 'cert_wrong_usage',
    canonical: 'The SSL certificate is not appropriate for server authentication.',
    patterns: [/The SSL certificate is not appropriate for server authentication/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: 0x40,
    meaning: 'the server certificate lacks the Server Authentication usage',
    capture: 'certificate',
  },
  {
    kind: 'winrm_name_not_resolved',
    patterns: [
      /The WinRM client cannot process the request because the server name cannot be resolved/i,
      /WinRM\s*クライアントは、?\s*サーバー名を解決できないため/,
      /WinRM\s*クライアントは要求を処理できません。\s*サーバー名を解決できません/,
    ],
    shape: { provider: WINRM, id: 137 },
    winHttpError: 12007,
    wsmanError: 0x803381b9,
    meaning: 'WinHTTP 12007 ERROR_WINHTTP_NAME_NOT_RESOLVED: DNS (or the WinHTTP proxy name) could not be resolved, or a broken WinHTTP proxy setting',
    capture: 'name_resolution',
  },
  {
    kind: 'winrm_ssl_connection_failed',
    patterns: [/The SSL connection cannot be established\. Verify that the service on the remote host is properly configured to listen for HTTPS/i],
    shape: { provider: WINRM, id: 142 },
    wsmanError: 0x803381ba,
    meaning: 'WSMan could not establish the HTTPS connection (TLS handshake or listener problem)',
    capture: 'tls',
  },
  {
    kind: 'winrm_timeout',
    patterns: [
      /The WinRM client cannot complete the operation within the time specified/i,
      /WinRM\s*クライアントは、?\s*指定された時間内に操作を完了できません/,
    ],
    shape: { provider: WINRM, id: 138 },
    winHttpError: 12002,
    meaning: 'WinHTTP 12002 ERROR_WINHTTP_TIMEOUT: the server or a firewall did not answer',
    capture: 'connect',
  },
  {
    kind: 'winrm_cannot_complete',
    patterns: [
      /WinRM cannot complete the operation\.?\s*Verify that the specified computer name is valid/i,
      /WinRM cannot complete the operation/i,
      /WinRM\s*は操作を完了できません/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
    wsmanError: 0x80338012,
    meaning: 'WinRM got no answer from the computer: the name, the network path, a firewall or a proxy stops the connection before WinRM answers',
    capture: 'connect',
  },
  {
    kind: 'access_denied',
    patterns: [
      /\bAccess is denied\b/i,
      /\(401\)\s*Unauthorized/i,
      /HTTP (?:server error )?status \(401\)/i,
      /アクセスが拒否されました/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
    wsmanError: 0x80070005,
    meaning: 'the server refused the sign-in (HTTP 401 / E_ACCESSDENIED 0x80070005): the connection and TLS worked, the credentials or the authentication method did not',
    capture: 'connect',
  },
  {
    kind: 'proxy_auth_required',
    patterns: [/\(407\)\s*Proxy Authentication Required/i, /Proxy Authentication Required/i, /プロキシ認証が必要です/],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: 'HTTP 407: a proxy between this machine and Microsoft 365 demands authentication and the client did not give it',
    capture: 'connect',
  },
  {
    kind: 'http_server_error',
    patterns: [
      /HTTP server error status \(500\)/i,
      /\(500\)\s*Internal Server Error/i,
      /HTTP\s*サーバー\s*エラー状態\s*[(（]500[)）]/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: 'HTTP 500: the remote service (or a proxy answering for it) failed the request after the connection and TLS handshake had worked — not a TLS problem',
    capture: 'connect',
  },
  {
    kind: 'winhttp_secure_failure_api',
    patterns: [/ERROR_WINHTTP_SECURE_FAILURE\s+while performing (?<Api>WinHttp\w+) operation/i],
    shape: { provider: 'Microsoft-Windows-WinHttp', id: 14 },
    winHttpError: 12175,
    meaning: 'WinHTTP 12175 ERROR_WINHTTP_SECURE_FAILURE (KB5017811 wording): TLS version/cipher or certificate failure',
    capture: 'tls',
  },
  {
    kind: 'aadsts_tls_deprecated',
    patterns: [/AADSTS1002016\b/i],
    shape: { provider: 'ErrorText', id: 0 },
    aadsts: 'AADSTS1002016',
    meaning: 'Entra ID refused TLS 1.0/1.1 or 3DES from the client (.NET/MSAL not using TLS 1.2)',
    capture: 'dotnet_tls',
  },
  {
    kind: 'dotnet_secure_channel',
    patterns: [
      /Could not create SSL\/TLS secure channel/i,
      /SSL\/TLS\s*のセキュリティで保護されているチャネルを作成できませんでした/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: '.NET could not complete the TLS handshake (no common TLS version: SchUseStrongCrypto / SystemDefaultTlsVersions / SecurityProtocol)',
    capture: 'dotnet_tls',
  },
  {
    kind: 'dotnet_trust_failure',
    patterns: [
      /Could not establish trust relationship for the SSL\/TLS secure channel/i,
      /The remote certificate is invalid according to the validation procedure/i,
    ],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: '.NET rejected the server certificate (untrusted root, e.g. TLS inspection, or name/expiry problem)',
    capture: 'certificate',
  },
  {
    kind: 'dotnet_handshake_closed',
    patterns: [
      /Authentication failed because the remote party has closed the transport stream/i,
      /The handshake failed due to an unexpected packet format/i,
    ],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: '.NET SslStream: the server closed the connection during the TLS handshake (no common TLS version or cipher), or a proxy answered in plain text',
    capture: 'dotnet_tls',
  },
  {
    kind: 'connection_reset',
    patterns: [/An existing connection was forcibly closed by the remote host/i, /既存の接続はリモート\s*ホストに強制的に切断されました/],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: 'WSAECONNRESET 10054: the server (or a device on the way) reset the connection — during TLS this is how servers refuse TLS 1.0/1.1',
    capture: 'tls',
  },
  {
    kind: 'connection_refused',
    patterns: [/No connection could be made because the target machine actively refused it/i],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: 'WSAECONNREFUSED 10061: nothing listens on that address/port, or a firewall rejects it',
    capture: 'connect',
  },
  {
    kind: 'dotnet_unexpected_send_error',
    patterns: [
      /The underlying connection was closed: An unexpected error occurred on a send/i,
      /基になる接続が閉じられました\s*:\s*送信時に、?予期しないエラーが発生しました/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
    meaning: '.NET connection closed during the TLS handshake (usually TLS 1.0/1.1 offered to a TLS 1.2-only server)',
    capture: 'dotnet_tls',
  },
];

/**
 * Text that reads as PowerShell / WinRM / Exchange Online / Entra ID error output even when its message is none of
 * the rows above: such a paste is an error-text input (REPORTED_ERROR, a warning), never "not a trace".
 */
export const ERROR_OUTPUT_SHAPES: readonly RegExp[] = [
  /failed with the following error message\s*:\s*(?<message>.+?)(?:\s+For more information, see|\s+\+\s+CategoryInfo|$)/i,
  /次のエラー\s*メッセージが返されました\s*[:：]\s*(?<message>.+?)(?:\s+詳細については|\s+\+\s+CategoryInfo|$)/,
  /\bFullyQualifiedErrorId\s*:\s*(?<message>[^,\s]+)/i,
  /\+\s*CategoryInfo\s*:\s*(?<message>\S.*?)(?:\s+\+|$)/i,
  /\b(?<message>AADSTS\d{5,}\b[^.]*)/,
  /\b(?<message>(?:PSRemotingTransportException|WinRMOperationTimeout|WSManFault)\b.*?)(?:\s+\+|$)/,
];

/** The message of error output no row knows: what the shape found, as the user saw it. */
export function findUnknownErrorOutput(text: string): { index: number; text: string; aadsts?: string } | undefined {
  for (const re of ERROR_OUTPUT_SHAPES) {
    const m = re.exec(text);
    if (!m) continue;
    const message = (m.groups?.message ?? m[0]).trim();
    const aadsts = /AADSTS\d{5,}/.exec(message)?.[0];
    return { index: m.index, text: message.slice(0, 300), ...(aadsts ? { aadsts } : {}) };
  }
  return undefined;
}

/** Rows generated from the WinHTTP error table: the system message texts and the `ERROR_WINHTTP_*` names. */
const WINHTTP_TEXT_ROWS: readonly ErrorCatalogEntry[] = WINHTTP_ERRORS.flatMap((e) =>
  e.texts.length === 0
    ? []
    : [
        {
          kind: `winhttp_${e.code}`,
          patterns: e.texts.map((t) => new RegExp(t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*'), 'i')),
          shape: { provider: 'Microsoft-Windows-WinHttp', id: 14 } as const,
          winHttpError: e.code,
          meaning: `WinHTTP ${e.code} ${e.name}`,
          capture: captureForWinHttp(e.code),
        },
      ],
);

export function captureForWinHttp(code: number): CaptureRecipe {
  if (code === 12007) return 'name_resolution';
  if (code === 12002 || code === 12029) return 'connect';
  if ([12037, 12038, 12045, 12057, 12169, 12170, 12179].includes(code)) return 'certificate';
  return 'tls';
}

export const ALL_ENTRIES: readonly ErrorCatalogEntry[] = [...ERROR_CATALOG, ...WINHTTP_TEXT_ROWS];

/** Codes stated outright in the text: `HRESULT 0x80072f8f`, `ERROR_WINHTTP_CANNOT_CONNECT`, `error 12029`. */
export const CODE_PATTERNS: readonly { re: RegExp; toCode(m: RegExpExecArray): number | undefined }[] = [
  { re: /\b0x(8007[0-9a-f]{4})\b/gi, toCode: (m) => winHttpCodeFromHresult(parseInt(m[1]!, 16)) },
  { re: /\b(ERROR_WINHTTP_[A-Z_]+)\b/g, toCode: (m) => winHttpErrorByName(m[1]!)?.code },
  { re: /\b(?:error(?: code)?|エラー(?: コード)?)\s*[=:]?\s*(12\d{3})\b/gi, toCode: (m) => Number(m[1]) },
  { re: /\((12\d{3})\)/g, toCode: (m) => Number(m[1]) },
];

export interface ErrorMatch {
  entry: ErrorCatalogEntry;
  index: number;
  text: string;
  groups: Record<string, string>;
}

/** Every catalog row found in `text`, in text order (one match per row). */
export function findErrorMatches(text: string): ErrorMatch[] {
  const out: ErrorMatch[] = [];
  for (const entry of ALL_ENTRIES) {
    for (const re of entry.patterns) {
      const m = re.exec(text);
      if (m) {
        out.push({ entry, index: m.index, text: m[0], groups: { ...(m.groups ?? {}) } });
        break;
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** WinHTTP codes stated as numbers/names/HRESULTs in `text`, deduplicated, in text order. */
export function findStatedCodes(text: string): { code: number; index: number; text: string }[] {
  const seen = new Set<number>();
  const out: { code: number; index: number; text: string }[] = [];
  for (const p of CODE_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const code = p.toCode(m);
      if (code !== undefined && code >= 12000 && code < 12200 && !seen.has(code)) {
        seen.add(code);
        out.push({ code, index: m.index, text: m[0] });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
