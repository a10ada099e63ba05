// Bounded evidence per connection: keep the first references (they tell the story), count what was cut.
// A connection made with an evidence log keeps its lists in it (net/evidence-log.ts): checks here look at
// which references are there without reading their texts back.
import type { EvidenceRef } from '../providers/observations.js';
import { EvidenceLog, logOf } from '../net/evidence-log.js';
import type { Connection, KeyFact } from './types.js';

export const MAX_EVIDENCE_PER_CONNECTION = 48;

export function addEvidence(c: Connection, ref: EvidenceRef, max = MAX_EVIDENCE_PER_CONNECTION): void {
  if (!EvidenceLog.append(c.evidence, ref, max)) c.evidenceCut = (c.evidenceCut ?? 0) + 1;
  touch(c, ref.time);
}

/** Records the reference behind a milestone (the first one wins unless `replace`). */
export function setKey(c: Connection, fact: KeyFact, ref: EvidenceRef, replace = false): void {
  const keys = (c.keyEvidence ??= logOf(c.evidence)?.record<KeyFact>() ?? {});
  if (replace || !hasKey(c, fact)) keys[fact] = ref;
}

/** Whether a milestone has its reference. */
export function hasKey(c: Connection, fact: KeyFact): boolean {
  return c.keyEvidence !== undefined && fact in c.keyEvidence;
}

export function touch(c: Connection, time: bigint): void {
  if (time < c.firstSeen) c.firstSeen = time;
  if (time > c.lastSeen) c.lastSeen = time;
}

export function sortEvidence(c: Connection): void {
  if (logOf(c.evidence)?.sortByTime(c.evidence)) return;
  c.evidence.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
