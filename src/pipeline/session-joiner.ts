// Starts an input's capture session in the correlator as soon as it is known: at once for a trace and for pasted
// error text, at the first timed event for a text export (whose times say which trace it was exported from).
// Events before that are held, a bounded number; an export with no times at all is its own session.
import type { TraceEvent } from '../decode/types.js';
import type { TraceInput } from '../ingest/index.js';
import type { Correlator } from '../correlate/index.js';
import type { SessionPlan } from './sessions.js';

/** Untimed events held while waiting for a text export's first time (header lines, a preamble). */
const MAX_HELD = 1024;

export class SessionJoiner {
  private held: TraceEvent[] = [];
  private session: string | undefined;
  private first: bigint | undefined;
  private last: bigint | undefined;

  constructor(
    private readonly input: TraceInput,
    private readonly sessions: SessionPlan,
    private readonly correlator: Correlator,
    private readonly process: (ev: TraceEvent) => void,
  ) {
    if (input.format === 'etl') this.begin(sessions.trace(input.path));
    else if (input.format === 'error_text') this.begin(sessions.errorText(input.path));
  }

  event(ev: TraceEvent): void {
    const timed = ev.time > 0n;
    if (timed) {
      if (this.first === undefined || ev.time < this.first) this.first = ev.time;
      if (this.last === undefined || ev.time > this.last) this.last = ev.time;
    }
    if (this.session !== undefined) return this.process(ev);
    this.held.push(ev);
    if (timed || this.held.length >= MAX_HELD) this.decide();
  }

  /** The input ended (or stopped at damage): an export that never showed a time stands alone. */
  end(): void {
    if (this.session === undefined) this.decide();
  }

  /** After a trace is read: its time range, for the exports that follow to find it. */
  traceRange(): void {
    if (this.input.format !== 'etl' || this.session === undefined) return;
    const m = this.input.meta;
    const start = min(m.startTime, this.first);
    const end = max(m.endTime, this.last);
    this.sessions.traceRange(this.session, start, end, m.osBuild);
  }

  private decide(): void {
    this.begin(this.sessions.textExport(this.input.path, this.input.format, this.first, this.input.meta.osBuild));
    const held = this.held;
    this.held = [];
    for (const ev of held) this.process(ev);
  }

  private begin(session: string): void {
    this.session = session;
    this.correlator.beginSession(session);
  }
}

function min(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined ? b : b === undefined || a < b ? a : b;
}
function max(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined ? b : b === undefined || a > b ? a : b;
}
