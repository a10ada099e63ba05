// What the rules may look at besides one connection: the trace header, what the trace contains, trace-level facts.
import type { Connection, CorrelationStats, TraceFacts } from '../correlate/types.js';
import type { TlsNaming } from '../correlate/naming.js';
import type { ReportedError } from './reported.js';
import { windowsReleaseLabel } from '../common/windows-releases.js';

export interface TraceContext {
  /** Windows build of the traced machine (logfile header); the lowest when several inputs disagree. */
  osBuild?: number;
  /** Pointer size of the traced machine: 4 means a 32-bit Windows (no Wow6432Node). */
  pointerSize?: 4 | 8;
  eventsLost: number;
  buffersLost: number;
  /** Read problems (skipped buffers, damaged records, the error that stopped reading). */
  readIssues: string[];
  /** An input stopped early because its data was damaged. */
  damaged: boolean;
  packets: number;
  /** Packets whose capture was cut by the snap length (from the network layer, when it counts them). */
  truncatedPackets?: number;
  stats: CorrelationStats;
  facts: TraceFacts;
  connections: Connection[];
  /** Names for cipher suites and versions in explanations (hex when absent). */
  naming?: TlsNaming;
  /** Error messages recognised in pasted error text (PowerShell / WinRM / .NET / Entra ID output), bounded. */
  reportedErrors?: ReportedError[];
  /** Every input is pasted error text: there is no trace, so "the trace lacks X" gaps do not apply. */
  errorTextOnly?: boolean;
  /** A legacy WinHTTP text log was read: WinHTTP's own logging is there, whether or not it shows a connection. */
  winhttpLogRead?: boolean;
}

export const WIN7_BUILDS: ReadonlySet<number> = new Set([7600, 7601]);
export const WIN2012_BUILD = 9200;

export function isWindows7Family(ctx: TraceContext): boolean {
  return ctx.osBuild !== undefined && WIN7_BUILDS.has(ctx.osBuild);
}

/** Windows 7 SP1 / 2008 R2 SP1 / Server 2012 / Windows 8: WinHTTP's default lacks TLS 1.2 until KB3140245 + DefaultSecureProtocols. */
export function needsKb3140245(ctx: TraceContext): boolean | undefined {
  if (ctx.osBuild === undefined) return undefined;
  return ctx.osBuild <= WIN2012_BUILD;
}

/** The OS a trace was taken on, by its build (one table: common/windows-releases.ts). */
export function osLabel(build: number | undefined): string {
  return windowsReleaseLabel(build);
}
