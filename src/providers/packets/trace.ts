// Captured frames of one trace, streamed. For an .etl file only the packet providers' records (and the
// EventMetadata records that describe them) are decoded; text exports go through the common input reader.
import { EVENT_METADATA_GUID, EventDecoder } from '../../decode/index.js';
import { openEtl, type ReadIssue } from '../../etl/index.js';
import { looksLikeEtl, openInput, readHead } from '../../ingest/index.js';
import { PACKET_PROVIDER_GUIDS } from '../index.js';
import type { PacketCaptured } from '../observations.js';
import { PacketExtractor } from '../packets.js';

export interface PacketTrace {
  path: string;
  extractor: PacketExtractor;
  /** Frames in capture order. Can be iterated more than once (each pass re-reads the file). */
  packets(): Generator<PacketCaptured>;
  /** Damage the reader found during the last pass. */
  issues(): readonly ReadIssue[];
  close(): void;
}

const wanted = (_kind: string, guid: string) => guid === EVENT_METADATA_GUID || PACKET_PROVIDER_GUIDS.has(guid);

/** Opens a trace for packet extraction (throws TraceError for a missing, unreadable or unknown file). */
export function openPacketTrace(path: string): PacketTrace {
  if (!looksLikeEtl(readHead(path))) return openTextPacketTrace(path);
  const file = openEtl(path);
  let extractor = new PacketExtractor();
  let lastIssues: readonly ReadIssue[] = file.issues;
  const trace: PacketTrace = {
    path,
    get extractor() {
      return extractor;
    },
    *packets() {
      extractor = new PacketExtractor();
      const decoder = new EventDecoder(path);
      decoder.prepare(file.events({ filter: (_k, guid) => guid === EVENT_METADATA_GUID }));
      for (const raw of file.events({ filter: wanted })) {
        if (raw.providerGuid === EVENT_METADATA_GUID) continue;
        yield* extractor.observe(decoder.decode(raw));
      }
      yield* extractor.flush();
      lastIssues = [...file.issues];
    },
    issues: () => lastIssues,
    close: () => file.close(),
  };
  return trace;
}

/** Text exports: each pass opens the input again (an opened export is read once). */
function openTextPacketTrace(path: string): PacketTrace {
  openInput(path).close(); // fails now, with the reader's message, when the format is not recognised
  let extractor = new PacketExtractor();
  let lastIssues: readonly ReadIssue[] = [];
  return {
    path,
    get extractor() {
      return extractor;
    },
    *packets() {
      extractor = new PacketExtractor();
      const input = openInput(path);
      try {
        for (const ev of input.events()) yield* extractor.observe(ev);
        yield* extractor.flush();
      } finally {
        lastIssues = [...input.issues];
        input.close();
      }
    },
    issues: () => lastIssues,
    close: () => undefined,
  };
}
