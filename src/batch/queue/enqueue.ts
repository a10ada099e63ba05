// `tracedoctor batch … --queue URL`: discovers the cases as a local run does, enqueues one BullMQ job per case
// (job id = case content hash, so enqueueing the same upload again is a no-op), follows the jobs to their end and
// writes the same outputs as a local run from the results the workers return. A case already done in an earlier
// run is taken from its finished job unless `--force`; a job that failed for good is retried by a new run.
import { mkdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Job } from 'bullmq';
import { ExitCode, TraceError } from '../../common/errors.js';
import { DEFAULT_ARCHIVE_LIMITS } from '../archive.js';
import { DEFAULT_CASE_LIMITS, type CaseLimits } from '../case-limit-reasons.js';
import { blankRow, problemOf, processCase, sourcesOf, type CaseContext } from '../case.js';
import { englishText, mapMessageTexts, type MessageValue } from '../../common/message.js';
import { catalogMessage, failedStatus, statusIs } from '../status.js';
import { discoverCases } from '../discover.js';
import { INTERNAL_ERROR, worstExitCode } from '../exit.js';
import { writeHtmlReports } from '../html-reports.js';
import { writeAggregates } from '../outputs.js';
import type { BatchDeps, BatchOptions, BatchResult } from '../run.js';
import { CASES_DIR } from '../run.js';
import { STATE_FILE, emptyState, inputsHash, saveState, stateKey } from '../state.js';
import type { BatchCase, CaseOutcome } from '../types.js';
import { writeFileAtomic } from '../write.js';
import { openQueue, queueError } from './connection.js';
import { JOB_NAME, caseJobId, type CaseJobData, type CaseJobResult } from './jobs.js';
import { maskSecrets, type QueueLocation } from './redis-url.js';

export interface QueueProgress {
  total: number;
  done: number;
  failed: number;
  running: number;
  waiting: number;
  /** Cases finished per worker (`host:pid`) during this run. */
  perWorker: ReadonlyMap<string, number>;
  elapsedMs: number;
}

export interface QueuedBatchOptions extends Omit<BatchOptions, 'redact' | 'concurrency'> {
  queue: QueueLocation;
  /** Starts of a case before it ends as failed (a worker died, or the analysis threw); default 3. */
  attempts?: number;
  caseLimits?: Partial<CaseLimits>;
  /** How often the jobs' states are read, in ms; default 500. */
  pollMs?: number;
  onEnqueued?(summary: { total: number; added: number; reused: number }): void;
  onProgress?(p: QueueProgress): void;
}

type Pending = { index: number; c: BatchCase; jobId: string };

/** Local runs reuse results of these exit classes only; a stopped case is analysed again. */
function reusable(result: CaseJobResult): boolean {
  return (
    [ExitCode.OK, ExitCode.FAILURE_DIAGNOSED, ExitCode.DATA_ERR].includes(result.row.exit_code as 0) &&
    !statusIs(result.row, 'problem.timeout', true) && !statusIs(result.row, 'problem.memory', true)
  );
}

/**
 * Why a job ended without a result: the worker's refusal when it gave one, else what BullMQ recorded (a worker's
 * error text), else that the job vanished or finished empty. Never shows the queue's password.
 */
function failureOf(job: Job<CaseJobData> | undefined, state: string, where: QueueLocation): MessageValue {
  const mask = (t: string) => maskSecrets(t, where);
  if (job?.data.refusal) return mapMessageTexts(job.data.refusal, mask);
  if (job?.failedReason) return mask(job.failedReason);
  return catalogMessage(state === 'unknown' ? 'problem.job_removed' : 'problem.job_without_result');
}

