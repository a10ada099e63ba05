// What decoding yields: one event with named fields, from an ETL record or a line of a text export.
import type { HeaderKind } from '../etl/types.js';

export type FieldValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array
  | FieldValue[]
  | { [name: string]: FieldValue };

export type Fields = Record<string, FieldValue>;

/** How the fields were obtained. */
export type DecodedBy = 'tracelogging' | 'embedded' | 'bundled' | 'kernel' | 'text' | 'none';

export interface TraceEvent {
  /** FILETIME, 100 ns since 1601-01-01 UTC. */
  time: bigint;
  cpu: number;
  pid: number;
  tid: number;
  providerGuid: string;
  /** Provider name when known, else the GUID. */
  provider: string;
  id: number;
  version: number;
  opcode: number;
  task: number;
  level: number;
  keyword: bigint;
  headerKind: HeaderKind | 'text';
  pointerSize: 4 | 8;
  eventName?: string;
  fields: Fields;
  /** Rendered message (netsh style), when a template is known. */
  message?: string;
  decodedBy: DecodedBy;
  /** Raw user data, kept when decoding did not consume it (shown as payload_hex). */
  payload?: Uint8Array;
  activityId?: string;
  /** Where the event came from: file and byte offset (ETL buffer) or line number (text). */
  source: { file: string; offset?: number; line?: number };
}
