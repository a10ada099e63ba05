// The file prologue: first buffer header + logfile-header event (SYSTEM_TRACE_HEADER + TRACE_LOGFILE_HEADER),
// read with the generated parser (formats/etl.ksy, top-level type `etl`).
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';
import { loadFormat, parseWith } from '../formats/load.js';
import { qwordValue } from './qword.js';
import { BUFFER_HEADER_SIZE, clockTypeOf, HeaderType, LOGFILE_MARKERS, logFileModeNames, type ClockType } from './constants.js';

export interface TraceHeader {
  loggerName: string;
  logFileName: string;
  /** `major.minor` of the recording OS (e.g. `10.0`, `6.1`). */
  osVersion: string;
  /** ETL layout version (`1.5` native, `2.0` relogged/compressed). */
  layoutVersion: string;
  osBuild: number;
  pointerSize: 4 | 8;
  cpus: number;
  clockType: ClockType;
  /** Clock frequency in Hz (QPC frequency). */
  perfFreq: bigint;
  cpuSpeedMHz: number;
  /** FILETIME of the sync point. */
  startTime: bigint;
  /** FILETIME when logging stopped; 0n when the file was not closed cleanly. */
  endTime: bigint;
  bootTime: bigint;
  logFileMode: number;
  /** Named flags of `logFileMode`. */
  logFileModeFlags: string[];
  /** Session buffer size. */
  bufferSize: number;
  buffersWritten: number;
  eventsLost: number;
  buffersLost: number;
  /** Clock resolution in 100 ns units. */
  timerResolution: number;
  /** Minutes west of UTC. */
  timeZoneBias: number;
  timeZoneName: string;
  maximumFileSizeMB: number;
  /** Raw timestamp of the logfile-header event — the raw half of the time sync pair. */
  syncRawTime: bigint;
  /** Header-buffer State low word: the compression format of compressed buffers (3 = XPRESS). */
  compressionFormat: number;
}

/**
 * Parses the prologue from the first bytes of the file (`bytes` = the header buffer, or as much of it as exists).
 * Throws TraceError (exit 65) when this is not an ETL file or the header is cut short.
 */
export function parseTraceHeader(bytes: Uint8Array, file: string): TraceHeader {
  if (bytes.length === 0) throw new TraceError(message('input.empty_etl'), ExitCode.DATA_ERR, file, 0);
  if (bytes.length < BUFFER_HEADER_SIZE + 4) {
    throw new TraceError(message('input.etl_too_short', { bytes: bytes.length }), ExitCode.DATA_ERR, file, 0);
  }
  const marker = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(BUFFER_HEADER_SIZE, true);
  if (!LOGFILE_MARKERS.includes(marker)) {
    const found = `0x${marker.toString(16).toUpperCase().padStart(8, '0')}`;
    throw new TraceError(message('input.no_logfile_marker', { found }), ExitCode.DATA_ERR, file, BUFFER_HEADER_SIZE);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let p: any;
  try {
    p = parseWith(loadFormat('Etl'), bytes);
  } catch (err) {
    const reason = (err as Error).message;
    throw new TraceError(message('input.logfile_header_damaged', { reason }), ExitCode.DATA_ERR, file, BUFFER_HEADER_SIZE);
  }
  const b = p.headerBuffer;
  const l = p.logfile;
  return {
    loggerName: l.loggerName,
    logFileName: l.logFileName,
    osVersion: `${l.osMajor}.${l.osMinor}`,
    layoutVersion: `${l.layoutMajor}.${l.layoutMinor}`,
    osBuild: l.providerVersion,
    pointerSize: p.logfileEvent.headerType === HeaderType.SYSTEM32 ? 4 : 8,
    cpus: l.numberOfProcessors,
    clockType: clockTypeOf(l.clockType),
    perfFreq: qwordValue(l.perfFreq),
    cpuSpeedMHz: l.cpuSpeedMhz,
    startTime: qwordValue(l.startTime),
    endTime: qwordValue(l.endTime),
    bootTime: qwordValue(l.bootTime),
    logFileMode: l.logFileMode >>> 0,
    logFileModeFlags: logFileModeNames(l.logFileMode),
    bufferSize: l.bufferSize,
    buffersWritten: l.buffersWritten,
    eventsLost: l.eventsLost,
    buffersLost: l.buffersLost,
    timerResolution: l.timerResolution,
    timeZoneBias: l.timeZone.bias,
    timeZoneName: String(l.timeZone.standardName).replace(/\0.*$/s, ''),
    maximumFileSizeMB: l.maximumFileSize,
    syncRawTime: qwordValue(p.logfileEvent.systemTime),
    compressionFormat: b.state & 0xffff,
  };
}
