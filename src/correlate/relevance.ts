// What the diagnosis cares about when the trace holds more than the failing client's traffic.
import type { Connection } from './types.js';
import { DESTINATION_RANK } from './destination.js';

/** HTTPS, HTTP, WinRM over HTTP/HTTPS, common proxy ports. */
export const RELEVANT_PORTS: ReadonlySet<number> = new Set([443, 80, 5985, 5986, 8080, 3128, 8443]);

/** Microsoft 365 / Entra ID name suffixes (the endpoints New-PSSession, HCW, Connect-* and Teams cmdlets use). */
export const M365_NAME_SUFFIXES: readonly string[] = [
  'office365.com',
  'outlook.com',
  'office.com',
  'microsoftonline.com',
  'microsoftonline-p.com',
  'lync.com',
  'teams.microsoft.com',
  'sharepoint.com',
  'protection.outlook.com',
  'msftauth.net',
  'msauth.net',
  'windows.net',
  'microsoft.com',
  'live.com',
];

export function isRelevantName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return M365_NAME_SUFFIXES.some((s) => n === s || n.endsWith('.' + s));
}

/** Lookups whose failure is normal: WPAD discovery, reverse lookups, ISATAP/teredo, single-label probes. */
export function isIgnorableDnsName(name: string): boolean {
  const n = name.toLowerCase();
  return /^wpad(\.|$)/.test(n) || n.endsWith('.in-addr.arpa') || n.endsWith('.ip6.arpa') || /^(isatap|teredo)/.test(n) || n.startsWith('_');
}

/** WinRM client events that report a name-resolution failure (135/136 retries, 137 abort). */
export const WINRM_NAME_ERROR_EVENTS: ReadonlySet<number> = new Set([136, 137]);
/** WinRM client events that report a failed operation. */
export const WINRM_ERROR_EVENTS: ReadonlySet<number> = new Set([7, 12, 135, 136, 137, 138, 139, 142, 162, 164, 171, 172]);

/**
 * How directly a connection explains the user's problem, lower first: a Microsoft 365 / Entra connection, or one
 * whose process reported an error (WinHTTP, WinRM), is the problem; then loopback, private and other hosts
 * (background traffic the trace caught too).
 */
export function connectionRelevance(c: Connection): number {
  if (c.winhttpErrors.length > 0 || (c.winrmEvents?.length ?? 0) > 0) return 0;
  return DESTINATION_RANK[c.destinationClass ?? 'internet'];
}
