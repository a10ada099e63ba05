// What the ETL reader yields: records in time order, with their header fields and raw payload bytes.

/** The record header family, as counted by `tracedoctor info` (`events_by_header`). */
export type HeaderKind = 'system' | 'compact' | 'perfinfo' | 'full' | 'instance' | 'event_header' | 'message';

/** One EVENT_HEADER extended data item as stored in the file (type + data bytes). */
export interface ExtendedItem {
  type: number;
  data: Uint8Array;
}

/** One record from an ETL buffer, time-stamped and ready for decoding. */
export interface RawEvent {
  headerKind: HeaderKind;
  /** Pointer width of the payload: from the 32/64 twin of the header type. */
  pointerSize: 4 | 8;
  /** Timestamp in the session clock, as stored. */
  rawTime: bigint;
  /** FILETIME (100 ns since 1601-01-01 UTC) after clock conversion. */
  time: bigint;
  cpu: number;
  /** -1 where the header kind carries none (PERFINFO). */
  pid: number;
  tid: number;
  /** Lower-case GUID without braces. Kernel SYSTEM/PERFINFO records: the classic group GUID. WPP: message GUID or ''. */
  providerGuid: string;
  /** Event id (EVENT_HEADER), or hook type/opcode for kernel and classic records. */
  id: number;
  version: number;
  channel: number;
  level: number;
  opcode: number;
  task: number;
  keyword: bigint;
  /** Kernel hook id (Group << 8 | Type) for SYSTEM/COMPACT/PERFINFO records. */
  hookId?: number;
  /** EVENT_HEADER Flags (0x1 extended info, 0x4 string only, …). */
  flags: number;
  activityId?: string;
  ext: ExtendedItem[];
  /** User data. A view into the current buffer; copy it if kept past the next buffer of the same CPU. */
  payload: Uint8Array;
  /** File offset of the buffer holding this record (for messages about damage). */
  bufferOffset: number;
  /** Offset of the record inside its (decompressed) buffer, header included. */
  recordOffset?: number;
  /** Thread kernel/user time (SYSTEM, FULL, INSTANCE, EVENT_HEADER), as stored. */
  kernelTime?: number;
  userTime?: number;
  /** EVENT_HEADER EventProperty (0x1 XML, 0x2 forwarded XML, 0x4 legacy event log, 0x8 reloggable). */
  eventProperty?: number;
  /** INSTANCE records: instance id, parent instance id, parent GUID. */
  instanceId?: number;
  parentInstanceId?: number;
  parentGuid?: string;
  /** PERFINFO records: PEBS index and PMC counter words, when flagged in the version word. */
  pebsIndex?: bigint;
  pmcCounters?: bigint[];
  /** MESSAGE records: option flags (TRACE_MESSAGE_*), sequence number and component id when present. */
  messageFlags?: number;
  messageSequence?: number;
  componentId?: number;
}

import type { Message } from '../common/message.js';

/** Something the reader could not read, kept for `info` and for stderr; never silently dropped. */
export interface ReadIssue {
  kind:
    | 'truncated'
    | 'bad_buffer'
    | 'bad_record'
    | 'decompress_failed'
    | 'unsupported_compression'
    | 'not_etl'
    | 'empty'
    /** Text exports: lines that are not events (a preamble, a comment); counted, not damage. */
    | 'skipped_lines';
  file: string;
  /** Byte offset in the file where the damage starts. */
  offset: number;
  /** What went wrong, in English (stderr, `info`, the JSON record). */
  message: string;
  /** The same as a catalog message, for reports in another language. */
  detail?: Message;
}
