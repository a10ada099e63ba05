// Decoded packet-capture events (NDIS-PacketCapture, PktMon, RAS) as the decoder hands them to the extractor.
import type { Fields, TraceEvent } from '../../src/decode/types.js';

export function captureEvent(providerGuid: string, id: number, fields: Fields, extra: Partial<TraceEvent> = {}): TraceEvent {
  return {
    time: 133000000000000000n,
    cpu: 0,
    pid: 4,
    tid: 8,
    providerGuid,
    provider: providerGuid,
    id,
    version: 0,
    opcode: 0,
    task: 0,
    level: 4,
    keyword: 0n,
    headerKind: 'event_header',
    pointerSize: 8,
    fields,
    decodedBy: 'embedded',
    source: { file: 'test.etl' },
    ...extra,
  };
}
