// What an error message the user got means, and its likely causes in order: one row per family of messages.
// Keyed by the message kind the text layer recognised (src/text/error-catalog.ts `kind`) and by WinHTTP code, so
// pasted text and WinRM / WinHttp error events of a trace land on the same row. Knowledge as data: the REPORTED_ERROR
// finding only looks rows up; the fixes are named here and built by src/diagnose/remediation.ts.
import type { EvidenceRef } from '../providers/observations.js';
import { SECURITY_STATUS as S } from '../windows/security-status.js';

/** One error message found in the inputs (pasted text, or a WinRM / WinHttp error event no connection explains). */
export interface ReportedError {
  /** Message kinds as recognised (`ssl_internal_error`, `winhttp_12007`, `aadsts_tls_deprecated` …). */
  kinds: string[];
  winHttpError?: number;
  aadsts?: string;
  /** The words that were recognised, as the user saw them. */
  text: string;
  /** The text layer's reading of the message (used when no row knows it). */
  meaning?: string;
  host?: string;
  port?: number;
  command?: string;
  /** Line of the pasted text file (1-based), when the message came from one. */
  line?: number;
  ref: EvidenceRef;
}

/** Remediation builders a cause points at (see remediation.ts). */
export type FixKey = 'winhttpTls12' | 'schannelTls12' | 'cipherSuites' | 'dotnetTls12' | 'dns' | 'proxy' | 'proxyAuth' | 'tcp' | 'certificate' | 'signIn';

export interface ReportedCause {
  /** A few words, for the headline and the fix headings. */
  short: string;
  text: string;
  fix: FixKey;
  /** This cause comes first when the message was about this command or host (e.g. Teams remoting). */
  firstIf?: { command?: RegExp; host?: RegExp; kinds?: readonly string[] };
}

export interface ReportedMeaning {
  id: string;
  /** Message kinds of this family. */
  kinds: readonly string[];
  /** WinHTTP codes of this family (a message stated only as a code). */
  winHttp: readonly number[];
  /** Schannel SECURITY_STATUS codes of this family (`explain 0x80090326`). */
  schannel?: readonly number[];
  /** How the message is named when it has no WinHTTP code (`AADSTS1002016`, .NET text). */
  label: string;
  meaning: string;
  /** The message is a failure whose meaning is known: the finding is an error and the verdict `failure`. */
  failure: boolean;
  /** Most likely first. */
  causes: readonly ReportedCause[];
  /** Which client stack reports it: .NET clients leave no WebIO events, only packets. */
  client: 'winhttp' | 'dotnet';
}

const TEAMS = { command: /-Cs[A-Z]|CsOnline|MicrosoftTeams/i, host: /online\.lync\.com|teams\.microsoft|skype/i };

