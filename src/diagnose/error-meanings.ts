// What a pasted error message means and which capture proves its cause: the diagnosis' knowledge about the
// message kinds the error-text reader recognises (text/error-catalog.ts maps the texts to these kinds). The
// captures themselves are capture.ts's recipes.
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { joined, msg, type MessageParam } from './message.js';
import type { CaptureRecipe } from './capture.js';

/**
 * What each recognised message kind means at the WinHTTP level (a report-catalog message, `meaning.<kind>`), and
 * the capture that proves its cause.
 */
const KIND_MEANINGS: Readonly<Record<string, { meaning: string; capture: CaptureRecipe }>> = {
  ssl_internal_error: { meaning: 'meaning.ssl_internal_error', capture: 'tls' },
  cert_revocation_check_failed: { meaning: 'meaning.cert_revocation_check_failed', capture: 'certificate' },
  cert_invalid: { meaning: 'meaning.cert_invalid', capture: 'certificate' },
  cert_revoked: { meaning: 'meaning.cert_revoked', capture: 'certificate' },
  cert_unknown_ca: { meaning: 'meaning.cert_unknown_ca', capture: 'certificate' },
  cert_cn_mismatch: { meaning: 'meaning.cert_cn_mismatch', capture: 'certificate' },
  cert_expired: { meaning: 'meaning.cert_expired', capture: 'certificate' },
  cert_wrong_usage: { meaning: 'meaning.cert_wrong_usage', capture: 'certificate' },
  winrm_name_not_resolved: { meaning: 'meaning.winrm_name_not_resolved', capture: 'name_resolution' },
  winrm_ssl_connection_failed: { meaning: 'meaning.winrm_ssl_connection_failed', capture: 'tls' },
  winrm_timeout: { meaning: 'meaning.winrm_timeout', capture: 'connect' },
  winrm_cannot_complete: { meaning: 'meaning.winrm_cannot_complete', capture: 'connect' },
  access_denied: { meaning: 'meaning.access_denied', capture: 'connect' },
  proxy_auth_required: { meaning: 'meaning.proxy_auth_required', capture: 'connect' },
  http_server_error: { meaning: 'meaning.http_server_error', capture: 'connect' },
  winhttp_secure_failure_api: { meaning: 'meaning.winhttp_secure_failure_api', capture: 'tls' },
  aadsts_tls_deprecated: { meaning: 'meaning.aadsts_tls_deprecated', capture: 'dotnet_tls' },
  dotnet_secure_channel: { meaning: 'meaning.dotnet_secure_channel', capture: 'dotnet_tls' },
  dotnet_trust_failure: { meaning: 'meaning.dotnet_trust_failure', capture: 'certificate' },
  dotnet_handshake_closed: { meaning: 'meaning.dotnet_handshake_closed', capture: 'dotnet_tls' },
  connection_reset: { meaning: 'meaning.connection_reset', capture: 'tls' },
  connection_refused: { meaning: 'meaning.connection_refused', capture: 'connect' },
  dotnet_unexpected_send_error: { meaning: 'meaning.dotnet_unexpected_send_error', capture: 'dotnet_tls' },
};

/** The capture that shows why a WinHTTP error happened. */
export function captureForWinHttp(code: number): CaptureRecipe {
  if (code === 12007) return 'name_resolution';
  if (code === 12002 || code === 12029) return 'connect';
  if ([12037, 12038, 12045, 12057, 12169, 12170, 12179].includes(code)) return 'certificate';
  return 'tls';
}

const WINHTTP_KIND = /^winhttp_(\d+)$/;

/** The meaning of one message kind (`winhttp_12175` names its WinHTTP error); undefined for an unknown message. */
export function kindMeaning(kind: string): MessageParam | undefined {
  const known = KIND_MEANINGS[kind]?.meaning;
  if (known) return msg(known);
  const code = WINHTTP_KIND.exec(kind)?.[1];
  if (code === undefined) return undefined;
  const name = WINHTTP_ERROR_NAMES[Number(code)];
  return `WinHTTP ${code}${name ? ` ${name}` : ''}`;
}

/** The meanings of the kinds one message matched, joined; undefined when none is known. */
export function kindsMeaning(kinds: readonly string[]): MessageParam | undefined {
  const meanings = kinds.map(kindMeaning).filter((m): m is MessageParam => m !== undefined);
  return meanings.length ? joined('items', meanings) : undefined;
}

/** The family of capture that proves the cause of a message kind (an unknown message: the TLS capture, the usual cause). */
export function kindCapture(kind: string): CaptureRecipe {
  const code = WINHTTP_KIND.exec(kind)?.[1];
  return KIND_MEANINGS[kind]?.capture ?? (code !== undefined ? captureForWinHttp(Number(code)) : 'tls');
}
