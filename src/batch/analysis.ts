// The real per-case analysis for `tracedoctor batch`: `analyze`'s pipeline and JSON record, run in long-lived
// worker threads (see analysis-worker.ts). A thread takes case after case, so module loading and JIT warm-up are
// paid once per thread, not once per case; a thread that runs out of time or heap is terminated and only its
// case fails.
import { Worker } from 'node:worker_threads';
import { ExitCode } from '../common/errors.js';
import { englishText, type Message } from '../common/message.js';
import { catalogMessage } from './status.js';
import { DEFAULT_CASE_LIMITS, MEMORY, TIMEOUT } from './case-limit-reasons.js';
import { INTERNAL_ERROR } from './exit.js';
import type { Lang } from '../common/i18n/catalog.js';
import type { AnalyzeCase, AnalyzeCaseOptions, AnalyzeDocument, CaseAnalysis, CaseInputFile, RenderRequest, RenderedCase } from './types.js';

/** The test hook's kinds of case: one that loops forever, one that allocates without end. */
export type SimulatedCase = 'loop' | 'allocate';

export interface WorkerRequest {
  paths: string[];
  /** Test hook: instead of analysing, loop forever or allocate without end, to exercise the case limits. */
  simulate?: SimulatedCase;
  /** The language asked for (`--lang`): the case document names it and its finding texts are in it. */
  lang?: Lang;
  /** Make the case's outputs in the worker (see AnalyzeCaseOptions.render). */
  render?: RenderRequest;
}

export type WorkerReply =
  | { ok: true; exitCode: number; damage?: CaseAnalysis['damage']; document?: AnalyzeDocument; rendered?: RenderedCase }
  | { ok: false; problem: Message; exitCode: number };

/** A reply with the thread's heap in use once the case was done, by which the pool decides to keep the thread. */
export interface WorkerMessage {
  reply: WorkerReply;
  heapUsedMb: number;
}

/** Thrown for a case whose analysis failed as a whole; carries what went wrong (its status quotes it) and the exit class. */
export class CaseAnalysisError extends Error {
  constructor(
    readonly problem: Message,
    readonly exitCode: number,
  ) {
    super(englishText(problem));
    this.name = 'CaseAnalysisError';
  }
}

/** `internal error: <reason>`. */
function internalError(reason: Message | string): CaseAnalysisError {
  return new CaseAnalysisError(catalogMessage('problem.internal', { reason }), INTERNAL_ERROR);
}

export interface WorkerAnalyzerOptions {
  /** Heap limit of each analysis worker (`--case-memory`); a case above it fails alone as `failed: memory`. */
  maxHeapMb?: number;
  /** Test hook, see WorkerRequest; a function picks the kind per case (undefined: analyse it). */
  simulate?: SimulatedCase | ((paths: readonly string[]) => SimulatedCase | undefined);
  /** The language asked for (`--lang`) of the case documents' finding texts; English without it. */
  lang?: Lang;
  /** Cases one thread analyses before it is replaced by a fresh one (bounds whatever a case leaves behind). */
  casesPerThread?: number;
  /** How long a thread waits for its next case before it ends (and gives its heap back). */
  idleMs?: number;
}

/** Analysis threads, each taking case after case; as many as cases were ever analysed at the same time. */
export interface AnalysisPool extends AnalyzeCase {
  /** Threads started so far (a thread replaced after a timeout, out of memory or its case count counts again). */
  readonly threadsStarted: number;
  /** Ends every thread; a case still in hand fails. The pool starts new threads if asked again. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./analysis-worker.js', import.meta.url);

/**
 * Cases per thread before it is replaced. Module caches are bounded and per-case state is dropped with the
 * case (the heap in use after a full GC stayed at 41–43 MB over 276 cases in one thread), so this only bounds
 * what nobody foresaw. A fresh thread costs about 1 CPU-s of loading and warm-up (a 16 MB dense case takes
 * about 2.5 CPU-s first, 1.5 later): spread over 64 cases, under 2 %.
 */
export const DEFAULT_CASES_PER_THREAD = 64;
/** A thread whose heap in use after a case passes this share of its limit is replaced, so the next case has the whole limit. */
const HEAP_RECYCLE_SHARE = 0.5;
/**
 * An idle thread keeps the heap of its last case until it ends: a queue worker that waits for jobs gives it back
 * after this long (a local batch keeps its threads busy until its last cases).
 */
export const DEFAULT_IDLE_MS = 30_000;

/** One analysis thread; `run` sends it a case, and rejects when the thread dies with it. */
class AnalysisThread {
  private readonly worker: Worker;
  private pending: { resolve(m: WorkerMessage): void; reject(err: CaseAnalysisError): void } | undefined;
  cases = 0;
  alive = true;

