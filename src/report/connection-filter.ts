// `analyze --failed-only --host NAME --pid N --outcome O`: which connections a report shows. The diagnosis is
// made on every connection first; the filter only narrows what is listed (findings keep naming what they name).
import type { AnalysisResult } from '../pipeline/index.js';
import type { Connection, Outcome } from '../correlate/types.js';
import { FAILED_OUTCOMES, HEALTHY_OUTCOMES } from '../correlate/index.js';

export interface ConnectionFilter {
  failedOnly?: boolean;
  /** Server names (a leading `*.` matches any subdomain) or addresses, case-insensitive. */
  hosts?: readonly string[];
  pids?: readonly number[];
  outcomes?: readonly Outcome[];
}

export const OUTCOMES: readonly Outcome[] = ['established', 'negotiated', 'closed', 'tls_failed', 'tcp_failed', 'dns_failed', 'proxy_failed', 'cert_failed', 'reset', 'incomplete', 'unknown'];

function hostMatches(c: Connection, pattern: string): boolean {
  const p = pattern.toLowerCase();
  const names = [c.serverName?.toLowerCase(), c.remoteIp?.toLowerCase()].filter((n): n is string => !!n);
  if (p.startsWith('*.')) return names.some((n) => n.endsWith(p.slice(1)));
  return names.includes(p);
}

export function keepsConnection(c: Connection, f: ConnectionFilter): boolean {
  if (f.failedOnly && (HEALTHY_OUTCOMES.has(c.outcome) || !(FAILED_OUTCOMES.has(c.outcome) || c.findingCodes.length > 0))) return false;
  if (f.hosts?.length && !f.hosts.some((h) => hostMatches(c, h))) return false;
  if (f.pids?.length && (c.pid === undefined || !f.pids.includes(c.pid))) return false;
  if (f.outcomes?.length && !f.outcomes.includes(c.outcome)) return false;
  return true;
}

export function isFiltering(f: ConnectionFilter): boolean {
  return !!(f.failedOnly || f.hosts?.length || f.pids?.length || f.outcomes?.length);
}

/** The result with only the connections the filter keeps (ids unchanged, so findings still point at them). */
export function filterConnections(r: AnalysisResult, f: ConnectionFilter): AnalysisResult {
  if (!isFiltering(f)) return r;
  return { ...r, connections: r.connections.filter((c) => keepsConnection(c, f)) };
}
