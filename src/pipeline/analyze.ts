// The whole analysis as one library call: inputs → events → observations (+ packets → flows) → connections →
// findings. Streaming: events are consumed one at a time; what stays in memory is the live connection state,
// the flow table of the network layer and bounded trace-level facts.
import { ExitCode, TraceError } from '../common/errors.js';
import { encodeMessage, message, type Message } from '../common/message.js';
import { openInput, refusedAsArchive, sniffPath, type TraceInput } from '../ingest/index.js';
import type { TraceEvent } from '../decode/types.js';
import { SessionPlan } from './sessions.js';
import { SessionJoiner } from './session-joiner.js';
import { ObservationExtractor } from '../providers/index.js';
import { NetworkAnalyzer, EvidenceLog, tlsVersionName, cipherSuiteName, alertDescriptionName, type EvidenceLogOptions } from '../net/index.js';
import type { ReadIssue } from '../etl/types.js';
import type { ProviderOutput } from '../providers/observations.js';
import { Correlator, type TlsNaming } from '../correlate/index.js';
import type { Connection, CorrelationStats } from '../correlate/types.js';
import { diagnose, type TraceContext } from '../diagnose/index.js';
import type { Finding, Verdict } from '../diagnose/types.js';
import { keepReported } from './reported-errors.js';
import type { ReportedError } from '../diagnose/reported.js';

export const NET_NAMING: TlsNaming = {
  versionName: tlsVersionName,
  cipherSuiteName,
  alertDescriptionName,
};

/** Issues that are not lost data: skipped non-event lines of a text export, inputs that were never read. */
const NOT_READ_ISSUES: ReadonlySet<string> = new Set(['skipped_lines', 'not_a_trace', 'archive', 'unreadable']);

/** Read issues that mean the data itself is damaged (exit 65), as opposed to one skipped record. */
const DAMAGE_KINDS: ReadonlySet<ReadIssue['kind']> = new Set(['truncated', 'bad_buffer', 'decompress_failed', 'unsupported_compression', 'not_etl', 'empty']);

export interface InputSummary {
  path: string;
  format: string;
  osBuild?: number;
  osVersion?: string;
  pointerSize?: 4 | 8;
  startTime?: bigint;
  endTime?: bigint;
  /** Events read from this input. */
  events: number;
  eventsLost?: number;
  buffersLost?: number;
  packets: number;
  /** `message` in English; `detail`, when the reader gave one, the same as a catalog message. */
  issues: { kind: string; offset?: number; message: string; detail?: Message }[];
  /** Reading stopped or skipped data because the input is damaged (the analysis covers what came before). */
  damaged: boolean;
}

export interface AnalysisResult {
  verdict: Verdict;
  inputs: InputSummary[];
  findings: Finding[];
  connections: Connection[];
  stats: CorrelationStats & { truncatedPackets: number };
  context: TraceContext;
  /** The first damage met in an input that was read (exit 65 unless a failure was diagnosed), after everything readable was analysed. */
  damage?: TraceError;
  /** Inputs that could not be read at all (not a trace, an archive, missing): warnings while another input was analysed. */
  rejected: TraceError[];
  /** Evidence references logged, and how many of them have their text in memory (the rest is in a temporary file). */
  evidence: { references: number; inMemory: number };
}

export interface AnalyzeOptions {
  naming?: TlsNaming;
  /** Called after each input is read (progress narration). */
  onInput?: (s: InputSummary) => void;
  /** Called now and then while an input is read, with the furthest byte offset reached in it (progress bars). */
  onProgress?: (path: string, offset: number) => void;
  /** Where the evidence texts are kept (memory bound, directory of the temporary file). */
  evidenceLog?: EvidenceLogOptions;
}

/** Traces first, then their text exports, then pasted error text: each joins a session only once that is known. */
function readingOrder(paths: readonly string[]): number[] {
  const rank = (path: string): number => {
    try {
      const f = sniffPath(path);
      return f === 'error_text' ? 2 : f === 'etl' || f === undefined ? 0 : 1;
    } catch {
      return 0;
    }
  };
  const ranks = paths.map(rank);
  return paths.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]! || a - b);
}

