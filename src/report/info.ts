// `tracedoctor info`: what a trace is (session, OS, clock, time span, buffers) and what it holds (record counts
// by header kind, providers with their event ids). Counting walks the records in file order (EtlFile.scan).
import type { EtlFile, HeaderKind, ReadIssue } from '../etl/index.js';
import { KERNEL_GROUP_NAMES } from '../etl/index.js';
import { filetimeToIso } from '../common/time.js';
import { hex32 } from '../common/format.js';
import type { EventDecoderLike } from './events.js';
import { TraceError, ExitCode } from '../common/errors.js';
import { EVENT_METADATA_GUID } from '../decode/index.js';
import { windowsReleaseName } from '../common/windows-releases.js';


export interface ProviderCount {
  guid: string;
  name: string | null;
  events: number;
  /** Event ids (opcode for kernel/classic records) with their counts, ascending. */
  event_ids: { id: number; events: number }[];
}

export interface InfoReport {
  file: string;
  logger_name: string;
  log_file_name: string;
  os_version: string;
  /** Release name by build (`Windows 11 24H2 / Server 2025`), null for a build the table does not know. */
  os_release: string | null;
  os_build: number;
  layout_version: string;
  pointer_size: number;
  cpus: number;
  clock: string;
  perf_freq: string;
  cpu_speed_mhz: number;
  start_time: string;
  end_time: string | null;
  boot_time: string | null;
  log_file_mode: string;
  log_file_mode_flags: string[];
  buffer_size: number;
  /** Buffer counts: `flagged_events_lost` / `flagged_buffer_lost` count buffers carrying those flags (the lost totals are `events_lost` / `buffers_lost`). */
  buffers: { total: number; compressed: number; flagged_events_lost: number; flagged_buffer_lost: number; skipped: number };
  events_lost: number;
  buffers_lost: number;
  events_total: number;
  events_by_header: Record<HeaderKind, number>;
  providers: ProviderCount[];
  skipped: { buffers: number; records: number; bytes: number };
  issues: { kind: ReadIssue['kind']; offset: number; message: string }[];
}

/** Walks every record of `file` and builds the report; the decoder supplies provider names. */
export function buildInfo(file: EtlFile, decoder: EventDecoderLike): InfoReport {
  const byProvider = new Map<string, { events: number; ids: Map<number, number> }>();
  let last: { events: number; ids: Map<number, number> } | undefined;
  let lastGuid = '';
  file.scan((rec) => {
    const guid = rec.providerGuid;
    if (guid === EVENT_METADATA_GUID && decoder.prepare !== undefined) decoder.prepare([rec.toRawEvent()]);
    if (guid !== lastGuid || last === undefined) {
      last = byProvider.get(guid);
      if (last === undefined) {
        byProvider.set(guid, (last = { events: 0, ids: new Map() }));
        // Decoding one event teaches the decoder a TraceLogging provider's name; a failure only costs the name.
        try {
          decoder.decode(rec.toRawEvent());
        } catch {
          /* the name stays unknown */
        }
      }
      lastGuid = guid;
    }
    last.events++;
    last.ids.set(rec.id, (last.ids.get(rec.id) ?? 0) + 1);
  });
  const h = file.header;
  const s = file.stats;
  const k = s.recordsByKind;
  const total = k.system + k.compact + k.perfinfo + k.full + k.instance + k.event_header + k.message;
  const providers: ProviderCount[] = [...byProvider.entries()]
    .map(([guid, p]) => ({
      guid,
      name: (guid === '' ? undefined : decoder.providerName(guid)) ?? KERNEL_GROUP_NAMES.get(guid) ?? null,
      events: p.events,
      event_ids: [...p.ids.entries()].sort((a, b) => a[0] - b[0]).map(([id, events]) => ({ id, events })),
    }))
    .sort((a, b) => b.events - a.events || a.guid.localeCompare(b.guid));
  return {
    file: file.path,
    logger_name: h.loggerName,
    log_file_name: h.logFileName,
    os_version: h.osVersion,
    os_release: windowsReleaseName(h.osBuild) ?? null,
    os_build: h.osBuild,
    layout_version: h.layoutVersion,
    pointer_size: h.pointerSize,
    cpus: h.cpus,
    clock: h.clockType,
    perf_freq: h.perfFreq.toString(),
    cpu_speed_mhz: h.cpuSpeedMHz,
    start_time: filetimeToIso(h.startTime),
    end_time: h.endTime > 0n ? filetimeToIso(h.endTime) : null,
    boot_time: h.bootTime > 0n ? filetimeToIso(h.bootTime) : null,
    log_file_mode: hex32(h.logFileMode),
    log_file_mode_flags: h.logFileModeFlags,
    buffer_size: h.bufferSize,
    buffers: {
      total: s.buffersTotal,
      compressed: s.buffersCompressed,
      flagged_events_lost: s.buffersEventsLost,
      flagged_buffer_lost: s.buffersBufferLost,
      skipped: s.buffersSkipped,
    },
    events_lost: h.eventsLost,
    buffers_lost: h.buffersLost,
    events_total: total,
    events_by_header: { ...k },
    providers,
    skipped: { buffers: s.buffersSkipped, records: s.recordsSkipped, bytes: s.bytesSkipped },
    issues: file.issues.map((i) => ({ kind: i.kind, offset: i.offset, message: i.message })),
  };
}

