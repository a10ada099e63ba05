// Turns one case into analysable files on disk, with a row for every file met on the way: plain files are
// classified by content in place; archives (nested ones too) are extracted into the case's private temporary
// directory under the limits of archive.ts.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, TraceError } from '../common/errors.js';
import { looksLikePackagedDocument, newArchiveBudget, uploadArchiveFormat, type ArchiveBudget, type ArchiveLimits } from './archive.js';
import { extractArchive } from './archive-formats.js';
import { readHeadBytes } from './discover.js';
import type { CaseInputFile, FileRow, SniffFormat } from './types.js';

export const NOT_A_TRACE = 'skipped: not a trace or export';
const CONDEMNED = 'not analysed: the case contains an unsafe or damaged archive';

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

export async function materialiseCase(sources: readonly CaseSourceFile[], opts: MaterialiseOptions): Promise<MaterialisedCase> {
  const files: FileRow[] = [];
  const inputs: CaseInputFile[] = [];
  const problems: TraceError[] = [];
  let tempDir: string | undefined;
  const budget: ArchiveBudget = newArchiveBudget();
  const row = (path: string, size: number | undefined, sha256: string, format: string, status: string): FileRow => {
    const r: FileRow = { case_id: opts.caseId, path, size, sha256, format, status };
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
      problems.push(new TraceError(`cannot read: ${e.code ?? e.message}`, ExitCode.NO_INPUT, display));
      row(display, size, sha256, '', `failed: cannot read (${e.code ?? e.message})`);
      return;
    }
    const archiveFormat = uploadArchiveFormat(head);
    if (archiveFormat) {
      const archiveRow = row(display, size, sha256, archiveFormat, '');
      if (depth >= opts.limits.maxDepth) {
        const msg = `archive nested more than ${opts.limits.maxDepth} levels deep (possible zip bomb)`;
        archiveRow.status = `failed: ${msg}`;
        throw new TraceError(msg, ExitCode.DATA_ERR, display);
      }
      if (!tempDir) {
        tempDir = await mkdtemp(join(opts.tempRoot, 'tracedoctor-case-'));
        liveTempDirs.add(tempDir);
      }
      let entries;
      try {
        entries = await extractArchive({
          format: archiveFormat, path, head, display, destDir: tempDir, budget, limits: opts.limits,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } catch (err) {
        archiveRow.status = `failed: ${describe(err).message}`;
        throw err;
      }
      archiveRow.status = `expanded: ${entries.length} file entr${entries.length === 1 ? 'y' : 'ies'}`;
      for (const entry of entries) {
        if (entry.status || !entry.diskPath) row(entry.display, entry.size, entry.sha256 ?? '', '', entry.status ?? 'skipped');
        else await visit(entry.diskPath, entry.display, entry.size, entry.sha256 ?? '', depth + 1);
      }
      return;
    }
    if (head.length === 0) {
      row(display, size, sha256, '', `${NOT_A_TRACE} (empty file)`);
      return;
    }
    const format = opts.sniff(head, path);
    if (format === undefined) {
      row(display, size, sha256, '', looksLikePackagedDocument(head) ? `${NOT_A_TRACE} (a packaged document such as .docx)` : NOT_A_TRACE);
      return;
    }
    row(display, size, sha256, format, 'analysed');
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
      for (const r of files) if (r.status === 'analysed') r.status = CONDEMNED;
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
