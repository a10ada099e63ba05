// Decides what happened to one connection attempt, from the facts the correlator gathered.
// Order matters: the earliest layer that failed explains the rest (no name → no TCP → no TLS).
import type { Connection, Outcome } from './types.js';
import { hasKey } from './evidence.js';
import { CERT_ALERTS, CERT_STATUS_CODES, CERT_WINHTTP_ERRORS } from './cert-flags.js';
import { tcpCloseReason } from '../providers/manifest-maps.js';
import { isSecurityFailure } from '../windows/security-status.js';
import { TLS_VERSION } from '../net/registry/tls-versions.js';

/** WinHTTP errors that mean "the TLS handshake failed" (12175 secure failure, 12157 channel error, 12030 incl. incompatible SSL protocol). */
export const TLS_WINHTTP_ERRORS: ReadonlySet<number> = new Set([12175, 12157, 12030]);
export const PROXY_WINHTTP_ERRORS: ReadonlySet<number> = new Set([12166, 12167, 12178]);
export const CONNECT_WINHTTP_ERRORS: ReadonlySet<number> = new Set([12029]);
export const NAME_WINHTTP_ERRORS: ReadonlySet<number> = new Set([12007]);


export function hasCertProblem(c: Connection): boolean {
  if (c.certErrors.length > 0) return true;
  if (c.winhttpErrors.some((e) => e in CERT_WINHTTP_ERRORS)) return true;
  if (c.securityStatus.some((s) => (s >>> 0) in CERT_STATUS_CODES)) return true;
  return c.alertFrom === 'client' && c.alertDescription !== undefined && CERT_ALERTS.has(c.alertDescription);
}

export function hasTcpFailure(c: Connection): boolean {
  if (c.established || c.clientOfferedVersionCodes?.length) return false;
  return (
    c.connectError !== undefined ||
    c.synUnanswered === true ||
    hasKey(c, 'tcp_failure') ||
    c.closeReason === tcpCloseReason('Connect Timeout') ||
    c.winhttpErrors.some((e) => CONNECT_WINHTTP_ERRORS.has(e))
  );
}

/**
 * A reset after the exchange: both sides had sent data when the first RST came and, on a TLS connection, the
 * handshake had completed (application data flowed). Servers and CDNs close finished or idle connections this way;
 * a reset is a failure only when it ends a connection before its handshake or first response completed.
 */
export function resetAfterExchange(c: Connection): boolean {
  const sent = c.flow?.sentBeforeReset;
  if (sent === undefined || sent.client === 0 || sent.server === 0) return false;
  const tls = c.flow?.tls;
  return !tls || tls.established || tls.applicationData.server;
}

/**
 * The server selected TLS 1.2 or 1.3 and a cipher suite and the exchange went on (ChangeCipherSpec, encrypted
 * handshake, application data) with no alert, reset or error: the negotiation succeeded even when the trace
 * ends before the client's Finished.
 */
export function negotiatedCleanly(c: Connection): boolean {
  const tls = c.flow?.tls;
  const sh = tls?.serverHello;
  if (!tls || !sh || sh.helloRetryRequest || sh.selectedVersionUncertain) return false;
  if (sh.selectedVersion < TLS_VERSION['TLS 1.2'] || sh.cipherSuite === undefined) return false;
  if (c.alert !== undefined || c.resetBy !== undefined || c.winhttpErrors.length > 0 || c.securityStatus.some(isSecurityFailure)) return false;
  return tls.serverChangeCipherSpec || tls.clientChangeCipherSpec || tls.applicationData.server || tls.applicationData.client;
}

/** A handshake that began and then ended badly, with positive evidence (not just a capture that stops). */
export function hasTlsFailure(c: Connection): boolean {
  if (c.established) return false;
  // Any alert other than close_notify or a warning, before the handshake completed (TLS 1.3 alerts may be encrypted).
  if (c.alert !== undefined && c.alertDescription !== 0 && c.alertLevel !== 1) return true;
  if (c.securityStatus.some(isSecurityFailure)) return true;
  if (c.winhttpErrors.some((e) => TLS_WINHTTP_ERRORS.has(e))) return true;
  if (c.versionMismatchReported) return true;
  const helloSeen = (c.clientOfferedVersionCodes?.length ?? 0) > 0;
  if (helloSeen && c.resetBy && !resetAfterExchange(c) && (!c.truncated || c.resetBy === 'server')) return true;
  if (c.winhttpEnabledProtocols !== undefined && c.closeReason === tcpCloseReason('Remote Reset')) return true;
  return false;
}

/** The connection attempt itself is in the trace (SYN, or WebIO's socket connect / credentials). */
export function startedInTrace(c: Connection): boolean {
  if (c.flow?.syn) return true;
  return hasKey(c, 'socket_connect') || hasKey(c, 'credentials') || hasKey(c, 'client_hello');
}

export function decideOutcome(c: Connection): Outcome {
  // WinHTTP checks the server certificate after Schannel completes the handshake, so a rejected certificate
  // can follow a completed handshake: the connection still failed.
  if (c.established) return hasCertProblem(c) ? 'cert_failed' : 'established';
  if (!c.remoteIp && (c.dnsStatus !== undefined || c.winhttpErrors.some((e) => NAME_WINHTTP_ERRORS.has(e)))) return 'dns_failed';
  if (!c.remoteIp && c.winhttpErrors.some((e) => PROXY_WINHTTP_ERRORS.has(e))) return 'proxy_failed';
  if (hasTcpFailure(c)) return 'tcp_failed';
  if (hasCertProblem(c)) return 'cert_failed';
  if (hasTlsFailure(c)) return 'tls_failed';
  if (negotiatedCleanly(c)) return 'negotiated';
  if (c.resetBy && resetAfterExchange(c)) return 'closed';
  // A reset of a connection that was already open when the trace began says nothing about how it started.
  if (c.resetBy && !c.truncated && startedInTrace(c)) return 'reset';
  if (c.truncated || (c.flow && c.flow.tls && !c.flow.tls.established)) return 'incomplete';
  return 'unknown';
}

/** Outcomes of a connection that worked (completed, negotiated, or exchanged data and was closed). */
export const HEALTHY_OUTCOMES: ReadonlySet<Outcome> = new Set(['established', 'negotiated', 'closed']);

/** Outcomes that count as a failed connection attempt. */
export const FAILED_OUTCOMES: ReadonlySet<Outcome> = new Set(['tls_failed', 'tcp_failed', 'dns_failed', 'proxy_failed', 'cert_failed', 'reset']);
