// The whole analysis as one library call: inputs → events → observations (+ packets → flows) → connections →
// findings. Streaming: events are consumed one at a time; what stays in memory is the live connection state,
// the flow table of the network layer and bounded trace-level facts.
import { ExitCode, TraceError } from '../common/errors.js';
import { openInput, type TraceInput } from '../ingest/index.js';
import { ObservationExtractor } from '../providers/index.js';
import { NetworkAnalyzer, tlsVersionName, cipherSuiteName, alertDescriptionName } from '../net/index.js';
import type { ReadIssue } from '../etl/types.js';
import type { TcpFlow } from '../net/types.js';
import type { Observation } from '../providers/observations.js';
import { Correlator, type TlsNaming } from '../correlate/index.js';
import type { Connection, CorrelationStats } from '../correlate/types.js';
import { diagnose, type TraceContext } from '../diagnose/index.js';
import type { Finding, Verdict } from '../diagnose/types.js';
import { reportedErrorOf, MAX_REPORTED_ERRORS } from './reported-errors.js';
import type { ReportedError } from '../diagnose/reported.js';

export const NET_NAMING: TlsNaming = {
  versionName: tlsVersionName,
  cipherSuiteName,
  alertDescriptionName,
};

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
  issues: { kind: string; offset?: number; message: string }[];
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
  /** The first damage met (exit 65), after everything readable was analysed. */
  damage?: TraceError;
}

export interface AnalyzeOptions {
  naming?: TlsNaming;
  /** Called after each input is read (progress narration). */
  onInput?: (s: InputSummary) => void;
  /** Called now and then while an input is read, with the furthest byte offset reached in it (progress bars). */
  onProgress?: (path: string, offset: number) => void;
}

/**
 * Analyses the given files together. Throws TraceError 66 when an input is missing or unreadable; an input
 * that is damaged or not a trace is reported in `damage` (and its summary) while the others are analysed.
 */
export function analyzeFiles(paths: readonly string[], opts: AnalyzeOptions = {}): AnalysisResult {
  const naming = opts.naming ?? NET_NAMING;
  const correlator = new Correlator({ naming });
  const inputs: InputSummary[] = [];
  const flows: TcpFlow[] = [];
  let damage: TraceError | undefined;
  let truncatedPackets = 0;
  const reported: ReportedError[] = [];

  for (const path of paths) {
    let input: TraceInput;
    try {
      input = openInput(path);
    } catch (err) {
      if (err instanceof TraceError && err.exitCode === ExitCode.DATA_ERR) {
        damage ??= err;
        inputs.push({ path, format: 'unknown', events: 0, packets: 0, issues: [{ kind: 'not_a_trace', offset: err.offset, message: err.message }], damaged: true });
        continue;
      }
      throw err;
    }
    const summary = readInput(input, correlator, flows, (e) => (damage ??= e), opts.onProgress, reported);
    truncatedPackets += summary.truncated;
    inputs.push(summary.input);
    opts.onInput?.(summary.input);
  }

  const result = correlator.finish(flows);
  const builds = inputs.map((i) => i.osBuild).filter((b): b is number => b !== undefined && b > 0);
  const sizes = inputs.map((i) => i.pointerSize).filter((p): p is 4 | 8 => p !== undefined);
  const ctx: TraceContext = {
    osBuild: builds.length ? Math.min(...builds) : undefined,
    pointerSize: sizes.length ? (sizes.includes(8) ? 8 : 4) : undefined,
    eventsLost: inputs.reduce((n, i) => n + (i.eventsLost ?? 0), 0),
    buffersLost: inputs.reduce((n, i) => n + (i.buffersLost ?? 0), 0),
    // Skipped non-event lines of a text export are reported per input, but they are not lost events.
    readIssues: inputs.flatMap((i) =>
      i.issues
        .filter((x) => x.kind !== 'skipped_lines')
        .map((x) => `${i.path}${x.offset !== undefined ? ` at byte 0x${x.offset.toString(16)}` : ''}: ${x.message}`),
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
  };
  const { verdict, findings } = diagnose(ctx);
  return { verdict, inputs, findings, connections: result.connections, stats: { ...result.stats, truncatedPackets }, context: ctx, damage };
}

function readInput(
  input: TraceInput,
  correlator: Correlator,
  flows: TcpFlow[],
  onDamage: (e: TraceError) => void,
  onProgress?: (path: string, offset: number) => void,
  reported: ReportedError[] = [],
): { input: InputSummary; truncated: number } {
  const extractor = new ObservationExtractor();
  const net = new NetworkAnalyzer();
  let events = 0;
  let packets = 0;
  let stopped: TraceError | undefined;
  const feed = (list: Observation[]) => {
    for (const o of list) {
      if (o.kind === 'packet') {
        packets++;
        for (const d of net.addPacket(o)) correlator.add(d);
      }
      correlator.add(o);
    }
  };
  try {
    let furthest = 0;
    for (const ev of input.events()) {
      events++;
      // Records come time-merged across CPUs, so buffer offsets jump around: report the furthest one reached.
      if (onProgress && (events & 0xfff) === 0 && (ev.source.offset ?? 0) > furthest) {
        furthest = ev.source.offset ?? 0;
        onProgress(input.path, furthest);
      }
      feed(extractor.observe(ev));
      // Messages recognised in pasted error text have no connection to join: kept (bounded) for the diagnosis.
      if (reported.length < MAX_REPORTED_ERRORS) {
        const r = reportedErrorOf(ev);
        if (r) reported.push(r);
      }
    }
  } catch (err) {
    if (!(err instanceof TraceError)) throw err;
    // Damage mid-file: keep what was read before it.
    stopped = err;
  } finally {
    try {
      feed(extractor.flush());
    } finally {
      input.close();
    }
  }
  for (const f of net.flows()) flows.push(f);
  const issues: InputSummary['issues'] = input.issues.map((i) => ({ kind: i.kind, offset: i.offset, message: i.message }));
  if (stopped) issues.push({ kind: 'stopped', offset: stopped.offset, message: stopped.message });
  const damagedIssue = input.issues.find((i) => DAMAGE_KINDS.has(i.kind));
  const damaged = stopped !== undefined || damagedIssue !== undefined;
  if (stopped) onDamage(stopped);
  else if (damagedIssue) onDamage(new TraceError(`damaged input: ${damagedIssue.message}`, ExitCode.DATA_ERR, input.path, damagedIssue.offset));
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
