// The real per-case analysis for `tracedoctor batch`: `analyze`'s pipeline and JSON record, run in a worker thread
// per case (see analysis-worker.ts).
import { Worker } from 'node:worker_threads';
import { INTERNAL_ERROR } from './exit.js';
import type { Lang } from '../report/i18n/catalog.js';
import type { AnalyzeCase, AnalyzeDocument, CaseAnalysis } from './types.js';

export interface WorkerRequest {
  paths: string[];
  /** The language asked for (`--lang`): the case document names it and its finding texts are in it. */
  lang?: Lang;
}

export type WorkerReply =
  | ({ ok: true } & CaseAnalysis)
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
  /** Heap limit of each analysis worker; a case above it fails alone. */
  maxHeapMb?: number;
  /** The language asked for (`--lang`) of the case documents' finding texts; English without it. */
  lang?: Lang;
}

const WORKER_URL = new URL('./analysis-worker.js', import.meta.url);

/** An AnalyzeCase that runs `analyze` on the case's files in a fresh worker thread. */
export function createWorkerAnalyzer(opts: WorkerAnalyzerOptions = {}): AnalyzeCase {
  const maxHeapMb = opts.maxHeapMb ?? 2048;
  return (files) =>
    new Promise<CaseAnalysis>((resolve, reject) => {
      const request: WorkerRequest = { paths: files.map((f) => f.path), ...(opts.lang ? { lang: opts.lang } : {}) };
      const worker = new Worker(WORKER_URL, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
      let settled = false;
      worker.once('message', (reply: WorkerReply) => {
        settled = true;
        if (reply.ok) resolve({ document: reply.document as AnalyzeDocument, exitCode: reply.exitCode, ...(reply.damage ? { damage: reply.damage } : {}) });
        else reject(new CaseAnalysisError(reply.description, reply.exitCode));
      });
      worker.once('error', (err: Error & { code?: string }) => {
        if (settled) return;
        settled = true;
        const why = err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `analysis needed more than ${maxHeapMb} MiB of memory` : `internal error: ${err.message}`;
        reject(new CaseAnalysisError(why, INTERNAL_ERROR));
      });
      worker.once('exit', (code) => {
        if (settled) return;
        settled = true;
        reject(new CaseAnalysisError(`internal error: analysis worker exited with code ${code}`, INTERNAL_ERROR));
      });
    });
}
