// WinRM client events around a WinHTTP request: session creation and the error the user sees.
import type { Thread, TraceBuilder } from '../trace-builder.js';
import { P } from './flows.js';

export function winrmCreateSession(tb: TraceBuilder, t: number, th: Thread, connection: string): void {
  tb.event(t, th, P.WINRM, 6, 0, { connection });
}

/** 172: the certificate / secure-channel errors WinRM lists (text per WINHTTP_CALLBACK_STATUS_FLAG_* bit). */
export function winrmCertErrors(tb: TraceBuilder, t: number, th: Thread, machine: string, errors: string[]): void {
  const v: Record<string, string> = { machineName: machine, port: '443' };
  for (let i = 1; i <= 8; i++) v[`error${i}`] = errors[i - 1] ?? '';
  tb.event(t, th, P.WINRM, 172, 0, v);
}

export function winrmOperationFailed(tb: TraceBuilder, t: number, th: Thread, operation: string, errorCode: number): void {
  tb.event(t, th, P.WINRM, 142, 0, { operationName: operation, errorCode });
}

export const SSL_LIBRARY_ERROR = 'Encountered an internal error in the SSL library.';
export const UNKNOWN_CA_ERROR = 'The SSL certificate is signed by an unknown certificate authority.';
/** WSMan's "The WinRM client cannot process the request because the server name cannot be resolved." */
export const WSMAN_NAME_NOT_RESOLVED = 0x803381b9;

/** How WinRM reports a failed TLS channel: 172 with the secure-channel error, then 142 with WinHTTP's error code. */
export function winrmSecureChannelFailed(
  tb: TraceBuilder, t: number, th: Thread, machine: string, error: string, gapUs: number, winhttpError: number,
): void {
  winrmCertErrors(tb, t, th, machine, [error]);
  winrmOperationFailed(tb, t + gapUs, th, 'Create', winhttpError);
}

/** How WinRM reports a response-handling error (135, 137, …) it did not map to a secure-channel failure. */
export function winrmResponseFailed(
  tb: TraceBuilder, t: number, th: Thread, responseEvent: number, gapUs: number, errorCode: number,
): void {
  tb.event(t, th, P.WINRM, responseEvent, 0, {});
  winrmOperationFailed(tb, t + gapUs, th, 'Create', errorCode);
}