export const REPORTED_MEANINGS: readonly ReportedMeaning[] = [
  {
    id: 'dotnet_tls',
    kinds: ['aadsts_tls_deprecated', 'dotnet_secure_channel', 'dotnet_unexpected_send_error', 'dotnet_handshake_closed'],
    winHttp: [],
    label: '.NET could not create the TLS channel',
    meaning:
      'a .NET client (Connect-ExchangeOnline / MSAL, Connect-MsolService, Connect-AzureAD, Invoke-WebRequest) offered TLS 1.0/1.1 only; ' +
      'Entra ID answers such clients with AADSTS1002016 ("You are using TLS version 1.0, 1.1 and/or 3DES cipher which are deprecated"), other Microsoft 365 endpoints close the handshake',
    failure: true,
    causes: [
      {
        short: '.NET offering TLS 1.0 only (no TLS 1.2 for .NET)',
        text: '.NET Framework uses TLS 1.0 by default for apps built for older versions: SchUseStrongCrypto / SystemDefaultTlsVersions are not set, or the script does not set [Net.ServicePointManager]::SecurityProtocol = Tls12',
        fix: 'dotnetTls12',
      },
      {
        short: 'TLS 1.2 disabled in Schannel',
        text: 'TLS 1.2 is disabled for clients in Schannel (SCHANNEL\\Protocols\\TLS 1.2\\Client; the default on Windows 7 / Server 2008 R2)',
        fix: 'schannelTls12',
      },
    ],
    client: 'dotnet',
  },
  {
    id: 'certificate',
    schannel: [S.SEC_E_UNTRUSTED_ROOT, S.SEC_E_WRONG_PRINCIPAL, S.SEC_E_CERT_UNKNOWN, S.SEC_E_CERT_EXPIRED, S.CRYPT_E_NO_REVOCATION_CHECK, S.CRYPT_E_REVOCATION_OFFLINE],
    kinds: ['cert_revocation_check_failed', 'cert_invalid', 'cert_revoked', 'cert_unknown_ca', 'cert_cn_mismatch', 'cert_expired', 'cert_wrong_usage', 'dotnet_trust_failure'],
    winHttp: [12037, 12038, 12045, 12057, 12169, 12170, 12179],
    label: 'the server certificate was rejected',
    meaning: 'the TLS handshake reached the server certificate and the client rejected it',
    failure: true,
    causes: [
      {
        short: 'a TLS-inspecting proxy (untrusted root)',
        text: 'a TLS-inspecting proxy or firewall re-signs the connection with its own root, which this machine does not trust',
        fix: 'certificate',
      },
      {
        short: 'revocation lists unreachable',
        text: 'the certificate revocation lists (CRL/OCSP, HTTP port 80) cannot be reached from this machine or account',
        fix: 'certificate',
        firstIf: { kinds: ['cert_revocation_check_failed', 'cert_revoked'] },
      },
      {
        short: 'a name or date mismatch of the certificate',
        text: 'the name used does not match the certificate, or the certificate is expired (check the clock of this machine)',
        fix: 'certificate',
        firstIf: { kinds: ['cert_expired', 'cert_cn_mismatch', 'cert_wrong_usage'] },
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'tls_failure',
    schannel: [S.SEC_E_ILLEGAL_MESSAGE, S.SEC_E_ALGORITHM_MISMATCH, S.SEC_E_INTERNAL_ERROR, S.SEC_E_UNSUPPORTED_FUNCTION],
    kinds: ['ssl_internal_error', 'winhttp_secure_failure_api', 'winrm_ssl_connection_failed'],
    winHttp: [12175, 12157],
    label: 'the TLS handshake failed',
    meaning:
      'WinHTTP could not complete the TLS handshake; WinRM shows this (12175 with only the SECURITY_CHANNEL_ERROR flag) as "Encountered an internal error in the SSL library" — ' +
      'Schannel failed before any certificate was judged, so it is not a certificate problem',
    failure: true,
    causes: [
      {
        short: 'a TLS version mismatch (WinHTTP not offering TLS 1.2)',
        text:
          'TLS version mismatch: on Windows 7 SP1, Server 2008 R2 SP1 and Server 2012 WinHTTP (used by WinRM, New-PSSession, the Hybrid Configuration Wizard) ' +
          'does not offer TLS 1.2 until KB3140245 is installed and DefaultSecureProtocols is set, while Microsoft 365 accepts TLS 1.2 only',
        fix: 'winhttpTls12',
      },
      {
        short: 'TLS 1.2 disabled in Schannel',
        text: 'TLS 1.2 is disabled for clients in Schannel (SCHANNEL\\Protocols\\TLS 1.2\\Client Enabled = 0 / DisabledByDefault = 1)',
        fix: 'schannelTls12',
      },
      {
        short: 'no cipher suite in common',
        text: 'no cipher suite in common: the ECDHE AES-GCM suites Microsoft 365 requires are missing or removed by a cipher suite order policy',
        fix: 'cipherSuites',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'name_not_resolved',
    kinds: ['winrm_name_not_resolved'],
    winHttp: [12007],
    label: 'the server name could not be resolved',
    meaning: 'WinHTTP could not resolve the server name (or the name of its proxy)',
    failure: true,
    causes: [
      {
        short: 'DNS not resolving the name',
        text: 'DNS cannot resolve the name from this machine',
        fix: 'dns',
      },
      {
        short: 'a broken WinHTTP proxy setting',
        text: 'a broken or stale WinHTTP proxy setting (separate from the browser\'s): the proxy name does not resolve, or external names resolve only through the proxy',
        fix: 'proxy',
      },
      {
        short: 'the misleading TLS case of Teams remoting (WinHTTP not offering TLS 1.2)',
        text:
          'the misleading case: Teams / Skype for Business Online remote PowerShell (Get-Cs*, New-CsOnlineSession) on Windows Server 2012 / 2008 R2 reports this message ' +
          'when the name resolved and the TLS handshake failed because WinHTTP did not offer TLS 1.2',
        fix: 'winhttpTls12',
        firstIf: TEAMS,
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'connection_reset',
    kinds: ['connection_reset'],
    winHttp: [12030],
    label: 'the connection was reset',
    meaning: 'the server (or a device on the way) reset the connection; during a TLS handshake this is how Microsoft 365 refuses TLS 1.0/1.1',
    failure: true,
    causes: [
      {
        short: 'TLS 1.0/1.1 refused (WinHTTP not offering TLS 1.2)',
        text: 'the client offered TLS 1.0/1.1 only (WinHTTP on Windows 7 / 2008 R2 / 2012 without KB3140245 + DefaultSecureProtocols)',
        fix: 'winhttpTls12',
      },
      {
        short: 'a firewall or proxy cutting the connection',
        text: 'a firewall or proxy cuts the connection',
        fix: 'tcp',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'cannot_connect',
    kinds: ['winrm_timeout', 'connection_refused', 'winrm_cannot_complete'],
    winHttp: [12029, 12002],
    label: 'the server could not be reached',
    meaning: 'the TCP connection to the server could not be made (refused, or no answer in time)',
    failure: true,
    causes: [
      {
        short: 'a firewall or a missing WinHTTP proxy',
        text: 'a firewall blocks the port, or the network lets HTTPS out only through a proxy WinHTTP does not know about',
        fix: 'proxy',
      },
      {
        short: 'nothing listening there',
        text: 'nothing listens on that address and port (wrong name, port or endpoint)',
        fix: 'tcp',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'access_denied',
    kinds: ['access_denied'],
    winHttp: [],
    label: 'access was denied',
    meaning: 'the server refused the sign-in (HTTP 401 / E_ACCESSDENIED): the connection and the TLS handshake worked, so this is not a TLS or network problem',
    failure: true,
    causes: [
      {
        short: 'Basic authentication refused',
        text: 'the session uses Basic authentication (New-PSSession -Authentication Basic, the old Exchange Online remote PowerShell), which Exchange Online no longer accepts, or the WinRM client has Basic disabled',
        fix: 'signIn',
      },
      {
        short: 'wrong credentials or an account that needs MFA',
        text: 'the user name or password is wrong, the account requires MFA (not possible with a PSCredential), or it lacks the admin role for remote PowerShell',
        fix: 'signIn',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'proxy_auth',
    kinds: ['proxy_auth_required'],
    winHttp: [],
    label: 'the proxy demanded authentication (HTTP 407)',
    meaning: 'a proxy between this machine and Microsoft 365 requires authentication and the client did not send credentials to it',
    failure: true,
    causes: [
      {
        short: 'proxy credentials not sent',
        text: 'PowerShell / .NET does not pass the signed-in user\'s credentials to the proxy by default',
        fix: 'proxyAuth',
      },
      {
        short: 'a WinHTTP proxy that should be bypassed',
        text: 'the Microsoft 365 endpoints should bypass the authenticating proxy (or go to it through a PAC that allows them without authentication)',
        fix: 'proxy',
      },
    ],
    client: 'dotnet',
  },
  {
    id: 'server_error',
    kinds: ['http_server_error'],
    winHttp: [],
    label: 'the server answered HTTP 500',
    meaning: 'the remote service (or a proxy answering for it) failed the request after the TCP connection and the TLS handshake had worked — not a TLS problem',
    failure: true,
    causes: [
      {
        short: 'a retired endpoint or sign-in method',
        text: 'the command reaches a retired endpoint or method (Exchange Online remote PowerShell with Basic authentication, the old /powershell-liveid endpoint): use the current module (Connect-ExchangeOnline from ExchangeOnlineManagement 3.x)',
        fix: 'signIn',
      },
      {
        short: 'a proxy answering for the server',
        text: 'a proxy or TLS-inspecting device answers with its own error page',
        fix: 'proxy',
      },
    ],
    client: 'winhttp',
  },
];

/** Row of a message: by kind first, then by WinHTTP code; undefined for a message no row knows. */
export function meaningOf(r: ReportedError): ReportedMeaning | undefined {
  for (const k of r.kinds) {
    const row = REPORTED_MEANINGS.find((m) => m.kinds.includes(k));
    if (row) return row;
  }
  return r.winHttpError !== undefined ? REPORTED_MEANINGS.find((m) => m.winHttp.includes(r.winHttpError!)) : undefined;
}
