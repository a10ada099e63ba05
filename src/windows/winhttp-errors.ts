// WinHTTP error codes (winhttp.h; HRESULT = 0x80070000 | code) with the English and Japanese system message texts
// that FormatMessage renders for them — what users paste. Knowledge as data: used by the error-text recogniser
// and to turn `ERROR_WINHTTP_*` names, numbers and HRESULTs found in any text into one code.

export interface WinHttpErrorInfo {
  code: number;
  name: string;
  /** System message texts (en-US, ja-JP) as regular-expression sources, spaces tolerant. */
  texts: string[];
}

export const WINHTTP_ERRORS: readonly WinHttpErrorInfo[] = [
  { code: 12002, name: 'ERROR_WINHTTP_TIMEOUT', texts: ['The operation timed out', '操作はタイムアウトしました'] },
  { code: 12004, name: 'ERROR_WINHTTP_INTERNAL_ERROR', texts: ['An internal error occurred in the Microsoft Windows HTTP Services'] },
  { code: 12005, name: 'ERROR_WINHTTP_INVALID_URL', texts: ['The URL is invalid'] },
  { code: 12006, name: 'ERROR_WINHTTP_UNRECOGNIZED_SCHEME', texts: ['The URL does not use a recognized protocol'] },
  {
    code: 12007,
    name: 'ERROR_WINHTTP_NAME_NOT_RESOLVED',
    texts: ['The server name or address could not be resolved', 'サーバー名またはアドレスは解決されませんでした', 'サーバー名またはアドレスを解決できませんでした'],
  },
  { code: 12009, name: 'ERROR_WINHTTP_INVALID_OPTION', texts: ['An invalid option value was specified'] },
  { code: 12011, name: 'ERROR_WINHTTP_OPTION_NOT_SETTABLE', texts: ['The option cannot be set'] },
  { code: 12012, name: 'ERROR_WINHTTP_SHUTDOWN', texts: [] },
  { code: 12015, name: 'ERROR_WINHTTP_LOGIN_FAILURE', texts: [] },
  { code: 12017, name: 'ERROR_WINHTTP_OPERATION_CANCELLED', texts: ['The operation was canceled'] },
  { code: 12018, name: 'ERROR_WINHTTP_INCORRECT_HANDLE_TYPE', texts: [] },
  { code: 12019, name: 'ERROR_WINHTTP_INCORRECT_HANDLE_STATE', texts: [] },
  {
    code: 12029,
    name: 'ERROR_WINHTTP_CANNOT_CONNECT',
    texts: ['A connection with the server could not be established', 'サーバーとの接続を確立できませんでした'],
  },
  {
    code: 12030,
    name: 'ERROR_WINHTTP_CONNECTION_ERROR',
    texts: ['The connection with the server was terminated abnormally', 'サーバーとの接続が異常終了しました'],
  },
  { code: 12032, name: 'ERROR_WINHTTP_RESEND_REQUEST', texts: [] },
  { code: 12037, name: 'ERROR_WINHTTP_SECURE_CERT_DATE_INVALID', texts: [] },
  { code: 12038, name: 'ERROR_WINHTTP_SECURE_CERT_CN_INVALID', texts: [] },
  { code: 12044, name: 'ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED', texts: [] },
  { code: 12045, name: 'ERROR_WINHTTP_SECURE_INVALID_CA', texts: [] },
  { code: 12057, name: 'ERROR_WINHTTP_SECURE_CERT_REV_FAILED', texts: [] },
  { code: 12150, name: 'ERROR_WINHTTP_HEADER_NOT_FOUND', texts: [] },
  { code: 12152, name: 'ERROR_WINHTTP_INVALID_SERVER_RESPONSE', texts: ['The server returned an invalid or unrecognized response'] },
  { code: 12156, name: 'ERROR_WINHTTP_REDIRECT_FAILED', texts: [] },
  {
    code: 12157,
    name: 'ERROR_WINHTTP_SECURE_CHANNEL_ERROR',
    texts: ['An error occurred in the secure channel support', 'セキュリティで保護されたチャネル サポートでエラーが発生しました'],
  },
  { code: 12166, name: 'ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT', texts: [] },
  { code: 12167, name: 'ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT', texts: [] },
  { code: 12169, name: 'ERROR_WINHTTP_SECURE_INVALID_CERT', texts: [] },
  { code: 12170, name: 'ERROR_WINHTTP_SECURE_CERT_REVOKED', texts: [] },
  { code: 12175, name: 'ERROR_WINHTTP_SECURE_FAILURE', texts: ['A security error occurred', 'セキュリティ エラーが発生しました'] },
  { code: 12176, name: 'ERROR_WINHTTP_UNHANDLED_SCRIPT_TYPE', texts: [] },
  { code: 12177, name: 'ERROR_WINHTTP_SCRIPT_EXECUTION_ERROR', texts: [] },
  { code: 12178, name: 'ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR', texts: [] },
  { code: 12179, name: 'ERROR_WINHTTP_SECURE_CERT_WRONG_USAGE', texts: [] },
  { code: 12180, name: 'ERROR_WINHTTP_AUTODETECTION_FAILED', texts: [] },
  { code: 12181, name: 'ERROR_WINHTTP_HEADER_COUNT_EXCEEDED', texts: [] },
  { code: 12182, name: 'ERROR_WINHTTP_HEADER_SIZE_OVERFLOW', texts: [] },
  { code: 12183, name: 'ERROR_WINHTTP_CHUNKED_ENCODING_HEADER_SIZE_OVERFLOW', texts: [] },
  { code: 12184, name: 'ERROR_WINHTTP_RESPONSE_DRAIN_OVERFLOW', texts: [] },
  { code: 12185, name: 'ERROR_WINHTTP_CLIENT_CERT_NO_PRIVATE_KEY', texts: [] },
  { code: 12186, name: 'ERROR_WINHTTP_CLIENT_CERT_NO_ACCESS_PRIVATE_KEY', texts: [] },
];

const BY_CODE = new Map(WINHTTP_ERRORS.map((e) => [e.code, e]));

/** Code → ERROR_WINHTTP_* name, as the reports print codes. */
export const WINHTTP_ERROR_NAMES: Readonly<Record<number, string>> = Object.fromEntries(WINHTTP_ERRORS.map((e) => [e.code, e.name]));
const BY_NAME = new Map(WINHTTP_ERRORS.map((e) => [e.name, e]));

export function winHttpErrorByCode(code: number): WinHttpErrorInfo | undefined {
  return BY_CODE.get(code);
}

export function winHttpErrorByName(name: string): WinHttpErrorInfo | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** 0x80072F8F → 12175 when it is a Win32-facility HRESULT carrying a WinHTTP code. */
export function winHttpCodeFromHresult(hr: number): number | undefined {
  const u = hr >>> 0;
  if ((u & 0xffff0000) >>> 0 !== 0x80070000) return undefined;
  const code = u & 0xffff;
  return code >= 12000 && code < 12200 ? code : undefined;
}
