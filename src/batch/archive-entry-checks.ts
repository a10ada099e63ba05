// The limits of archive.ts applied to one entry of a tar, gzip, CAB or 7z archive, as ZIP entries are checked: the
// entry name must stay inside the extraction directory, and the entry count, the entry's size, the case's total
// size and the compression ratio must stay below the limits.
import { archiveError, unsafeEntryName, type ArchiveBudget, type ArchiveLimits } from './archive.js';
import { catalogMessage } from './status.js';

/** Counts one more entry against the case's budget; throws when the case has too many. */
export function countEntry(budget: ArchiveBudget, limits: ArchiveLimits, display: string): void {
  budget.entries += 1;
  if (budget.entries > limits.maxEntries) {
    throw archiveError(catalogMessage('archive.too_many_entries_in_case', { limit: limits.maxEntries }), display);
  }
}

/** Rejects an unsafe entry name (zip-slip): the whole archive is refused. */
export function checkEntryName(name: string, display: string, offset?: number): void {
  const unsafe = unsafeEntryName(name);
  if (unsafe) throw archiveError(catalogMessage('archive.unsafe_name', { name, why: unsafe }), display, offset);
}

/** Rejects an entry whose declared size is above the per-entry limit. */
export function checkDeclaredSize(name: string, size: number, limits: ArchiveLimits, display: string, offset?: number): void {
  if (size > limits.maxEntryBytes) {
    throw archiveError(catalogMessage('archive.entry_too_large', { name, size, limit: limits.maxEntryBytes }), display, offset);
  }
}

/** Rejects a large entry whose bytes come from far fewer compressed bytes than the ratio limit allows. */
export function checkRatio(name: string, entryBytes: number, uncompressed: number, compressed: number, limits: ArchiveLimits, display: string): void {
  const ratio = uncompressed / Math.max(compressed, 1);
  if (entryBytes > limits.ratioAppliesAbove && ratio > limits.maxRatio) {
    throw archiveError(catalogMessage('archive.ratio', { name, ratio: Math.round(ratio), compressed, uncompressed, limit: limits.maxRatio }), display);
  }
}

/** Rejects a case whose entries declare more bytes in total than the case limit. */
export function checkDeclaredTotal(total: number, limits: ArchiveLimits, display: string): void {
  if (total > limits.maxTotalBytes) throw archiveError(catalogMessage('archive.total_declared', { limit: limits.maxTotalBytes }), display);
}