  constructor(maxHeapMb: number) {
    this.worker = new Worker(WORKER_URL, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    // An idle thread does not keep the process alive; one with a case in hand does.
    this.worker.unref();
    this.worker.on('message', (m: WorkerMessage) => this.settle((p) => p.resolve(m)));
    this.worker.on('error', (err: Error & { code?: string }) => {
      this.alive = false;
      const failure = err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new CaseAnalysisError(MEMORY, ExitCode.DATA_ERR)
        : internalError(err.message);
      this.settle((p) => p.reject(failure));
    });
    this.worker.on('exit', (code) => {
      this.alive = false;
      this.settle((p) => p.reject(internalError(catalogMessage('problem.analysis_worker_exited', { code }))));
    });
  }

  run(request: WorkerRequest): Promise<WorkerMessage> {
    this.cases++;
    this.worker.ref();
    return new Promise<WorkerMessage>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  /** Ends the thread; the case in hand (if any) fails with `failure`. */
  stop(failure?: CaseAnalysisError): Promise<number> {
    this.alive = false;
    if (failure) this.settle((p) => p.reject(failure));
    return this.worker.terminate();
  }

  /** Hands the case in hand (if any) its result; the thread is idle from now on. */
  private settle(answer: (p: NonNullable<AnalysisThread['pending']>) => void): void {
    const p = this.pending;
    this.pending = undefined;
    this.worker.unref();
    if (p) answer(p);
  }
}

/** An AnalyzeCase that runs `analyze` on the case's files in a pool of long-lived worker threads. */
export function createWorkerAnalyzer(opts: WorkerAnalyzerOptions = {}): AnalysisPool {
  const maxHeapMb = opts.maxHeapMb ?? DEFAULT_CASE_LIMITS.memoryMb;
  const casesPerThread = Math.max(1, opts.casesPerThread ?? DEFAULT_CASES_PER_THREAD);
  const idleMs = opts.idleMs ?? DEFAULT_IDLE_MS;
  /** Idle threads, the one idle last at the end, each with the timer that ends it. */
  const idle = new Map<AnalysisThread, NodeJS.Timeout>();
  const all = new Set<AnalysisThread>();
  let started = 0;

  const take = (): AnalysisThread => {
    for (const t of [...idle.keys()].reverse()) {
      clearTimeout(idle.get(t));
      idle.delete(t);
      if (t.alive) return t;
    }
    const t = new AnalysisThread(maxHeapMb);
    started++;
    all.add(t);
    return t;
  };
  const retire = (t: AnalysisThread) => {
    idle.delete(t);
    all.delete(t);
    void t.stop();
  };
  // A thread whose case ended in an internal error is not trusted with another case.
  const giveBack = (t: AnalysisThread, { reply, heapUsedMb }: WorkerMessage) => {
    if (!t.alive) all.delete(t);
    else if (t.cases >= casesPerThread || heapUsedMb > maxHeapMb * HEAP_RECYCLE_SHARE || (!reply.ok && reply.exitCode === INTERNAL_ERROR)) retire(t);
    else idle.set(t, setTimeout(() => retire(t), idleMs).unref());
  };

  const analyze = async (files: readonly CaseInputFile[], limits?: AnalyzeCaseOptions): Promise<CaseAnalysis> => {
    const paths = files.map((f) => f.path);
    const simulate = typeof opts.simulate === 'function' ? opts.simulate(paths) : opts.simulate;
    const request: WorkerRequest = {
      paths,
      ...(simulate ? { simulate } : {}),
      ...(opts.lang ? { lang: opts.lang } : {}),
      ...(limits?.render ? { render: limits.render } : {}),
    };
    const signal = limits?.signal;
    if (signal?.aborted) throw new CaseAnalysisError(TIMEOUT, ExitCode.DATA_ERR);
    const thread = take();
    const onAbort = () => {
      all.delete(thread);
      void thread.stop(new CaseAnalysisError(TIMEOUT, ExitCode.DATA_ERR));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const message = await thread.run(request);
      giveBack(thread, message);
      const reply = message.reply;
      if (!reply.ok) throw new CaseAnalysisError(reply.problem, reply.exitCode);
      return caseAnalysisOf(reply);
    } catch (err) {
      if (!thread.alive) all.delete(thread);
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  };

  const close = async () => {
    const threads = [...all];
    all.clear();
    for (const timer of idle.values()) clearTimeout(timer);
    idle.clear();
    await Promise.all(threads.map((t) => t.stop(internalError(catalogMessage('problem.analysis_stopped')))));
  };

  return Object.defineProperties(analyze, {
    threadsStarted: { get: () => started },
    close: { value: close },
  }) as AnalysisPool;
}

function caseAnalysisOf(reply: Extract<WorkerReply, { ok: true }>): CaseAnalysis {
  const common = { exitCode: reply.exitCode, ...(reply.damage ? { damage: reply.damage } : {}) };
  if (reply.rendered) return { ...common, rendered: reply.rendered };
  return { ...common, document: reply.document as AnalyzeDocument };
}
