// WINHTTP_CALLBACK_STATUS_FLAG_* (winhttp.h): the bits of WINHTTP_CALLBACK_STATUS_SECURE_FAILURE, also WebIO's
// ServerCertErrors and, one line per bit in this order, the WinRM 172 certificate-error list.

export const WINHTTP_CERT_FLAG = {
  CERT_REV_FAILED: 0x1,
  INVALID_CERT: 0x2,
  CERT_REVOKED: 0x4,
  INVALID_CA: 0x8,
  CERT_CN_INVALID: 0x10,
  CERT_DATE_INVALID: 0x20,
  CERT_WRONG_USAGE: 0x40,
  SECURITY_CHANNEL_ERROR: 0x80000000,
} as const;

export type WinHttpCertFlagName = keyof typeof WINHTTP_CERT_FLAG;
