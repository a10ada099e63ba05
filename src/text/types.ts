// What every input (ETL or text export) tells about the capture, and the shape of an opened text export.
import type { ReadIssue } from '../etl/types.js';
import type { TraceEvent } from '../decode/types.js';

/**
 * Facts about the capture. ETL: from the log-file header. Text exports: from whatever the text carries (tracerpt's
 * EventTrace header event, the first/last timestamps seen); fields fill in while `events()` is iterated.
 */
export interface InputMeta {
  osBuild?: number;
  osVersion?: string;
  pointerSize?: 4 | 8;
  /** FILETIME of the first event / session start. */
  startTime?: bigint;
  endTime?: bigint;
  eventsLost?: number;
  buffersLost?: number;
  loggerName?: string;
  cpus?: number;
  /** Text exports: how many events were read, how many were unknown/unparsed, and non-event lines skipped. */
  textStats?: { events: number; unknownEvents: number; unmatchedMessages: number; skippedLines: number };
}

export interface TextExport {
  meta: InputMeta;
  /** Lines or elements that could not be read; grows while iterating. */
  issues: ReadIssue[];
  events(): Generator<TraceEvent>;
  close(): void;
}
