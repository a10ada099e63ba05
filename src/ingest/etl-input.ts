// ETL inputs: the binary reader (etl layer) plus the decoder (decode layer), presented as a TraceInput.
// The decoder needs no metadata pre-pass: EventMetadata records precede the events they describe in time order.
import { openEtl } from '../etl/index.js';
import { EventDecoder } from '../decode/index.js';
import type { ReadIssue } from '../etl/types.js';
import type { TraceEvent } from '../decode/types.js';
import type { InputMeta, TraceInput } from './types.js';

export function openEtlInput(path: string): TraceInput {
  const etl = openEtl(path);
  const h = etl.header;
  const meta: InputMeta = {
    osBuild: h.osBuild || undefined,
    osVersion: h.osVersion || undefined,
    pointerSize: h.pointerSize,
    startTime: h.startTime > 0n ? h.startTime : undefined,
    // 0 when the logger was not stopped cleanly: unknown, not 1601.
    endTime: h.endTime > 0n ? h.endTime : undefined,
    eventsLost: h.eventsLost,
    buffersLost: h.buffersLost,
    loggerName: h.loggerName || undefined,
    cpus: h.cpus,
  };
  for (const k of Object.keys(meta) as (keyof InputMeta)[]) if (meta[k] === undefined) delete meta[k];
  const decoder = new EventDecoder(path);
  return {
    path,
    format: 'etl',
    meta,
    // The reader replaces its issue list when a new pass starts: always hand out the current one.
    get issues(): ReadIssue[] {
      return etl.issues;
    },
    *events(): Generator<TraceEvent> {
      for (const raw of etl.events()) yield decoder.decode(raw);
    },
    close: () => etl.close(),
  };
}
