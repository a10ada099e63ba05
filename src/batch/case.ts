// One case from its files to its outcome: hash the inputs, reuse the previous result when they are unchanged,
// otherwise extract, classify and analyse them, write the case's analyze JSON and build its rows.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ExitCode, TraceError } from '../common/errors.js';
import { mapMessageTexts, type Message, type MessageValue } from '../common/message.js';
import type { Redactor } from '../report/redact.js';
import { CaseAnalysisError } from './analysis.js';
import type { ArchiveLimits } from './archive.js';
import { isArchiveFormat } from './archive-detect.js';
import { displayPath, listFilesRecursive } from './discover.js';
import { INTERNAL_ERROR, worstExitCode } from './exit.js';
import { materialiseCase, type CaseSourceFile } from './materialise.js';
import { summariseDocument } from './rows.js';
import { renderCaseTables, writeCaseTables } from './case-tables.js';
import { documentJson, replaceStrings, swapPaths } from './display-paths.js';
import { hashFile, inputsHash, stateKey, type BatchState } from './state.js';
import type { AnalyzeCase, AnalyzeDocument, BatchCase, CaseAnalysis, CaseOutcome, CaseRow, FileRow, RenderedCase, SniffFormat, TableFormat } from './types.js';
import { writeFileAtomic } from './write.js';
import { OK_STATUS, catalogMessage, failedProblem, failedStatus, mapStatusTexts, statusIs, type RowStatus } from './status.js';

/** What every case of a run shares. */
export interface CaseContext {
  analyze: AnalyzeCase;
  sniff: SniffFormat;
  limits: ArchiveLimits;
  /** Working directory for display paths; the output directory (absolute), never read as input. */
  cwd: string;
  outDir: string;
  casesDir: string;
  tempRoot: string | undefined;
  previous: BatchState | undefined;
  reuseAllowed: boolean;
  redactor: Redactor | undefined;
  /** The state being built by this run. */
  next: BatchState;
  /** Format of the run's tables, in which each case's rows are rendered (csv without it). */
  tableFormat?: TableFormat;
  /** Keep the case's table fragments in the output directory for the run's tables (case-tables.ts). */
  keepTables?: boolean;
  /** Aborts the case's extraction and analysis when it runs out of time (case-limits.ts). */
  signal?: AbortSignal;
}

/** A case row with its status and nothing else known yet. */
export function blankRow(c: BatchCase, status: RowStatus): CaseRow {
  return {
    case_id: c.id, source: c.source, files: 0, recognised_files: 0, verdict: '', top_finding: '', finding_codes: '',
    server_names: '', os_build: '', trace_start: '', trace_end: '', connections: undefined,
    failing_connections: undefined, ...status, exit_code: 0, reused: false,
  };
}

/** Why a case (partly) failed: the message its status quotes (`failed: <problem>`), and its exit class. */
export interface CaseProblem {
  problem: Message;
  exitCode: number;
}

export function problemOf(err: unknown, rename: ReadonlyArray<[string, string]> = []): CaseProblem {
  const swap = (m: Message) => mapMessageTexts(m, (s) => swapPaths(s, rename));
  if (err instanceof TraceError) return { problem: swap(err.describedMessage()), exitCode: err.exitCode };
  if (err instanceof CaseAnalysisError) return { problem: swap(err.problem), exitCode: err.exitCode };
  const e = err as Error;
  return { problem: swap(catalogMessage('problem.internal', { reason: e?.message ?? String(err) })), exitCode: INTERNAL_ERROR };
}

/**
 * The row with names replaced by pseudonyms: its texts, and the texts its status message quotes (the status
 * column is that message's English text again).
 */
export function redactRow<T extends { status: string; statusMessage: Message }>(row: T, r: Redactor | undefined): T {
  if (!r) return row;
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) {
    if (k === 'status') Object.assign(out, mapStatusTexts(row, (t) => r.text(t)));
    else if (typeof v === 'string' && k !== 'case_id' && k !== 'sha256') out[k] = r.text(v);
  }
  return out as T;
}

export async function sourcesOf(c: BatchCase, cwd: string, exclude: readonly string[]): Promise<{ sources: CaseSourceFile[]; unreadable: FileRow[]; skipped: FileRow[] }> {
  const listing = c.kind === 'directory' ? listFilesRecursive(c.absPath, exclude, c.uploadRoot) : { files: [c.absPath], skipped: [] };
  const paths = listing.files;
  const skipped = listing.skipped.map((s): FileRow => ({ case_id: c.id, path: displayPath(s.path, cwd), size: s.size, sha256: '', format: '', ...s.status }));
  const sources: CaseSourceFile[] = [];
  const unreadable: FileRow[] = [];
  for (const p of paths) {
    const display = displayPath(p, cwd);
    try {
      const { sha256, size } = await hashFile(p);
      sources.push({ path: p, display, size, sha256 });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      unreadable.push({ case_id: c.id, path: display, size: undefined, sha256: '', format: '', ...failedStatus(catalogMessage('problem.cannot_read', { code })) });
    }
  }
  return { sources, unreadable, skipped };
}