export async function runQueuedBatch(opts: QueuedBatchOptions, deps: Pick<BatchDeps, 'sniff'>): Promise<BatchResult> {
  const cwd = opts.cwd ?? process.cwd();
  const outDir = resolve(cwd, opts.outDir);
  const casesDir = join(outDir, CASES_DIR);
  try {
    await mkdir(casesDir, { recursive: true });
  } catch (err) {
    throw new TraceError(`cannot create output directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, ExitCode.IO_ERR, casesDir);
  }
  const analysisVersion = opts.analysisVersion ?? 'unversioned';
  const archiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...opts.limits };
  const caseLimits: CaseLimits = { ...DEFAULT_CASE_LIMITS, ...opts.caseLimits };
  const attempts = Math.max(1, opts.attempts ?? 3);
  const discovery = await discoverCases(opts.paths, deps.sniff, { cwd, exclude: [outDir] });
  const next = emptyState(analysisVersion, false);
  const ctx: CaseContext = {
    analyze: () => Promise.reject(new Error('no analysis in the enqueuing process')),
    sniff: deps.sniff, limits: archiveLimits, cwd, outDir, casesDir, tempRoot: opts.tempRoot, previous: undefined,
    reuseAllowed: false, redactor: undefined, next,
  };

  const open = await openQueue(opts.queue);
  const queue = open.queue;
  try {
    const outcomes: Array<CaseOutcome | undefined> = new Array(discovery.cases.length);
    const results = new Map<number, CaseJobResult>();
    const pending: Pending[] = [];
    const hashes = new Map<number, string>();
    let added = 0;
    let reused = 0;
    opts.onStart?.(discovery.cases.length);

    for (const [index, c] of discovery.cases.entries()) {
      if (c.kind === 'missing') {
        outcomes[index] = await processCase(c, ctx);
        opts.onCaseDone?.(outcomes[index]!);
        continue;
      }
      const { sources } = await sourcesOf(c, cwd, [outDir]);
      const hash = inputsHash(sources.map((s) => ({ relative: relative(c.absPath, s.path), sha256: s.sha256 })));
      hashes.set(index, hash);
      const jobId = caseJobId(c, hash, analysisVersion);
      const existing = (await queue.getJob(jobId)) as Job<CaseJobData, CaseJobResult> | undefined;
      const state = existing ? await existing.getState() : 'unknown';
      if (existing && state === 'completed' && !opts.force && existing.returnvalue && reusable(existing.returnvalue)) {
        results.set(index, existing.returnvalue);
        reused++;
        continue;
      }
      if (existing && (state === 'completed' || state === 'failed')) await existing.remove();
      else if (existing && opts.force && state !== 'active') await existing.remove().catch(() => undefined);
      const data: CaseJobData = { case: c, cwd, outDir, analysisVersion, archiveLimits, caseLimits };
      // Same job id as a waiting or running job: BullMQ keeps the one there is, so the case is analysed once.
      await queue.add(JOB_NAME, data, {
        jobId,
        attempts,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: false,
        removeOnFail: false,
      });
      added++;
      pending.push({ index, c, jobId });
    }
    opts.onEnqueued?.({ total: discovery.cases.length, added, reused });

    const started = Date.now();
    const perWorker = new Map<string, number>();
    let failed = 0;
    const finish = async (index: number, c: BatchCase, result: CaseJobResult, wasReused: boolean) => {
      const documentPath = join(casesDir, `${c.id}.json`);
      if (result.document !== undefined) await writeFileAtomic(documentPath, result.document);
      const row = { ...result.row, case_id: c.id, source: c.source, reused: wasReused };
      const files = result.files.map((f) => ({ ...f, case_id: c.id }));
      outcomes[index] = { case: c, row, files, ...(result.document !== undefined ? { documentPath } : {}) };
      // The inputs hash lets a later local run reuse the result, as it would its own.
      const inputsSha256 = reusable(result) ? (hashes.get(index) ?? '') : '';
      next.cases[stateKey(c.absPath)] = { inputsSha256, row, files, hasDocument: result.document !== undefined };
      opts.onCaseDone?.(outcomes[index]!);
    };
    for (const [index, result] of results) await finish(index, discovery.cases[index]!, result, true);

    let waiting = pending;
    while (waiting.length > 0) {
      const states = await Promise.all(waiting.map((p) => queue.getJobState(p.jobId)));
      const still: Pending[] = [];
      let running = 0;
      for (const [i, p] of waiting.entries()) {
        const state = states[i]!;
        if (state === 'completed') {
          const job = (await queue.getJob(p.jobId)) as Job<CaseJobData, CaseJobResult> | undefined;
          if (job?.returnvalue) {
            perWorker.set(job.returnvalue.worker, (perWorker.get(job.returnvalue.worker) ?? 0) + 1);
            await finish(p.index, p.c, job.returnvalue, false);
            continue;
          }
        }
        if (state === 'failed' || state === 'unknown' || state === 'completed') {
          const job = state === 'unknown' ? undefined : await queue.getJob(p.jobId);
          const row = { ...blankRow(p.c, failedStatus(failureOf(job, state, opts.queue))), exit_code: INTERNAL_ERROR };
          outcomes[p.index] = { case: p.c, row, files: [] };
          next.cases[stateKey(p.c.absPath)] = { inputsSha256: '', row, files: [], hasDocument: false };
          failed++;
          opts.onCaseDone?.(outcomes[p.index]!);
          continue;
        }
        if (state === 'active') running++;
        still.push(p);
      }
      waiting = still;
      const done = outcomes.filter((o) => o !== undefined).length;
      opts.onProgress?.({ total: discovery.cases.length, done, failed, running, waiting: still.length - running, perWorker, elapsedMs: Date.now() - started });
      if (waiting.length > 0) await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
    }

    const noResult = failedStatus(catalogMessage('problem.no_result'));
    const finished = outcomes.map((o, i) => o ?? { case: discovery.cases[i]!, row: { ...blankRow(discovery.cases[i]!, noResult), exit_code: INTERNAL_ERROR }, files: [] });
    const outputs = await writeAggregates(outDir, finished, discovery.looseSkipped, { format: opts.format ?? 'csv', excel: Boolean(opts.excel) });
    if (opts.html) outputs.push(...(await writeHtmlReports(outDir, casesDir, finished, opts.html)));
    const statePath = join(outDir, STATE_FILE);
    await saveState(statePath, next);
    outputs.push(statePath);
    const exitCode = finished.length === 0 ? ExitCode.NO_INPUT : worstExitCode(finished.map((o) => o.row.exit_code));
    return { outcomes: finished, looseSkipped: discovery.looseSkipped, exitCode, outputs };
  } catch (err) {
    if (err instanceof TraceError) throw err;
    const p = problemOf(err);
    throw queueError(new Error(englishText(p.problem)), opts.queue);
  } finally {
    await open.close();
  }
}
