// SECURITY_STATUS / HRESULT values Schannel and the certificate chain engine return (winerror.h), each named once.

export const SECURITY_STATUS = {
  SEC_E_OK: 0x00000000,
  SEC_I_CONTINUE_NEEDED: 0x00090312,
  SEC_E_UNSUPPORTED_FUNCTION: 0x80090302,
  SEC_E_INTERNAL_ERROR: 0x80090304,
  SEC_E_INVALID_TOKEN: 0x80090308,
  SEC_E_NO_CREDENTIALS: 0x8009030e,
  SEC_E_INCOMPLETE_MESSAGE: 0x80090318,
  SEC_E_WRONG_PRINCIPAL: 0x80090322,
  SEC_E_UNTRUSTED_ROOT: 0x80090325,
  SEC_E_ILLEGAL_MESSAGE: 0x80090326,
  SEC_E_CERT_UNKNOWN: 0x80090327,
  SEC_E_CERT_EXPIRED: 0x80090328,
  SEC_E_ALGORITHM_MISMATCH: 0x80090331,
  CERT_E_EXPIRED: 0x800b0101,
  CERT_E_UNTRUSTEDROOT: 0x800b0109,
  CERT_E_REVOKED: 0x800b010c,
  CERT_E_CN_NO_MATCH: 0x800b010f,
  CRYPT_E_NO_REVOCATION_CHECK: 0x80092012,
  CRYPT_E_REVOCATION_OFFLINE: 0x80092013,
} as const;

export type SecurityStatusName = keyof typeof SECURITY_STATUS;

/** Code → name of every status above. */
export const SECURITY_STATUS_NAMES: Readonly<Record<number, SecurityStatusName>> = Object.fromEntries(
  Object.entries(SECURITY_STATUS).map(([name, code]) => [code, name as SecurityStatusName]),
);

/** True for a failure status (the severity bit set). */
export function isSecurityFailure(status: number): boolean {
  return (status >>> 0) >= 0x80000000;
}
