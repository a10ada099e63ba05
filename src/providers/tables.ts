// Facts the provider modules read that no manifest map carries: the wsmres.dll message lines and the WinHTTP
// errors that WinRM events imply (the manifest value maps come from the bundled schemas: manifest-maps.ts).

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
