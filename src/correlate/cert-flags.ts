// WINHTTP_CALLBACK_STATUS_FLAG_* bits (also WebIO ServerCertErrors and the WinRM 172 lines, same order).
import { SECURITY_STATUS, type SecurityStatusName } from '../windows/security-status.js';
import { ALERT } from '../net/registry/tls-alerts.js';
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';

export const CERT_ERROR_FLAGS: readonly { bit: number; name: string; text: string }[] = [
  { bit: 0x1, name: 'CERT_REV_FAILED', text: 'revocation could not be checked (CRL/OCSP unreachable)' },
  { bit: 0x2, name: 'INVALID_CERT', text: 'certificate is invalid' },
  { bit: 0x4, name: 'CERT_REVOKED', text: 'certificate was revoked' },
  { bit: 0x8, name: 'INVALID_CA', text: 'signed by an unknown or untrusted certificate authority' },
  { bit: 0x10, name: 'CERT_CN_INVALID', text: 'certificate name does not match the host name' },
  { bit: 0x20, name: 'CERT_DATE_INVALID', text: 'certificate is expired or not yet valid' },
  { bit: 0x40, name: 'CERT_WRONG_USAGE', text: 'certificate is not valid for server authentication' },
  { bit: 0x80000000, name: 'SECURITY_CHANNEL_ERROR', text: 'internal error in the SSL library (secure channel failure)' },
];

/** Certificate-related WinHTTP errors, in words (the ERROR_WINHTTP_* name follows in brackets). */
const CERT_WINHTTP_MEANINGS: ReadonlyArray<readonly [number, string]> = [
  [12037, 'certificate is expired or not yet valid'],
  [12038, 'certificate name does not match the host name'],
  [12045, 'signed by an unknown or untrusted certificate authority'],
  [12057, 'revocation could not be checked'],
  [12169, 'certificate is invalid'],
  [12170, 'certificate was revoked'],
  [12179, 'certificate is not valid for server authentication'],
];
export const CERT_WINHTTP_ERRORS: Readonly<Record<number, string>> = Object.fromEntries(
  CERT_WINHTTP_MEANINGS.map(([code, words]) => [code, `${words} (${WINHTTP_ERROR_NAMES[code]})`]),
);

/** Certificate-related SECURITY_STATUS / HRESULT values, in words (the name follows in brackets). */
const CERT_STATUS_MEANINGS: ReadonlyArray<readonly [SecurityStatusName, string]> = [
  ['CERT_E_UNTRUSTEDROOT', 'root certificate is not trusted'],
  ['SEC_E_UNTRUSTED_ROOT', 'certificate chain issued by an untrusted authority'],
  ['CERT_E_CN_NO_MATCH', 'certificate name does not match'],
  ['SEC_E_WRONG_PRINCIPAL', 'target principal name is incorrect'],
  ['CERT_E_EXPIRED', 'certificate expired'],
  ['SEC_E_CERT_EXPIRED', 'certificate expired'],
  ['CRYPT_E_NO_REVOCATION_CHECK', 'revocation function could not check revocation'],
  ['CRYPT_E_REVOCATION_OFFLINE', 'revocation server was offline'],
  ['CERT_E_REVOKED', 'certificate was revoked'],
];
export const CERT_STATUS_CODES: Readonly<Record<number, string>> = Object.fromEntries(
  CERT_STATUS_MEANINGS.map(([name, words]) => [SECURITY_STATUS[name], `${words} (${name})`]),
);

/** TLS alerts a client sends when it rejects the server's certificate. */
export const CERT_ALERTS: ReadonlySet<number> = new Set(
  (['bad_certificate', 'unsupported_certificate', 'certificate_revoked', 'certificate_expired', 'certificate_unknown', 'unknown_ca'] as const).map((n) => ALERT[n]),
);

export function certFlagTexts(flags: number): string[] {
  const out: string[] = [];
  for (const f of CERT_ERROR_FLAGS) if (((flags >>> 0) & f.bit) >>> 0 === f.bit) out.push(f.text);
  return out;
}
