// Error messages users paste (PowerShell / WinRM / Hybrid Configuration Wizard / Entra ID / .NET), in English and
// in the Japanese UI, each mapped to a message kind and the codes it states (what a kind means, and the capture that
// proves its cause, is the diagnosis' knowledge: diagnose/error-meanings.ts). Data: one row per message, the
// recogniser only loops over this table. Sources: providers-and-exports.md §6 and the real pasted texts in the
// exports samples (HCW article en/ja, EXO WinRM article, CimSession HRESULT paste, AADSTS1002016, KB5017811).
import { WINHTTP_ERRORS, winHttpCodeFromHresult, winHttpErrorByName } from '../windows/winhttp-errors.js';
import { WINHTTP_CERT_FLAG } from '../windows/winhttp-cert-flags.js';

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
    secureFailureFlag: WINHTTP_CERT_FLAG.SECURITY_CHANNEL_ERROR,
  },
  {
    kind: 'cert_revocation_check_failed',
    canonical: 'The SSL certificate could not be checked for revocation. The server used to check for revocation might be unreachable.',
    patterns: [/The SSL certificate could not be checked for revocation/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: WINHTTP_CERT_FLAG.CERT_REV_FAILED,
  },
  {
    kind: 'cert_invalid',
    canonical: 'The SSL certificate is invalid.',
    patterns: [/The SSL certificate is invalid/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: WINHTTP_CERT_FLAG.INVALID_CERT,
  },
  {
    kind: 'cert_revoked',
    canonical: 'The SSL certificate was revoked.',
    patterns: [/The SSL certificate was revoked/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: WINHTTP_CERT_FLAG.CERT_REVOKED,
  },
  {
    kind: 'cert_unknown_ca',
    canonical: 'The SSL certificate is signed by an unknown certificate authority.',
    patterns: [/The SSL certificate is signed by an unknown certificate authority/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: WINHTTP_CERT_FLAG.INVALID_CA,
  },
  {
    kind: 'cert_cn_mismatch',
    canonical: 'The SSL certificate contains a common name (CN) that does not match the hostname.',
    patterns: [/The SSL certificate contains a common name \(CN\) that does not match the hostname/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: WINHTTP_CERT_FLAG.CERT_CN_INVALID,
  },
  {
    kind: 'cert_expired',
    canonical: 'The SSL certificate is expired.',
    patterns: [/The SSL certificate is expired/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: WINHTTP_CERT_FLAG.CERT_DATE_INVALID,
  },
  {
    kind: 'cert_wrong_usage',
    canonical: 'The SSL certificate is not appropriate for server authentication.',
    patterns: [/The SSL certificate is not appropriate for server authentication/i],
    shape: { provider: WINRM, id: 172 },
    winHttpError: 12175,
    secureFailureFlag: WINHTTP_CERT_FLAG.CERT_WRONG_USAGE,
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
  },
  {
    kind: 'winrm_ssl_connection_failed',
    patterns: [/The SSL connection cannot be established\. Verify that the service on the remote host is properly configured to listen for HTTPS/i],
    shape: { provider: WINRM, id: 142 },
    wsmanError: 0x803381ba,
  },
  {
    kind: 'winrm_timeout',
    patterns: [
      /The WinRM client cannot complete the operation within the time specified/i,
      /WinRM\s*クライアントは、?\s*指定された時間内に操作を完了できません/,
    ],
    shape: { provider: WINRM, id: 138 },
    winHttpError: 12002,
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
  },
  {
    kind: 'proxy_auth_required',
    patterns: [/\(407\)\s*Proxy Authentication Required/i, /Proxy Authentication Required/i, /プロキシ認証が必要です/],
    shape: { provider: 'ErrorText', id: 0 },
  },
  {
    kind: 'http_server_error',
    patterns: [
      /HTTP server error status \(500\)/i,
      /\(500\)\s*Internal Server Error/i,
      /HTTP\s*サーバー\s*エラー状態\s*[(（]500[)）]/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
  },
  {
    kind: 'winhttp_secure_failure_api',
    patterns: [/ERROR_WINHTTP_SECURE_FAILURE\s+while performing (?<Api>WinHttp\w+) operation/i],
    shape: { provider: 'Microsoft-Windows-WinHttp', id: 14 },
    winHttpError: 12175,
  },
  {
    kind: 'aadsts_tls_deprecated',
    patterns: [/AADSTS1002016\b/i],
    shape: { provider: 'ErrorText', id: 0 },
    aadsts: 'AADSTS1002016',
  },
  {
    kind: 'dotnet_secure_channel',
    patterns: [
      /Could not create SSL\/TLS secure channel/i,
      /SSL\/TLS\s*のセキュリティで保護されているチャネルを作成できませんでした/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
  },
  {
    kind: 'dotnet_trust_failure',
    patterns: [
      /Could not establish trust relationship for the SSL\/TLS secure channel/i,
      /The remote certificate is invalid according to the validation procedure/i,
    ],
    shape: { provider: 'ErrorText', id: 0 },
  },
  {
    kind: 'dotnet_handshake_closed',
    patterns: [
      /Authentication failed because the remote party has closed the transport stream/i,
      /The handshake failed due to an unexpected packet format/i,
    ],
    shape: { provider: 'ErrorText', id: 0 },
  },
  {
    kind: 'connection_reset',
    patterns: [/An existing connection was forcibly closed by the remote host/i, /既存の接続はリモート\s*ホストに強制的に切断されました/],
    shape: { provider: 'ErrorText', id: 0 },
  },
  {
    kind: 'connection_refused',
    patterns: [/No connection could be made because the target machine actively refused it/i],
    shape: { provider: 'ErrorText', id: 0 },
  },
  {
    kind: 'dotnet_unexpected_send_error',
    patterns: [
      /The underlying connection was closed: An unexpected error occurred on a send/i,
      /基になる接続が閉じられました\s*:\s*送信時に、?予期しないエラーが発生しました/,
    ],
    shape: { provider: 'ErrorText', id: 0 },
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
        },
      ],
);

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
