// Facts the provider modules read that no manifest map carries: the wsmres.dll message lines and the WinHTTP
// errors that WinRM events imply (the manifest value maps come from the bundled schemas: manifest-maps.ts).
import { WINHTTP_CERT_FLAG } from '../windows/winhttp-cert-flags.js';

/**
 * WinRM 172 error lines (wsmres.dll 0x4033C430–0x4033C437, en-US) and the WINHTTP_CALLBACK_STATUS_FLAG_* bit
 * each one stands for (same order as the flag bits).
 */
export const WINRM_CERT_ERROR_TEXTS: ReadonlyArray<readonly [string, number]> = [
  ['The SSL certificate could not be checked for revocation', WINHTTP_CERT_FLAG.CERT_REV_FAILED],
  ['The SSL certificate is invalid', WINHTTP_CERT_FLAG.INVALID_CERT],
  ['The SSL certificate was revoked', WINHTTP_CERT_FLAG.CERT_REVOKED],
  ['The SSL certificate is signed by an unknown certificate authority', WINHTTP_CERT_FLAG.INVALID_CA],
  ['The SSL certificate contains a common name (CN) that does not match the hostname', WINHTTP_CERT_FLAG.CERT_CN_INVALID],
  ['The SSL certificate is expired', WINHTTP_CERT_FLAG.CERT_DATE_INVALID],
  ['The SSL certificate is not appropriate for server authentication', WINHTTP_CERT_FLAG.CERT_WRONG_USAGE],
  ['Encountered an internal error in the SSL library', WINHTTP_CERT_FLAG.SECURITY_CHANNEL_ERROR],
  // ja-JP rendering of the last line, as quoted in the Japanese HCW article.
  ['SSL ライブラリで内部エラーが発生しました', WINHTTP_CERT_FLAG.SECURITY_CHANNEL_ERROR],
];

/** WinRM client events without fields whose text names the WinHTTP error that caused them. */
export const WINRM_IMPLIED_WINHTTP_ERROR: Readonly<Record<number, number>> = {
  135: 12029, // ERROR_WINHTTP_CANNOT_CONNECT, retried via next proxy
  136: 12007, // ERROR_WINHTTP_NAME_NOT_RESOLVED, retried via next proxy
  137: 12007, // ERROR_WINHTTP_NAME_NOT_RESOLVED, aborted
  138: 12002, // ERROR_WINHTTP_TIMEOUT
  139: 12015, // ERROR_WINHTTP_LOGIN_FAILURE
};
