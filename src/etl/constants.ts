// Numeric constants of the ETL layout (ntwmi.h / evntrace.h), kept as tables so messages and reports can name them.

export const BUFFER_HEADER_SIZE = 0x48;
/** Largest session buffer ETW allows; also the cap for any allocation driven by a size field. */
export const MAX_BUFFER_BYTES = 16 * 1024 * 1024;

export const BufferFlag = {
  FLUSH_MARKER: 0x0001,
  EVENTS_LOST: 0x0002,
  BUFFER_LOST: 0x0004,
  RTBACKUP_CORRUPT: 0x0008,
  RTBACKUP: 0x0010,
  PROC_INDEX: 0x0020,
  COMPRESSED: 0x0040,
} as const;

export const BufferType = { GENERIC: 0, RUNDOWN: 1, CTX_SWAP: 2, REFTIME: 3, HEADER: 4, BATCHED: 5, EMPTY_MARKER: 6, DBG_INFO: 7 } as const;

/** Header-buffer State low word when the file's buffers are compressed (COMPRESSION_FORMAT_*). */
export const CompressionFormat = { NONE: 0, LZNT1: 2, XPRESS: 3, XPRESS_HUFF: 4 } as const;

/** Marker byte 3 of a typed record header (TRACE_HEADER_FLAG | TRACE_HEADER_EVENT_TRACE). */
export const MARKER_TYPED = 0xc0;
/** Marker byte 3 of a MESSAGE_TRACE_HEADER (TRACE_HEADER_FLAG | TRACE_MESSAGE). */
export const MARKER_MESSAGE = 0x90;

/** Logfile-header event markers: 64-bit and 32-bit TRACE_LOGFILE_HEADER (version 2), and pre-Vista version 1. */
export const LOGFILE_MARKERS = [0xc0020002, 0xc0010002, 0xc0020001, 0xc0010001] as const;

/** EVENT_TRACE_* log file mode bits, by name. */
export const LOG_FILE_MODE_FLAGS: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'SEQUENTIAL'],
  [0x2, 'CIRCULAR'],
  [0x4, 'APPEND'],
  [0x8, 'NEWFILE'],
  [0x10, 'USE_MS_FLUSH_TIMER'],
  [0x20, 'PREALLOCATE'],
  [0x40, 'NONSTOPPABLE'],
  [0x80, 'SECURE'],
  [0x100, 'REAL_TIME'],
  [0x200, 'DELAY_OPEN_FILE'],
  [0x400, 'BUFFERING'],
  [0x800, 'PRIVATE_LOGGER'],
  [0x1000, 'ADD_HEADER'],
  [0x2000, 'USE_KBYTES_FOR_SIZE'],
  [0x4000, 'USE_GLOBAL_SEQUENCE'],
  [0x8000, 'USE_LOCAL_SEQUENCE'],
  [0x10000, 'RELOG'],
  [0x20000, 'PRIVATE_IN_PROC'],
  [0x40000, 'BUFFER_INTERFACE'],
  [0x80000, 'KD_FILTER'],
  [0x100000, 'REALTIME_RELOG'],
  [0x200000, 'LOST_EVENTS_DEBUG'],
  [0x400000, 'STOP_ON_HYBRID_SHUTDOWN'],
  [0x800000, 'PERSIST_ON_HYBRID_SHUTDOWN'],
  [0x1000000, 'USE_PAGED_MEMORY'],
  [0x2000000, 'SYSTEM_LOGGER'],
  [0x4000000, 'COMPRESSED'],
  [0x8000000, 'INDEPENDENT_SESSION'],
  [0x10000000, 'NO_PER_PROCESSOR_BUFFERING'],
  [0x20000000, 'BLOCKING'],
  [0x80000000, 'ADDTO_TRIAGE_DUMP'],
];

export const LOG_FILE_MODE_CIRCULAR = 0x2;
export const LOG_FILE_MODE_PREALLOCATE = 0x20;

/** Names of the set bits of a log file mode; unknown bits as `0x…`. */
export function logFileModeNames(mode: number): string[] {
  const names: string[] = [];
  let rest = mode >>> 0;
  for (const [bit, name] of LOG_FILE_MODE_FLAGS) {
    if ((rest & bit) >>> 0 !== 0) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) names.push('0x' + rest.toString(16));
  return names;
}

/** TRACE_LOGFILE_HEADER ReservedFlags → clock type. */
export const CLOCK_TYPES = ['raw', 'qpc', 'system_time', 'cpu_cycles'] as const;
export type ClockType = (typeof CLOCK_TYPES)[number];
