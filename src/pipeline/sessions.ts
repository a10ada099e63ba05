// Which capture session each input of one analysis belongs to. Inputs of one session share correlation keys
// (WebIO pointers, pids, 4-tuples); inputs of different sessions never do, because several traces given together
// are usually different machines or different days. Inputs are joined only where the files prove they are the
// same capture: a text export whose events lie inside a trace's time range (and whose OS build agrees), and pasted
// error text (no times, no machine) when exactly one trace is given with it.
import type { InputFormat } from '../ingest/index.js';

const TICKS_PER_MINUTE = 600_000_000n;
/** Slack around a trace's time range: the export's first event may be the header's start itself. */
const SLACK = 5n * 10_000_000n;
/** netsh/pktmon/WinHTTP text prints the converting machine's local time without a zone: ±14 h in 15 min steps. */
const ZONE_STEP = 15n * TICKS_PER_MINUTE;
const MAX_ZONE_STEPS = 56n;

/** Text formats whose times are local time without a zone (read as UTC; see text/text-time.ts). */
const ZONELESS: ReadonlySet<InputFormat> = new Set(['netsh_txt', 'pktmon_txt', 'winhttp_log']);

interface TraceRange {
  session: string;
  osBuild?: number;
  start: bigint;
  end: bigint;
}

export class SessionPlan {
  private readonly traces: TraceRange[] = [];
  private readonly sessions = new Set<string>();

  /** A trace is its own session: two traces given together may be two machines traced at the same moment. */
  trace(path: string): string {
    this.sessions.add(path);
    return path;
  }

  /** The time range a trace turned out to cover (header times, widened by its events). */
  traceRange(session: string, start: bigint | undefined, end: bigint | undefined, osBuild?: number): void {
    if (start === undefined || end === undefined || start <= 0n) return;
    this.traces.push({ session, osBuild, start, end });
  }

  /**
   * A text export (netsh TXT, tracerpt XML/CSV …) joins the one trace whose time range holds its first timed
   * event; otherwise it is its own session. `first` is undefined when the export has no times.
   */
  textExport(path: string, format: InputFormat, first: bigint | undefined, osBuild?: number): string {
    const matches = first === undefined ? [] : this.traces.filter((t) => sameCapture(t, format, first, osBuild));
    if (matches.length === 1) return matches[0]!.session;
    this.sessions.add(path);
    return path;
  }

  /** Pasted error text joins the only trace session when there is exactly one; otherwise it stands alone. */
  errorText(path: string): string {
    return this.sessions.size === 1 ? [...this.sessions][0]! : path;
  }
}

function sameCapture(t: TraceRange, format: InputFormat, first: bigint, osBuild?: number): boolean {
  if (osBuild !== undefined && t.osBuild !== undefined && osBuild !== t.osBuild) return false;
  const inside = (shift: bigint) => first - shift >= t.start - SLACK && first - shift <= t.end + SLACK;
  if (!ZONELESS.has(format)) return inside(0n);
  for (let k = -MAX_ZONE_STEPS; k <= MAX_ZONE_STEPS; k++) if (inside(k * ZONE_STEP)) return true;
  return false;
}
