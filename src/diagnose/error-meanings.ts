// What a pasted error message means and which capture proves its cause: the diagnosis' knowledge about the
// message kinds the error-text reader recognises (text/error-catalog.ts maps the texts to these kinds). The
// captures themselves are capture.ts's recipes.
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { captureRecipe, type CaptureRecipe } from './capture.js';

/** What each recognised message kind means at the WinHTTP level, and the capture that proves its cause. */
const KIND_MEANINGS: Readonly<Record<string, { meaning: string; capture: CaptureRecipe }>> = {
  ssl_internal_error: { meaning: 'WinHTTP 12175 ERROR_WINHTTP_SECURE_FAILURE with SECURITY_CHANNEL_ERROR: the TLS handshake failed (typically no common TLS version, e.g. TLS 1.2 not enabled for WinHTTP)', capture: 'tls' },
  cert_revocation_check_failed: { meaning: 'certificate revocation could not be checked (CRL/OCSP unreachable)', capture: 'certificate' },
  cert_invalid: { meaning: 'the server certificate is invalid', capture: 'certificate' },
  cert_revoked: { meaning: 'the server certificate was revoked', capture: 'certificate' },
  cert_unknown_ca: { meaning: 'the server certificate chains to an untrusted root', capture: 'certificate' },
  cert_cn_mismatch: { meaning: 'the server certificate name does not match the host name used', capture: 'certificate' },
  cert_expired: { meaning: 'the server certificate is expired (or not yet valid)', capture: 'certificate' },
  cert_wrong_usage: { meaning: 'the server certificate lacks the Server Authentication usage', capture: 'certificate' },
  winrm_name_not_resolved: { meaning: 'WinHTTP 12007 ERROR_WINHTTP_NAME_NOT_RESOLVED: DNS (or the WinHTTP proxy name) could not be resolved, or a broken WinHTTP proxy setting', capture: 'name_resolution' },
  winrm_ssl_connection_failed: { meaning: 'WSMan could not establish the HTTPS connection (TLS handshake or listener problem)', capture: 'tls' },
  winrm_timeout: { meaning: 'WinHTTP 12002 ERROR_WINHTTP_TIMEOUT: the server or a firewall did not answer', capture: 'connect' },
  winrm_cannot_complete: { meaning: 'WinRM got no answer from the computer: the name, the network path, a firewall or a proxy stops the connection before WinRM answers', capture: 'connect' },
  access_denied: { meaning: 'the server refused the sign-in (HTTP 401 / E_ACCESSDENIED 0x80070005): the connection and TLS worked, the credentials or the authentication method did not', capture: 'connect' },
  proxy_auth_required: { meaning: 'HTTP 407: a proxy between this machine and Microsoft 365 demands authentication and the client did not give it', capture: 'connect' },
  http_server_error: { meaning: 'HTTP 500: the remote service (or a proxy answering for it) failed the request after the connection and TLS handshake had worked — not a TLS problem', capture: 'connect' },
  winhttp_secure_failure_api: { meaning: 'WinHTTP 12175 ERROR_WINHTTP_SECURE_FAILURE (KB5017811 wording): TLS version/cipher or certificate failure', capture: 'tls' },
  aadsts_tls_deprecated: { meaning: 'Entra ID refused TLS 1.0/1.1 or 3DES from the client (.NET/MSAL not using TLS 1.2)', capture: 'dotnet_tls' },
  dotnet_secure_channel: { meaning: '.NET could not complete the TLS handshake (no common TLS version: SchUseStrongCrypto / SystemDefaultTlsVersions / SecurityProtocol)', capture: 'dotnet_tls' },
  dotnet_trust_failure: { meaning: '.NET rejected the server certificate (untrusted root, e.g. TLS inspection, or name/expiry problem)', capture: 'certificate' },
  dotnet_handshake_closed: { meaning: '.NET SslStream: the server closed the connection during the TLS handshake (no common TLS version or cipher), or a proxy answered in plain text', capture: 'dotnet_tls' },
  connection_reset: { meaning: 'WSAECONNRESET 10054: the server (or a device on the way) reset the connection — during TLS this is how servers refuse TLS 1.0/1.1', capture: 'tls' },
  connection_refused: { meaning: 'WSAECONNREFUSED 10061: nothing listens on that address/port, or a firewall rejects it', capture: 'connect' },
  dotnet_unexpected_send_error: { meaning: '.NET connection closed during the TLS handshake (usually TLS 1.0/1.1 offered to a TLS 1.2-only server)', capture: 'dotnet_tls' },
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
export function kindMeaning(kind: string): string | undefined {
  const known = KIND_MEANINGS[kind]?.meaning;
  if (known) return known;
  const code = WINHTTP_KIND.exec(kind)?.[1];
  if (code === undefined) return undefined;
  const name = WINHTTP_ERROR_NAMES[Number(code)];
  return `WinHTTP ${code}${name ? ` ${name}` : ''}`;
}

/** The meanings of the kinds one message matched, joined; undefined when none is known. */
export function kindsMeaning(kinds: readonly string[]): string | undefined {
  const meanings = kinds.map(kindMeaning).filter((m): m is string => m !== undefined);
  return meanings.length ? meanings.join('; ') : undefined;
}

/** The capture recipe for a message kind (an unknown message: the TLS capture, the usual cause). */
export function kindCapture(kind: string): string {
  const code = WINHTTP_KIND.exec(kind)?.[1];
  return captureRecipe(KIND_MEANINGS[kind]?.capture ?? (code !== undefined ? captureForWinHttp(Number(code)) : 'tls'));
}