/** The report as JSON (one document, two-space indent). */
export function infoJson(r: InfoReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/** The report for a terminal. */
export function infoHuman(r: InfoReport): string {
  const lines: string[] = [];
  const row = (label: string, value: string | number) => lines.push(`${(label + ':').padEnd(20)}${value}`);
  row('File', r.file);
  row('Logger', r.logger_name);
  row('Log file name', r.log_file_name);
  row('OS', `${r.os_release ?? `Windows ${r.os_version}`} (build ${r.os_build}, version ${r.os_version})`);
  row('ETL layout', r.layout_version);
  row('Pointer size', `${r.pointer_size} bytes`);
  row('CPUs', r.cpus);
  row('Clock', `${r.clock} (${r.perf_freq} Hz)`);
  row('Start', r.start_time);
  row('End', r.end_time ?? '(not set: file not closed cleanly)');
  row('Log file mode', `${r.log_file_mode} ${r.log_file_mode_flags.join(' | ')}`.trimEnd());
  row('Buffer size', r.buffer_size);
  const b = r.buffers;
  row('Buffers', `${b.total} (${b.compressed} compressed, ${b.flagged_events_lost} flagged with events lost, ${b.flagged_buffer_lost} flagged with a buffer lost)`);
  row('Events lost', `${r.events_lost} (buffers lost: ${r.buffers_lost})`);
  row('Records', r.events_total);
  for (const [kind, n] of Object.entries(r.events_by_header)) if (n > 0) lines.push(`  ${kind.padEnd(18)}${n}`);
  if (r.skipped.buffers || r.skipped.records || r.skipped.bytes) {
    row('Skipped', `${r.skipped.buffers} buffers, ${r.skipped.records} records, ${r.skipped.bytes} bytes`);
  }
  lines.push('', `Providers (${r.providers.length}):`);
  for (const p of r.providers) {
    const ids = p.event_ids.map((x) => `${x.id}×${x.events}`).join(' ');
    lines.push(`  ${p.guid.padEnd(37)}${(p.name ?? '(unknown)').padEnd(40)}${String(p.events).padStart(9)}  ids ${ids}`);
  }
  if (r.issues.length > 0) {
    lines.push('', `Problems (${r.issues.length}):`);
    for (const i of r.issues) lines.push(`  at byte 0x${i.offset.toString(16)} (${i.offset}): ${i.message}`);
  }
  return lines.join('\n') + '\n';
}

/** Stderr lines for the problems met while reading (`FILE: at byte 0x… (N): what`), at most `max` of them. */
export function issueLines(path: string, issues: readonly ReadIssue[], max = 20): string[] {
  const lines = issues.slice(0, max).map((i) => new TraceError(i.message, ExitCode.DATA_ERR, path, i.offset).describe());
  if (issues.length > max) lines.push(`${path}: ${issues.length - max} more problems (see tracedoctor info)`);
  return lines;
}
