// Turns one case into analysable files on disk, with a row for every file met on the way: plain files are
// classified by content in place; archives (nested ones too) are extracted into the case's private temporary
// directory under the limits of archive.ts.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, TraceError } from '../common/errors.js';
import { errorReason, looksLikePackagedDocument, newArchiveBudget, uploadArchiveFormat, type ArchiveBudget, type ArchiveLimits } from './archive.js';
import { extractArchive } from './archive-formats.js';
import { readHeadBytes } from './discover.js';
import { catalogMessage, failedStatus, rowStatus, statusIs, statusOf, type RowStatus } from './status.js';
import type { CaseInputFile, FileRow, SniffFormat } from './types.js';

const ANALYSED = statusOf('status.analysed');
const CONDEMNED = statusOf('status.condemned');

/** A file of the case as found on disk, before anything is extracted. */
export interface CaseSourceFile {
  path: string;
  display: string;
  size: number;
  sha256: string;
}

export interface MaterialisedCase {
  files: FileRow[];
  inputs: CaseInputFile[];
  /** Problems that make the case's status `failed: …`, worst first after sorting by the caller. */
  problems: TraceError[];
  /** Removes the temporary directory (if one was made). */
  cleanup(): Promise<void>;
}

export interface MaterialiseOptions {
  caseId: string;
  sniff: SniffFormat;
  limits: ArchiveLimits;
  /** Parent of the case's private temporary directory. */
  tempRoot: string;
  /** Ends a running extraction when the case runs out of time. */
  signal?: AbortSignal;
}

/** Extraction directories in use, so an interrupted run can still remove them (see `removeLiveTempDirs`). */
const liveTempDirs = new Set<string>();

/** Removes every extraction directory still in use; for signal handlers, hence synchronous. */
export function removeLiveTempDirs(): void {
  for (const dir of liveTempDirs) rmSync(dir, { recursive: true, force: true });
  liveTempDirs.clear();
}

function describe(err: unknown): TraceError {
  if (err instanceof TraceError) return err;
  return new TraceError((err as Error)?.message ?? String(err), ExitCode.DATA_ERR);
}

/** The status of a file that is not a trace or export: why, when its first bytes tell. */
function notATrace(head: Uint8Array): RowStatus {
  if (head.length === 0) return statusOf('status.not_a_trace_empty');
  return looksLikePackagedDocument(head) ? statusOf('status.not_a_trace_document') : statusOf('status.not_a_trace');
}

export async function materialiseCase(sources: readonly CaseSourceFile[], opts: MaterialiseOptions): Promise<MaterialisedCase> {
  const files: FileRow[] = [];
  const inputs: CaseInputFile[] = [];
  const problems: TraceError[] = [];
  let tempDir: string | undefined;
  const budget: ArchiveBudget = newArchiveBudget();
  const row = (path: string, size: number | undefined, sha256: string, format: string, status: RowStatus): FileRow => {
    const r: FileRow = { case_id: opts.caseId, path, size, sha256, format, ...status };
    files.push(r);
    return r;
  };

  /** Classifies one file on disk; archives are expanded, so this recurses through nested archives. */
  const visit = async (path: string, display: string, size: number | undefined, sha256: string, depth: number) => {
    let head: Uint8Array;
    try {
      head = readHeadBytes(path);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const code = e.code ?? e.message;
      problems.push(new TraceError(catalogMessage('problem.cannot_read_head', { code }), ExitCode.NO_INPUT, display));
      row(display, size, sha256, '', failedStatus(catalogMessage('problem.cannot_read', { code })));
      return;
    }
    const archiveFormat = uploadArchiveFormat(head);
    if (archiveFormat) {
      // The archive's row comes before its entries' rows, which are made once it is extracted.
      const archiveRow = (status: RowStatus) => row(display, size, sha256, archiveFormat, status);
      if (depth >= opts.limits.maxDepth) {
        const tooDeep = catalogMessage('problem.nested_too_deep', { depth: opts.limits.maxDepth });
        archiveRow(failedStatus(tooDeep));
        throw new TraceError(tooDeep, ExitCode.DATA_ERR, display);
      }
      let entries;
      try {
        if (!tempDir) {
          tempDir = await mkdtemp(join(opts.tempRoot, 'tracedoctor-case-'));
          liveTempDirs.add(tempDir);
        }
        entries = await extractArchive({
          format: archiveFormat, path, head, display, destDir: tempDir, budget, limits: opts.limits,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (err) {
        archiveRow(failedStatus(errorReason(describe(err))));
        throw err;
      }
      archiveRow(statusOf('status.expanded', { count: entries.length }));
      for (const entry of entries) {
        if (entry.statusMessage || !entry.diskPath) {
          row(entry.display, entry.size, entry.sha256 ?? '', '', entry.statusMessage ? rowStatus(entry.statusMessage) : statusOf('status.skipped'));
        } else await visit(entry.diskPath, entry.display, entry.size, entry.sha256 ?? '', depth + 1);
      }
      return;
    }
    const format = head.length === 0 ? undefined : opts.sniff(head, path);
    if (format === undefined) {
      row(display, size, sha256, '', notATrace(head));
      return;
    }
    row(display, size, sha256, format, ANALYSED);
    inputs.push({ path, format, display });
  };

  let condemned = false;
  for (const src of sources) {
    if (condemned) {
      row(src.display, src.size, src.sha256, '', CONDEMNED);
      continue;
    }
    try {
      await visit(src.path, src.display, src.size, src.sha256, 0);
    } catch (err) {
      // An unsafe or unreadable archive condemns its case: nothing in the case is analysed.
      problems.push(describe(err));
      condemned = true;
      inputs.length = 0;
      for (const r of files) if (statusIs(r, 'status.analysed')) Object.assign(r, CONDEMNED);
    }
  }

  return {
    files,
    inputs,
    problems,
    cleanup: async () => {
      if (!tempDir) return;
      await rm(tempDir, { recursive: true, force: true });
      liveTempDirs.delete(tempDir);
    },
  };
}
