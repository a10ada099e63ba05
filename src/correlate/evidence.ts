// Bounded evidence per connection: keep the first references (they tell the story), count what was cut.
import type { EvidenceRef } from '../providers/observations.js';
import type { Connection, KeyFact } from './types.js';

export const MAX_EVIDENCE_PER_CONNECTION = 48;

export function addEvidence(c: Connection, ref: EvidenceRef, max = MAX_EVIDENCE_PER_CONNECTION): void {
  if (c.evidence.length < max) c.evidence.push(ref);
  else c.evidenceCut = (c.evidenceCut ?? 0) + 1;
  touch(c, ref.time);
}

/** Records the reference behind a milestone (the first one wins unless `replace`). */
export function setKey(c: Connection, fact: KeyFact, ref: EvidenceRef, replace = false): void {
  const keys = (c.keyEvidence ??= {});
  if (replace || !keys[fact]) keys[fact] = ref;
}

export function touch(c: Connection, time: bigint): void {
  if (time < c.firstSeen) c.firstSeen = time;
  if (time > c.lastSeen) c.lastSeen = time;
}

export function sortEvidence(c: Connection): void {
  c.evidence.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}