export async function processCase(c: BatchCase, ctx: CaseContext): Promise<CaseOutcome> {
  const cwd = ctx.cwd;
  // The status is the case's outcome, set when it is done.
  const row = blankRow(c, OK_STATUS);
  const documentPath = join(ctx.casesDir, `${c.id}.json`);
  const finish = async (files: FileRow[], problems: CaseProblem[], analysisExit: number, hasDocument: boolean, hash: string) => {
    const worst = problems.reduce<CaseProblem | undefined>(
      (w, p) => (w === undefined || worstExitCode([w.exitCode, p.exitCode]) !== w.exitCode ? p : w),
      undefined,
    );
    row.files = files.length;
    row.recognised_files = files.filter((f) => f.format !== '' && !isArchiveFormat(f.format)).length;
    Object.assign(row, worst ? failedStatus(worst.problem) : OK_STATUS);
    row.exit_code = worstExitCode([analysisExit, ...problems.map((p) => p.exitCode)]);
    if (!hasDocument) await rm(documentPath, { force: true });
    const outcome: CaseOutcome = {
      case: c,
      row: redactRow(row, ctx.redactor),
      files: files.map((f) => redactRow(f, ctx.redactor)),
      ...(hasDocument ? { documentPath } : {}),
    };
    ctx.next.cases[stateKey(c.absPath)] = { inputsSha256: hash, row: outcome.row, files: outcome.files, hasDocument };
    return outcome;
  };

  if (c.kind === 'missing') {
    const missing = catalogMessage('problem.no_such_file');
    const files: FileRow[] = [{ case_id: c.id, path: c.source, size: undefined, sha256: '', format: '', ...failedStatus(missing) }];
    return finish(files, [problemOf(new TraceError(missing, ExitCode.NO_INPUT, c.source))], 0, false, '');
  }

  let listed;
  try {
    listed = await sourcesOf(c, cwd, [ctx.outDir]);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return finish([], [problemOf(new TraceError(catalogMessage('problem.cannot_list', { code }), ExitCode.NO_INPUT, c.source))], 0, false, '');
  }
  const { sources, unreadable, skipped } = listed;
  const hash = inputsHash(sources.map((s) => ({ relative: relative(c.absPath, s.path), sha256: s.sha256 })));

  const prev = ctx.previous?.cases[stateKey(c.absPath)];
  if (
    ctx.reuseAllowed && prev && unreadable.length === 0 && prev.inputsSha256 === hash && prev.row.case_id === c.id &&
    [ExitCode.OK, ExitCode.FAILURE_DIAGNOSED, ExitCode.DATA_ERR].includes(prev.row.exit_code as 0) &&
    (!prev.hasDocument || existsSync(documentPath))
  ) {
    ctx.next.cases[stateKey(c.absPath)] = prev;
    return { case: c, row: { ...prev.row, reused: true }, files: prev.files, ...(prev.hasDocument ? { documentPath } : {}) };
  }

  const problems: CaseProblem[] = unreadable.map((u) => ({ problem: inFile(u.path, failedProblem(u)), exitCode: ExitCode.NO_INPUT }));
  const m = await materialiseCase(sources, {
    caseId: c.id, sniff: ctx.sniff, limits: ctx.limits, tempRoot: ctx.tempRoot ?? tmpdir(), ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  try {
    const files = [...m.files, ...unreadable, ...skipped];
    problems.push(...m.problems.map((p) => problemOf(p)));
    if (m.inputs.length === 0) {
      if (m.problems.length === 0) problems.push(problemOf(new TraceError(nothingToAnalyse(files), ExitCode.DATA_ERR, c.source)));
      return await finish(files, problems, 0, false, hash);
    }
    // Longest first, so a path that extends another is swapped as a whole.
    const diskToDisplay = m.inputs
      .filter((i) => i.path !== i.display)
      .map((i): [string, string] => [i.path, i.display])
      .sort((a, b) => b[0].length - a[0].length);
    let analysisExit = 0;
    let hasDocument = false;
    try {
      const format = ctx.tableFormat ?? 'csv';
      const render = ctx.redactor ? undefined : { caseId: c.id, rename: diskToDisplay, format };
      const analysis = await ctx.analyze(m.inputs, { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(render ? { render } : {}) });
      analysisExit = analysis.exitCode;
      if (analysis.damage) {
        const problem = mapMessageTexts(analysis.damage.problem, (t) => swapPaths(t, diskToDisplay));
        problems.push({ problem, exitCode: analysis.damage.exitCode });
      }
      const out = analysis.rendered ?? renderHere(analysis, c.id, diskToDisplay, format, ctx.redactor);
      Object.assign(row, out.summary);
      try {
        await writeFileAtomic(documentPath, out.documentText);
        if (ctx.keepTables) await writeCaseTables(ctx.outDir, c.id, format, out.tables);
        hasDocument = true;
      } catch (err) {
        problems.push(problemOf(err));
      }
    } catch (err) {
      problems.push(problemOf(err, diskToDisplay));
    }
    return await finish(files, problems, analysisExit, hasDocument, hash);
  } finally {
    await m.cleanup();
  }
}

/** Why a case has no input: encrypted archive entries are named, since the fix (the password) differs. */
function nothingToAnalyse(files: readonly FileRow[]): Message {
  const encrypted = files.filter((f) => statusIs(f, 'status.encrypted_entry')).length;
  if (encrypted === 0) return catalogMessage('problem.no_trace', { count: files.length });
  return catalogMessage('problem.all_encrypted', { encrypted, count: files.length });
}

/** `<file>: <problem>`. */
function inFile(file: string, problem: MessageValue): Message {
  return catalogMessage('error.described_in_file', { file, at: '', what: problem });
}

/** A case's outputs made in this thread: when redacting (one pseudonym table for the run), or for an analyzer that only returns the document. */
function renderHere(analysis: CaseAnalysis, caseId: string, rename: ReadonlyArray<readonly [string, string]>, format: TableFormat, redactor: Redactor | undefined): RenderedCase {
  let doc = replaceStrings(analysis.document, rename) as AnalyzeDocument;
  if (redactor) doc = redactor.value(doc) as AnalyzeDocument;
  return { documentText: documentJson(doc), summary: summariseDocument(doc), tables: renderCaseTables(caseId, doc, format) };
}