/**
 * Analyses the given files together. An input that cannot be read at all (missing, not a trace) is listed in
 * `rejected` and its summary while the others are analysed; when none could be read, TraceError 66 is thrown
 * for a missing input and `damage` says why otherwise. Damage inside an input is reported in `damage`.
 */
export function analyzeFiles(paths: readonly string[], opts: AnalyzeOptions = {}): AnalysisResult {
  const naming = opts.naming ?? NET_NAMING;
  // Evidence texts are most of what a dense trace leaves behind: one log (in a temporary file past a bound) for all.
  const evidenceLog = new EvidenceLog(opts.evidenceLog);
  const correlator = new Correlator({ naming, evidenceLog });
  const sessions = new SessionPlan();
  const inputs: InputSummary[] = new Array(paths.length);
  const rejected: TraceError[] = [];
  let damage: TraceError | undefined;
  let truncatedPackets = 0;
  const reported: ReportedError[] = [];

  for (const index of readingOrder(paths)) {
    const path = paths[index]!;
    let input: TraceInput;
    try {
      input = openInput(path);
    } catch (err) {
      if (!(err instanceof TraceError) || (err.exitCode !== ExitCode.DATA_ERR && err.exitCode !== ExitCode.NO_INPUT)) throw err;
      rejected.push(err);
      const kind = err.exitCode === ExitCode.NO_INPUT ? 'unreadable' : refusedAsArchive(err) ? 'archive' : 'not_a_trace';
      // Not read at all, so not damaged data of the analysis: listed with the inputs and as a warning.
      inputs[index] = { path, format: kind === 'archive' ? 'archive' : 'unknown', events: 0, packets: 0, issues: [{ kind, offset: err.offset, message: err.message, detail: err.detail }], damaged: false };
      continue;
    }
    const summary = readInput(input, correlator, sessions, evidenceLog, (e) => (damage ??= e), opts.onProgress, reported);
    truncatedPackets += summary.truncated;
    inputs[index] = summary.input;
    opts.onInput?.(summary.input);
  }
  if (rejected.length === paths.length && rejected.length > 0) {
    // Nothing could be read: a missing input is a usage-level failure (66), anything else is bad data (65).
    const missing = rejected.find((e) => e.exitCode === ExitCode.NO_INPUT);
    if (missing) throw missing;
    damage ??= rejected[0];
  }

  const result = correlator.finish();
  const builds = inputs.map((i) => i.osBuild).filter((b): b is number => b !== undefined && b > 0);
  const sizes = inputs.map((i) => i.pointerSize).filter((p): p is 4 | 8 => p !== undefined);
  const ctx: TraceContext = {
    osBuild: builds.length ? Math.min(...builds) : undefined,
    pointerSize: sizes.length ? (sizes.includes(8) ? 8 : 4) : undefined,
    eventsLost: inputs.reduce((n, i) => n + (i.eventsLost ?? 0), 0),
    buffersLost: inputs.reduce((n, i) => n + (i.buffersLost ?? 0), 0),
    // Skipped non-event lines and inputs never read are reported per input, but they are not lost events.
    readIssues: inputs.flatMap((i) =>
      i.issues
        .filter((x) => !NOT_READ_ISSUES.has(x.kind))
        .map((x) => readIssueLine(i.path, x)),
    ),
    damaged: inputs.some((i) => i.damaged),
    packets: inputs.reduce((n, i) => n + i.packets, 0),
    truncatedPackets,
    stats: result.stats,
    facts: result.facts,
    connections: result.connections,
    naming,
    reportedErrors: reported,
    errorTextOnly: inputs.length > 0 && inputs.every((i) => i.format === 'error_text'),
    winhttpLogRead: inputs.some((i) => i.format === 'winhttp_log'),
  };
  const { verdict, findings, connections } = diagnose(ctx);
  const evidence = { references: evidenceLog.size, inMemory: evidenceLog.resident };
  // The context names the diagnosed copies: the correlator's own records are let go before the report is written.
  const context: TraceContext = { ...ctx, connections };
  return { verdict, inputs, findings, connections, stats: { ...result.stats, truncatedPackets }, context, damage, rejected, evidence };
}

