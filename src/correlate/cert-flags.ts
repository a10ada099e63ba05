// Certificate problems as codes: the WINHTTP_CALLBACK_STATUS_FLAG_* bits, the certificate-related WinHTTP errors,
// SECURITY_STATUS values and TLS alerts. A connection records the names (language-neutral, as in the JSON output);
// each problem's words are the `cert_reason.*` messages of the report catalogs (src/report/i18n).
import { SECURITY_STATUS, type SecurityStatusName } from '../windows/security-status.js';
import { ALERT } from '../net/registry/tls-alerts.js';
import { WINHTTP_CERT_FLAG, type WinHttpCertFlagName } from '../windows/winhttp-cert-flags.js';

/** What is wrong with a certificate, one `cert_reason.<reason>` message each. */
export type CertReason =
  | 'revocation_unchecked'
  | 'revocation_function'
  | 'revocation_offline'
  | 'invalid'
  | 'revoked'
  | 'untrusted_ca'
  | 'untrusted_root'
  | 'untrusted_chain'
  | 'name_mismatch'
  | 'principal_mismatch'
  | 'date_invalid'
  | 'expired'
  | 'wrong_usage'
  | 'secure_channel';

/** What a reason asks of the fix: trust the issuer, reach the revocation servers, or use the right name. */
export const CERT_REASON_KIND: Readonly<Record<CertReason, 'untrusted' | 'revocation' | 'name' | 'other'>> = {
  revocation_unchecked: 'revocation',
  revocation_function: 'revocation',
  revocation_offline: 'revocation',
  invalid: 'other',
  revoked: 'other',
  untrusted_ca: 'untrusted',
  untrusted_root: 'untrusted',
  untrusted_chain: 'untrusted',
  name_mismatch: 'name',
  principal_mismatch: 'name',
  date_invalid: 'other',
  expired: 'other',
  wrong_usage: 'other',
  secure_channel: 'other',
};

const FLAG_PREFIX = 'WINHTTP_CALLBACK_STATUS_FLAG_';

/** Each WINHTTP_CALLBACK_STATUS_FLAG_* bit's reason. */
const CERT_FLAG_REASONS: Readonly<Record<WinHttpCertFlagName, CertReason>> = {
  CERT_REV_FAILED: 'revocation_unchecked',
  INVALID_CERT: 'invalid',
  CERT_REVOKED: 'revoked',
  INVALID_CA: 'untrusted_ca',
  CERT_CN_INVALID: 'name_mismatch',
  CERT_DATE_INVALID: 'date_invalid',
  CERT_WRONG_USAGE: 'wrong_usage',
  SECURITY_CHANNEL_ERROR: 'secure_channel',
};

/** Certificate-related WinHTTP errors and their reasons (the report names the ERROR_WINHTTP_* code with them). */
export const CERT_WINHTTP_ERRORS: Readonly<Record<number, CertReason>> = {
  12037: 'date_invalid',
  12038: 'name_mismatch',
  12045: 'untrusted_ca',
  12057: 'revocation_unchecked',
  12169: 'invalid',
  12170: 'revoked',
  12179: 'wrong_usage',
};

/** Certificate-related SECURITY_STATUS / HRESULT values and their reasons (the report names the status with them). */
const CERT_STATUS_REASONS: ReadonlyArray<readonly [SecurityStatusName, CertReason]> = [
  ['CERT_E_UNTRUSTEDROOT', 'untrusted_root'],
  ['SEC_E_UNTRUSTED_ROOT', 'untrusted_chain'],
  ['CERT_E_CN_NO_MATCH', 'name_mismatch'],
  ['SEC_E_WRONG_PRINCIPAL', 'principal_mismatch'],
  ['CERT_E_EXPIRED', 'expired'],
  ['SEC_E_CERT_EXPIRED', 'expired'],
  ['CRYPT_E_NO_REVOCATION_CHECK', 'revocation_function'],
  ['CRYPT_E_REVOCATION_OFFLINE', 'revocation_offline'],
  ['CERT_E_REVOKED', 'revoked'],
];
export const CERT_STATUS_CODES: Readonly<Record<number, CertReason>> = Object.fromEntries(
  CERT_STATUS_REASONS.map(([name, reason]) => [SECURITY_STATUS[name], reason]),
);

/** TLS alerts a client sends when it rejects the server's certificate. */
export const CERT_ALERTS: ReadonlySet<number> = new Set(
  (['bad_certificate', 'unsupported_certificate', 'certificate_revoked', 'certificate_expired', 'certificate_unknown', 'unknown_ca'] as const).map((n) => ALERT[n]),
);

/** The WINHTTP_CALLBACK_STATUS_FLAG_* names of the bits set in `flags`, as a connection records them. */
export function certFlagNames(flags: number): string[] {
  const out: string[] = [];
  for (const name of Object.keys(CERT_FLAG_REASONS) as WinHttpCertFlagName[]) {
    const bit = WINHTTP_CERT_FLAG[name];
    if (((flags >>> 0) & bit) >>> 0 === bit) out.push(FLAG_PREFIX + name);
  }
  return out;
}

const VALIDATION_FAILURE = /^CERT_VALIDATION_ERROR (\d+)(?: reason (\d+))?$/;

/** A failed validation that names no flag and no text: its error code (and WebIO's reason), as a code. */
export function certValidationFailure(error: number, reason?: number): string {
  return `CERT_VALIDATION_ERROR ${error}${reason !== undefined ? ` reason ${reason}` : ''}`;
}

/**
 * What one recorded certificate problem is: a flag (its reason), a validation failure (its error and reason), or
 * anything else — a text the trace wrote (WinRM's error lines, a WebIO reason) or a CAPI2 CERT_TRUST_* name.
 */
export type CertProblem =
  | { kind: 'reason'; reason: CertReason; name: string }
  | { kind: 'validation'; error: number; reason?: number }
  | { kind: 'text'; text: string };

export function certProblem(recorded: string): CertProblem {
  if (recorded.startsWith(FLAG_PREFIX)) {
    const reason = CERT_FLAG_REASONS[recorded.slice(FLAG_PREFIX.length) as WinHttpCertFlagName];
    if (reason) return { kind: 'reason', reason, name: recorded };
  }
  const failure = VALIDATION_FAILURE.exec(recorded);
  if (failure) return { kind: 'validation', error: Number(failure[1]), ...(failure[2] !== undefined ? { reason: Number(failure[2]) } : {}) };
  return { kind: 'text', text: recorded };
}
