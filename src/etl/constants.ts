// Numeric constants of the ETL layout (ntwmi.h / evntrace.h). The kind and flag tables are the enums that
// formats/etl.ksy declares, read once from the generated parser; the hand-written paths compare against them.
import { ksyEnum, ksyEnumName } from '../formats/load.js';
import type { HeaderKind } from './types.js';

export const BUFFER_HEADER_SIZE = 0x48;
/** EVENT_HEADER: the fixed part before extended data items and user data. */
export const EVENT_HEADER_SIZE = 0x50;
/** Largest session buffer ETW allows; also the cap for any allocation driven by a size field. */
export const MAX_BUFFER_BYTES = 16 * 1024 * 1024;

/** WMI_BUFFER_HEADER BufferFlag bits. */
export const BufferFlag = ksyEnum('Etl', 'BufferFlag');
/** WMI_BUFFER_HEADER BufferType values. */
export const BufferType = ksyEnum('Etl', 'BufferType');
/** Header-buffer State low word when the file's buffers are compressed (COMPRESSION_FORMAT_*). */
export const CompressionFormat = ksyEnum('Etl', 'CompressionFormat');
/** Byte 3 of a record: typed header (TRACE_HEADER_FLAG | TRACE_HEADER_EVENT_TRACE) or MESSAGE_TRACE_HEADER. */
export const RecordMarker = ksyEnum('Etl', 'RecordMarker');
/** Byte 2 of a typed record: which header layout follows. */
export const HeaderType = ksyEnum('Etl', 'HeaderType');
/** EVENT_HEADER Flags bits. */
export const EventHeaderFlag = ksyEnum('Etl', 'EventHeaderFlag');
/** EVENT_HEADER_EXT_TYPE_* of an extended data item. */
export const ExtType = ksyEnum('Etl', 'ExtType');
/** TRACE_MESSAGE_* option flags of a MESSAGE_TRACE_HEADER. */
export const MessageFlag = ksyEnum('Etl', 'MessageFlag');
/** EVENT_TRACE_* log file mode bits of TRACE_LOGFILE_HEADER. */
export const LogFileMode = ksyEnum('Etl', 'LogFileMode');

/** Every BufferFlag bit the layout defines; any other bit marks a damaged header. */
export const KNOWN_BUFFER_FLAGS = Object.values(BufferFlag).reduce((all, bit) => all | bit, 0);
/** Largest BufferType the layout defines; a larger one marks a damaged header. */
export const MAX_BUFFER_TYPE = Math.max(...Object.values(BufferType));

/** Logfile-header event markers: 64-bit and 32-bit TRACE_LOGFILE_HEADER (version 2), and pre-Vista version 1. */
export const LOGFILE_MARKERS: readonly number[] = [2, 1].flatMap((version) =>
  [HeaderType.SYSTEM64, HeaderType.SYSTEM32].map((type) => ((RecordMarker.TYPED << 24) | (type << 16) | version) >>> 0),
);

/** Record kind and fixed header size of each typed header type (both pointer-size twins of each layout). */
const HEADER_LAYOUTS: readonly { kind: HeaderKind; types: readonly string[]; headerSize: number }[] = [
  { kind: 'system', types: ['SYSTEM32', 'SYSTEM64'], headerSize: 0x20 },
  { kind: 'compact', types: ['COMPACT32', 'COMPACT64'], headerSize: 0x18 },
  { kind: 'perfinfo', types: ['PERFINFO32', 'PERFINFO64'], headerSize: 0x10 },
  { kind: 'full', types: ['FULL_HEADER32', 'FULL_HEADER64'], headerSize: 0x30 },
  { kind: 'instance', types: ['INSTANCE32', 'INSTANCE64'], headerSize: 0x48 },
  { kind: 'event_header', types: ['EVENT_HEADER32', 'EVENT_HEADER64'], headerSize: EVENT_HEADER_SIZE },
];

/** Record kind by header type (undefined: not a typed header). */
export const KIND_BY_HEADER_TYPE: readonly (HeaderKind | undefined)[] = byHeaderType((l) => l.kind);
/** Fixed header size by header type. */
export const HEADER_SIZE_BY_TYPE: readonly (number | undefined)[] = byHeaderType((l) => l.headerSize);
/** Header types whose payload has 32-bit pointers (the other twin has 64-bit ones). */
export const POINTER32_HEADER_TYPES: ReadonlySet<number> = new Set(HEADER_LAYOUTS.map((l) => HeaderType[l.types[0]!]));

function byHeaderType<T>(pick: (l: (typeof HEADER_LAYOUTS)[number]) => T): (T | undefined)[] {
  const out: (T | undefined)[] = [];
  for (const l of HEADER_LAYOUTS) for (const name of l.types) out[HeaderType[name]] = pick(l);
  return out;
}

const LOG_FILE_MODE_BITS = Object.entries(LogFileMode).sort((a, b) => a[1] - b[1]);

/** Names of the set bits of a log file mode, lowest bit first; unknown bits as `0x…`. */
export function logFileModeNames(mode: number): string[] {
  const names: string[] = [];
  let rest = mode >>> 0;
  for (const [name, bit] of LOG_FILE_MODE_BITS) {
    if ((rest & bit) >>> 0 !== 0) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0) names.push('0x' + rest.toString(16));
  return names;
}

/** TRACE_LOGFILE_HEADER ReservedFlags → clock type (formats/etl.ksy `clock_type`, in lower case). */
export type ClockType = 'raw' | 'qpc' | 'system_time' | 'cpu_cycles';
const CLOCK_TYPE = ksyEnum('Etl', 'ClockType');

/** The clock type a logfile header names; a value the layout does not define reads as raw. */
export function clockTypeOf(value: number): ClockType {
  return (ksyEnumName(CLOCK_TYPE, value)?.toLowerCase() ?? 'raw') as ClockType;
}