/**
 * A read problem as the diagnosis quotes it: `FILE at byte 0x…: what`, a message carried in the string (the
 * diagnosis joins these texts; the report renders each in its language).
 */
function readIssueLine(path: string, x: InputSummary['issues'][number]): string {
  const at = x.offset !== undefined ? message('issue.at_byte', { offset: `0x${x.offset.toString(16)}` }) : '';
  return encodeMessage(message('issue.in_file', { file: path, at, detail: x.detail ?? x.message }));
}

function readInput(
  input: TraceInput,
  correlator: Correlator,
  sessions: SessionPlan,
  evidenceLog: EvidenceLog,
  onDamage: (e: TraceError) => void,
  onProgress?: (path: string, offset: number) => void,
  reported: ReportedError[] = [],
): { input: InputSummary; truncated: number } {
  const extractor = new ObservationExtractor();
  const net = new NetworkAnalyzer({ evidenceLog, compact: true });
  let events = 0;
  let packets = 0;
  let stopped: TraceError | undefined;
  const feed = (list: ProviderOutput[]) => {
    for (const o of list) {
      // Messages recognised in pasted error text have no connection to join: kept (bounded) for the diagnosis.
      if (o.kind === 'error_message') {
        keepReported(reported, o);
        continue;
      }
      if (o.kind === 'packet') {
        packets++;
        for (const d of net.addPacket(o)) correlator.add(d);
      }
      correlator.add(o);
    }
  };
  const handle = (ev: TraceEvent) => feed(extractor.observe(ev));
  const joiner = new SessionJoiner(input, sessions, correlator, handle);
  try {
    let furthest = 0;
    for (const ev of input.events()) {
      events++;
      // Records come time-merged across CPUs, so buffer offsets jump around: report the furthest one reached.
      if (onProgress && (events & 0xfff) === 0 && (ev.source.offset ?? 0) > furthest) {
        furthest = ev.source.offset ?? 0;
        onProgress(input.path, furthest);
      }
      joiner.event(ev);
    }
  } catch (err) {
    if (!(err instanceof TraceError)) throw err;
    // Damage mid-file: keep what was read before it.
    stopped = err;
  } finally {
    try {
      joiner.end();
      feed(extractor.flush());
    } finally {
      input.close();
    }
  }
  correlator.addFlows(net.flows());
  joiner.traceRange();
  const issues: InputSummary['issues'] = input.issues.map((i) => ({ kind: i.kind, offset: i.offset, message: i.message, detail: i.detail }));
  if (stopped) issues.push({ kind: 'stopped', offset: stopped.offset, message: stopped.message, detail: stopped.detail });
  const damagedIssue = input.issues.find((i) => DAMAGE_KINDS.has(i.kind));
  const damaged = stopped !== undefined || damagedIssue !== undefined;
  if (stopped) onDamage(stopped);
  else if (damagedIssue) {
    const detail = message('input.damaged', { detail: damagedIssue.detail ?? damagedIssue.message });
    onDamage(new TraceError(detail, ExitCode.DATA_ERR, input.path, damagedIssue.offset));
  }
  const m = input.meta;
  return {
    truncated: net.stats.truncated,
    input: {
      path: input.path,
      format: input.format,
      osBuild: m.osBuild,
      osVersion: m.osVersion,
      pointerSize: m.pointerSize,
      startTime: m.startTime,
      endTime: m.endTime,
      events,
      eventsLost: m.eventsLost,
      buffersLost: m.buffersLost,
      packets,
      issues,
      damaged,
    },
  };
}
