// The limits of archive.ts applied to one entry of a tar, gzip, CAB or 7z archive, as ZIP entries are checked: the
// entry name must stay inside the extraction directory, and the entry count, the entry's size, the case's total
// size and the compression ratio must stay below the limits.
import { archiveError, unsafeEntryName, type ArchiveBudget, type ArchiveLimits } from './archive.js';

/** Counts one more entry against the case's budget; throws when the case has too many. */
export function countEntry(budget: ArchiveBudget, limits: ArchiveLimits, display: string): void {
  budget.entries += 1;
  if (budget.entries > limits.maxEntries) {
    throw archiveError(`archive has more than ${limits.maxEntries} entries in the case; the limit per case is ${limits.maxEntries} (possible zip bomb)`, display);
  }
}

/** Rejects an unsafe entry name (zip-slip): the whole archive is refused. */
export function checkEntryName(name: string, display: string, offset?: number): void {
  const unsafe = unsafeEntryName(name);
  if (unsafe) {
    throw archiveError(
      `unsafe entry name "${name}": it ${unsafe}; the archive was rejected and nothing in it was analysed (zip-slip)`,
      display,
      offset,
    );
  }
}

/** Rejects an entry whose declared size is above the per-entry limit. */
export function checkDeclaredSize(name: string, size: number, limits: ArchiveLimits, display: string, offset?: number): void {
  if (size > limits.maxEntryBytes) {
    throw archiveError(
      `entry "${name}" declares ${size} bytes uncompressed; the per-entry limit is ${limits.maxEntryBytes} (possible zip bomb)`,
      display,
      offset,
    );
  }
}

/** Rejects a large entry whose bytes come from far fewer compressed bytes than the ratio limit allows. */
export function checkRatio(name: string, entryBytes: number, uncompressed: number, compressed: number, limits: ArchiveLimits, display: string): void {
  const ratio = uncompressed / Math.max(compressed, 1);
  if (entryBytes > limits.ratioAppliesAbove && ratio > limits.maxRatio) {
    throw archiveError(
      `entry "${name}" has a compression ratio of ${Math.round(ratio)}:1 (${compressed} → ${uncompressed} bytes); the limit is ${limits.maxRatio}:1 (possible zip bomb)`,
      display,
    );
  }
}

/** Rejects a case whose entries declare more bytes in total than the case limit. */
export function checkDeclaredTotal(total: number, limits: ArchiveLimits, display: string): void {
  if (total > limits.maxTotalBytes) {
    throw archiveError(`entries declare more than ${limits.maxTotalBytes} bytes uncompressed in total (possible zip bomb)`, display);
  }
}
