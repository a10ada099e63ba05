// The batch engine: discover cases, analyse them in parallel (p-map; one bad case never stops the others), write
// one analyze JSON per case, then the run-wide tables and state.json. The analysis itself is passed in, so the
// engine only orchestrates.
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import pMap from 'p-map';
import { ExitCode, TraceError } from '../common/errors.js';
import { createRedactor } from '../report/redact.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive.js';
import { blankRow, problemOf, redactRow, type CaseContext } from './case.js';
import { processCaseWithLimits, type CaseLimits } from './case-limits.js';
import { discoverCases } from './discover.js';
import { failedStatus } from './status.js';
import { worstExitCode } from './exit.js';
import { LiveTables, writeAggregates, type TableFormat } from './outputs.js';
import { removeCaseTables } from './case-tables.js';
import { acquireBatchLock } from './lock.js';
import { removeStaleTemps } from './write.js';
import { writeHtmlReports } from './html-reports.js';
import type { Messages } from '../common/i18n/catalog.js';
import { STATE_FILE, emptyState, loadState, saveState } from './state.js';
import type { AnalyzeCase, CaseOutcome, FileRow, SniffFormat } from './types.js';

export interface BatchOptions {
  paths: readonly string[];
  outDir: string;
  /** Cases analysed at the same time; default: the number of CPUs. */
  concurrency?: number;
  /** Format of cases/files/connections tables; findings are always JSON Lines. */
  format?: TableFormat;
  /** Re-analyse every case even when its inputs are unchanged. */
  force?: boolean;
  /** Start CSV files with a UTF-8 BOM for Excel. */
  excel?: boolean;
  /** Replace user, computer, address and customer-domain names with pseudonyms in every output file. */
  redact?: boolean;
  limits?: Partial<ArchiveLimits>;
  /** Wall-time limit of each case (the memory limit is the analyzer's, see createWorkerAnalyzer). */
  caseLimits?: Partial<CaseLimits>;
  /** Also write each case's HTML report and index.html over all cases, in these messages' language. */
  html?: Messages;
  /** Where each case's private extraction directory is made; default: the OS temporary directory. */
  tempRoot?: string;
  cwd?: string;
  /** Results of another analysis version are not reused. */
  analysisVersion?: string;
  onStart?(totalCases: number): void;
  onCaseDone?(outcome: CaseOutcome): void;
  /** Something the user should know that does not stop the run (a stale lock taken over). */
  onWarning?(message: string): void;
}

export interface BatchDeps {
  analyze: AnalyzeCase;
  sniff: SniffFormat;
}

export interface BatchResult {
  outcomes: CaseOutcome[];
  looseSkipped: FileRow[];
  /** The worst exit class over all cases (66 when there was no case at all). */
  exitCode: number;
  outputs: string[];
}

export const CASES_DIR = 'cases';
const STATE_SAVE_INTERVAL_MS = 5000;

/**
 * Runs a whole batch. Throws TraceError 74 only when the output directory or the run-wide tables cannot be
 * written, and 75 when another batch holds the output directory's lock.
 */
export async function runBatch(opts: BatchOptions, deps: BatchDeps): Promise<BatchResult> {
  const outDir = resolve(opts.cwd ?? process.cwd(), opts.outDir);
  const casesDir = join(outDir, CASES_DIR);
  try {
    await mkdir(casesDir, { recursive: true });
  } catch (err) {
    throw new TraceError(`cannot create output directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, ExitCode.IO_ERR, casesDir);
  }
  const lock = await acquireBatchLock(outDir, opts.onWarning ?? (() => {}));
  try {
    await removeStaleTemps(outDir);
    await removeStaleTemps(casesDir);
    await removeCaseTables(outDir);
    return await runLocked(opts, deps, outDir, casesDir);
  } finally {
    await lock.release();
  }
}

async function runLocked(opts: BatchOptions, deps: BatchDeps, outDir: string, casesDir: string): Promise<BatchResult> {
  const redactor = opts.redact ? createRedactor() : undefined;
  const analysisVersion = opts.analysisVersion ?? 'unversioned';
  const statePath = join(outDir, STATE_FILE);
  const previous = await loadState(statePath);
  const reuseAllowed = !opts.force && !opts.redact && previous !== undefined && !previous.redacted &&
    previous.analysisVersion === analysisVersion;

  const cwd = opts.cwd ?? process.cwd();
  const discovery = await discoverCases(opts.paths, deps.sniff, {
    cwd,
    exclude: [outDir],
    ...(redactor ? { mapName: (n: string) => redactor.text(n) } : {}),
  });
  const looseSkipped = discovery.looseSkipped.map((f) => redactRow(f, redactor));
  const ctx: CaseContext = {
    analyze: deps.analyze,
    sniff: deps.sniff,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, ...opts.limits },
    cwd,
    outDir,
    casesDir,
    tempRoot: opts.tempRoot,
    previous,
    reuseAllowed,
    redactor,
    next: emptyState(analysisVersion, Boolean(opts.redact)),
    tableFormat: opts.format ?? 'csv',
    keepTables: true,
  };

  // While the run goes on, state.json is refreshed now and then, so an interrupted run keeps what it finished.
  let lastSave = Date.now();
  let saving: Promise<void> = Promise.resolve();
  const saveNowAndThen = () => {
    if (Date.now() - lastSave < STATE_SAVE_INTERVAL_MS) return;
    lastSave = Date.now();
    const snapshot = { ...ctx.next, cases: { ...(reuseAllowed ? previous?.cases : {}), ...ctx.next.cases } };
    saving = saving.then(() => saveState(statePath, snapshot)).catch(() => undefined);
  };

  const tableOptions = { format: opts.format ?? 'csv', excel: Boolean(opts.excel) } as const;
  const live = await LiveTables.start(outDir, looseSkipped, tableOptions);
  opts.onStart?.(discovery.cases.length);
  const outcomes = await pMap(
    discovery.cases,
    async (c) => {
      let outcome: CaseOutcome;
      try {
        outcome = await processCaseWithLimits(c, ctx, opts.caseLimits);
      } catch (err) {
        const p = problemOf(err);
        const row = { ...blankRow(c, failedStatus(p.problem)), exit_code: p.exitCode };
        outcome = { case: c, row: redactRow(row, redactor), files: [] };
      }
      await live.append(outcome);
      saveNowAndThen();
      opts.onCaseDone?.(outcome);
      return outcome;
    },
    { concurrency: Math.max(1, opts.concurrency ?? availableParallelism()) },
  );

  await live.settled();
  const outputs = await writeAggregates(outDir, outcomes, looseSkipped, tableOptions);
  if (opts.html) outputs.push(...(await writeHtmlReports(outDir, casesDir, outcomes, opts.html)));
  await saving;
  await saveState(statePath, ctx.next);
  outputs.push(statePath);
  const exitCode = outcomes.length === 0 ? ExitCode.NO_INPUT : worstExitCode(outcomes.map((o) => o.row.exit_code));
  return { outcomes, looseSkipped, exitCode, outputs };
}
