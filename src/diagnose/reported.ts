// What an error message the user got means, and its likely causes in order: one row per family of messages.
// Keyed by the message kind the text layer recognised (src/text/error-catalog.ts `kind`) and by WinHTTP code, so
// pasted text and WinRM / WinHttp error events of a trace land on the same row. Knowledge as data: the REPORTED_ERROR
// finding only looks rows up; the fixes are named here and built by src/diagnose/remediation.ts.
import type { EvidenceRef } from '../providers/observations.js';
import { SECURITY_STATUS as S } from '../windows/security-status.js';
import { msg, type Message } from './message.js';

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
  short: Message;
  text: Message;
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
  label: Message;
  meaning: Message;
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
    label: msg('reported.dotnet_tls.label'),
    meaning: msg('reported.dotnet_tls.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.dotnet_tls.cause1.short'),
        text: msg('reported.dotnet_tls.cause1.text'),
        fix: 'dotnetTls12',
      },
      {
        short: msg('reported.dotnet_tls.cause2.short'),
        text: msg('reported.dotnet_tls.cause2.text'),
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
    label: msg('reported.certificate.label'),
    meaning: msg('reported.certificate.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.certificate.cause1.short'),
        text: msg('reported.certificate.cause1.text'),
        fix: 'certificate',
      },
      {
        short: msg('reported.certificate.cause2.short'),
        text: msg('reported.certificate.cause2.text'),
        fix: 'certificate',
        firstIf: { kinds: ['cert_revocation_check_failed', 'cert_revoked'] },
      },
      {
        short: msg('reported.certificate.cause3.short'),
        text: msg('reported.certificate.cause3.text'),
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
    label: msg('reported.tls_failure.label'),
    meaning: msg('reported.tls_failure.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.tls_failure.cause1.short'),
        text: msg('reported.tls_failure.cause1.text'),
        fix: 'winhttpTls12',
      },
      {
        short: msg('reported.tls_failure.cause2.short'),
        text: msg('reported.tls_failure.cause2.text'),
        fix: 'schannelTls12',
      },
      {
        short: msg('reported.tls_failure.cause3.short'),
        text: msg('reported.tls_failure.cause3.text'),
        fix: 'cipherSuites',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'name_not_resolved',
    kinds: ['winrm_name_not_resolved'],
    winHttp: [12007],
    label: msg('reported.name_not_resolved.label'),
    meaning: msg('reported.name_not_resolved.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.name_not_resolved.cause1.short'),
        text: msg('reported.name_not_resolved.cause1.text'),
        fix: 'dns',
      },
      {
        short: msg('reported.name_not_resolved.cause2.short'),
        text: msg('reported.name_not_resolved.cause2.text'),
        fix: 'proxy',
      },
      {
        short: msg('reported.name_not_resolved.cause3.short'),
        text: msg('reported.name_not_resolved.cause3.text'),
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
    label: msg('reported.connection_reset.label'),
    meaning: msg('reported.connection_reset.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.connection_reset.cause1.short'),
        text: msg('reported.connection_reset.cause1.text'),
        fix: 'winhttpTls12',
      },
      {
        short: msg('reported.connection_reset.cause2.short'),
        text: msg('reported.connection_reset.cause2.text'),
        fix: 'tcp',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'cannot_connect',
    kinds: ['winrm_timeout', 'connection_refused', 'winrm_cannot_complete'],
    winHttp: [12029, 12002],
    label: msg('reported.cannot_connect.label'),
    meaning: msg('reported.cannot_connect.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.cannot_connect.cause1.short'),
        text: msg('reported.cannot_connect.cause1.text'),
        fix: 'proxy',
      },
      {
        short: msg('reported.cannot_connect.cause2.short'),
        text: msg('reported.cannot_connect.cause2.text'),
        fix: 'tcp',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'access_denied',
    kinds: ['access_denied'],
    winHttp: [],
    label: msg('reported.access_denied.label'),
    meaning: msg('reported.access_denied.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.access_denied.cause1.short'),
        text: msg('reported.access_denied.cause1.text'),
        fix: 'signIn',
      },
      {
        short: msg('reported.access_denied.cause2.short'),
        text: msg('reported.access_denied.cause2.text'),
        fix: 'signIn',
      },
    ],
    client: 'winhttp',
  },
  {
    id: 'proxy_auth',
    kinds: ['proxy_auth_required'],
    winHttp: [],
    label: msg('reported.proxy_auth.label'),
    meaning: msg('reported.proxy_auth.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.proxy_auth.cause1.short'),
        text: msg('reported.proxy_auth.cause1.text'),
        fix: 'proxyAuth',
      },
      {
        short: msg('reported.proxy_auth.cause2.short'),
        text: msg('reported.proxy_auth.cause2.text'),
        fix: 'proxy',
      },
    ],
    client: 'dotnet',
  },
  {
    id: 'server_error',
    kinds: ['http_server_error'],
    winHttp: [],
    label: msg('reported.server_error.label'),
    meaning: msg('reported.server_error.meaning'),
    failure: true,
    causes: [
      {
        short: msg('reported.server_error.cause1.short'),
        text: msg('reported.server_error.cause1.text'),
        fix: 'signIn',
      },
      {
        short: msg('reported.server_error.cause2.short'),
        text: msg('reported.server_error.cause2.text'),
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
