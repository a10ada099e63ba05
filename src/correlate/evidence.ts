// Bounded evidence per connection: keep the first references (they tell the story), count what was cut.
// A connection made with an evidence log keeps its list and its milestones in it (net/evidence-log.ts): checks
// here look at which references are there without reading their texts back.
import type { EvidenceRef } from '../providers/observations.js';
import type { Connection, KeyFact } from './types.js';

export const MAX_EVIDENCE_PER_CONNECTION = 48;

export function addEvidence(c: Connection, ref: EvidenceRef, max = MAX_EVIDENCE_PER_CONNECTION): void {
  if (!c.evidence.append(ref, max)) c.evidenceCut = (c.evidenceCut ?? 0) + 1;
  touch(c, ref.time);
}

/**
 * Records the reference behind a milestone (the first one wins unless `replace`). The milestones are kept where
 * the connection's list keeps its references (its evidence log, when it has one).
 */
export function setKey(c: Connection, fact: KeyFact, ref: EvidenceRef, replace = false): void {
  const keys = (c.keyEvidence ??= c.evidence.keyRecord<KeyFact>());
  if (replace || !keys.has(fact)) keys.set(fact, ref);
}

/** Whether a milestone has its reference. */
export function hasKey(c: Connection, fact: KeyFact): boolean {
  return c.keyEvidence !== undefined && c.keyEvidence.has(fact);
}

export function touch(c: Connection, time: bigint): void {
  if (time < c.firstSeen) c.firstSeen = time;
  if (time > c.lastSeen) c.lastSeen = time;
}

export function sortEvidence(c: Connection): void {
  c.evidence.sortByTime();
}
