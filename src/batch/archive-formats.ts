// One entry point for every archive format batch reads: ZIP (yauzl), tar/.tar.gz/.gz (tar-stream, zlib), CAB and
// 7z (7-Zip as WebAssembly). All share the limits and the case budget of archive.ts.
import type { ArchiveFormat } from './archive-detect.js';
import { extractWith7z } from './archive-7z.js';
import { extractGzip, extractTar } from './archive-tar.js';
import { extractZip, type ArchiveBudget, type ArchiveEntryFile, type ArchiveLimits } from './archive.js';

export interface ExtractRequest {
  format: ArchiveFormat;
  path: string;
  /** The archive's first bytes (the gzip header names the compressed file). */
  head: Uint8Array;
  display: string;
  destDir: string;
  budget: ArchiveBudget;
  limits: ArchiveLimits;
  /** Stops a running CAB/7z extraction (the case ran out of time). */
  signal?: AbortSignal;
}

export function extractArchive(r: ExtractRequest): Promise<ArchiveEntryFile[]> {
  switch (r.format) {
    case 'zip':
      return extractZip(r.path, r.display, r.destDir, r.budget, r.limits);
    case 'tar':
      return extractTar(r.path, r.display, r.destDir, r.budget, r.limits, false);
    case 'gz':
      return extractGzip(r.path, r.head, r.display, r.destDir, r.budget, r.limits);
    case 'cab':
    case '7z':
      return extractWith7z(r.path, r.format, r.display, r.destDir, r.budget, r.limits, r.signal);
  }
}
