// The real per-case analysis for `tracedoctor batch`: `analyze`'s pipeline and JSON record, run in a worker thread
// per case (see analysis-worker.ts).
import { Worker } from 'node:worker_threads';
import { ExitCode } from '../common/errors.js';
import { DEFAULT_CASE_LIMITS, MEMORY, TIMEOUT } from './case-limit-reasons.js';
import { INTERNAL_ERROR } from './exit.js';
import type { Lang } from '../report/i18n/catalog.js';
import type { AnalyzeCase, AnalyzeDocument, CaseAnalysis, RenderRequest, RenderedCase } from './types.js';

export interface WorkerRequest {
  paths: string[];
  /** Test hook: instead of analysing, loop forever or allocate without end, to exercise the case limits. */
  simulate?: 'loop' | 'allocate';
  /** The language asked for (`--lang`): the case document names it and its finding texts are in it. */
  lang?: Lang;
  /** Make the case's outputs in the worker (see AnalyzeCaseOptions.render). */
  render?: RenderRequest;
}

export type WorkerReply =
  | { ok: true; exitCode: number; damage?: CaseAnalysis['damage']; document?: AnalyzeDocument; rendered?: RenderedCase }
  | { ok: false; description: string; exitCode: number };

/** Thrown for a case whose analysis failed as a whole; carries the one-line description and exit class. */
export class CaseAnalysisError extends Error {
  constructor(
    readonly description: string,
    readonly exitCode: number,
  ) {
    super(description);
    this.name = 'CaseAnalysisError';
  }
}

export interface WorkerAnalyzerOptions {
  /** Heap limit of each analysis worker (`--case-memory`); a case above it fails alone as `failed: memory`. */
  maxHeapMb?: number;
  /** Test hook, see WorkerRequest. */
  simulate?: WorkerRequest['simulate'];
  /** The language asked for (`--lang`) of the case documents' finding texts; English without it. */
  lang?: Lang;
}

const WORKER_URL = new URL('./analysis-worker.js', import.meta.url);

/** An AnalyzeCase that runs `analyze` on the case's files in a fresh worker thread. */
export function createWorkerAnalyzer(opts: WorkerAnalyzerOptions = {}): AnalyzeCase {
  const maxHeapMb = opts.maxHeapMb ?? DEFAULT_CASE_LIMITS.memoryMb;
  return (files, limits) =>
    new Promise<CaseAnalysis>((resolve, reject) => {
      const request: WorkerRequest = {
        paths: files.map((f) => f.path),
        ...(opts.simulate ? { simulate: opts.simulate } : {}),
        ...(opts.lang ? { lang: opts.lang } : {}),
        ...(limits?.render ? { render: limits.render } : {}),
      };
      const signal = limits?.signal;
      if (signal?.aborted) return reject(new CaseAnalysisError(TIMEOUT, ExitCode.DATA_ERR));
      const worker = new Worker(WORKER_URL, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        reject(new CaseAnalysisError(TIMEOUT, ExitCode.DATA_ERR));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('exit', () => signal?.removeEventListener('abort', onAbort));
      worker.once('message', (reply: WorkerReply) => {
        if (settled) return;
        settled = true;
        if (reply.ok) resolve(caseAnalysisOf(reply));
        else reject(new CaseAnalysisError(reply.description, reply.exitCode));
      });
      worker.once('error', (err: Error & { code?: string }) => {
        if (settled) return;
        settled = true;
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(new CaseAnalysisError(MEMORY, ExitCode.DATA_ERR));
        else reject(new CaseAnalysisError(`internal error: ${err.message}`, INTERNAL_ERROR));
      });
      worker.once('exit', (code) => {
        if (settled) return;
        settled = true;
        reject(new CaseAnalysisError(`internal error: analysis worker exited with code ${code}`, INTERNAL_ERROR));
      });
    });
}

function caseAnalysisOf(reply: Extract<WorkerReply, { ok: true }>): CaseAnalysis {
  const common = { exitCode: reply.exitCode, ...(reply.damage ? { damage: reply.damage } : {}) };
  if (reply.rendered) return { ...common, rendered: reply.rendered };
  return { ...common, document: reply.document as AnalyzeDocument };
}
