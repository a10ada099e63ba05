// The queue worker: takes case jobs from BullMQ, analyses each case exactly as a local run does (same case code,
// same per-case limits), and returns the rows and the analyze JSON as the job's result. A worker that dies keeps
// its job locked until the lock expires; another worker's stalled-job check then hands the job out again. Each
// start of a job counts as an attempt, so a case whose worker keeps dying ends as failed after `attempts` starts.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { englishText, type Message } from '../../common/message.js';
import { createWorkerAnalyzer, type AnalysisPool } from '../analysis.js';
import type { CaseContext } from '../case.js';
import { processCaseWithLimits } from '../case-limits.js';
import { emptyState } from '../state.js';
import type { SniffFormat } from '../types.js';
import { openQueue } from './connection.js';
import { JOB_NAME, QUEUE_NAME, type CaseJobData, type CaseJobResult } from './jobs.js';
import { maskSecrets, type QueueLocation } from './redis-url.js';
import { outsideRoots, resolveRoots } from './roots.js';
import { catalogMessage } from '../status.js';

export interface QueueWorkerOptions {
  queue: QueueLocation;
  /** Directories below which cases may be read; at least one. */
  roots: readonly string[];
  /** Cases analysed at the same time by this worker. */
  concurrency: number;
  sniff: SniffFormat;
  /** How long a job stays locked to a worker that stopped renewing the lock (died), in ms; default 30 s. */
  lockDurationMs?: number;
  /** Where each job's private extraction directory is made; default: the OS temporary directory. */
  tempRoot?: string;
  /** Called with one line per event (job started, done, failed), already masked. */
  log?(line: string): void;
}

export interface RunningWorker {
  readonly name: string;
  /** Finishes the jobs in hand, then disconnects. */
  close(): Promise<void>;
}

/**
 * The worker's analysis threads, one pool per heap limit (each batch sets its own `--case-memory`): threads take
 * job after job, so a job does not pay the analysis code's start-up again.
 */
class AnalysisPools {
  private readonly pools = new Map<number, AnalysisPool>();

  for(memoryMb: number): AnalysisPool {
    let pool = this.pools.get(memoryMb);
    if (!pool) this.pools.set(memoryMb, (pool = createWorkerAnalyzer({ maxHeapMb: memoryMb })));
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }
}

/** Fails the job for good, its reason kept in the job's data as a message for the enqueuer's row. */
async function refuse(job: Job<CaseJobData>, refusal: Message): Promise<never> {
  await job.updateData({ ...job.data, refusal });
  throw new UnrecoverableError(englishText(refusal));
}

/** Analyses one case job in a private directory; the result carries the document's text. */
async function analyseJob(job: Job<CaseJobData>, opts: QueueWorkerOptions, roots: string[], name: string, pools: AnalysisPools): Promise<CaseJobResult> {
  const data = job.data;
  const attempts = job.opts.attempts ?? 1;
  if (job.attemptsStarted > attempts) {
    return refuse(job, catalogMessage('problem.worker_stopped', { started: job.attemptsStarted, attempts }));
  }
  const refused = await outsideRoots(data.case, roots, [data.outDir]);
  if (refused) return refuse(job, refused);
  const tempRoot = opts.tempRoot ?? tmpdir();
  const work = await mkdtemp(join(tempRoot, 'tracedoctor-job-'));
  const started = Date.now();
  try {
    const casesDir = join(work, 'cases');
    await mkdir(casesDir);
    const ctx: CaseContext = {
      analyze: pools.for(data.caseLimits.memoryMb),
      sniff: opts.sniff,
      limits: data.archiveLimits,
      cwd: data.cwd,
      outDir: data.outDir,
      casesDir,
      tempRoot,
      previous: undefined,
      reuseAllowed: false,
      redactor: undefined,
      next: emptyState(data.analysisVersion, false),
    };
    const outcome = await processCaseWithLimits(data.case, ctx, data.caseLimits);
    const document = outcome.documentPath ? await readFile(outcome.documentPath, 'utf8') : undefined;
    return { row: outcome.row, files: outcome.files, ...(document !== undefined ? { document } : {}), worker: name, ms: Date.now() - started };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Starts a worker on the queue; it runs until `close()`. */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<RunningWorker> {
  const roots = await resolveRoots(opts.roots);
  // Fails fast (exit 74) when Redis cannot be reached, instead of retrying silently for ever.
  await (await openQueue(opts.queue)).close();
  const name = `${hostname()}:${process.pid}`;
  const log = (line: string) => opts.log?.(maskSecrets(line, opts.queue));
  const pools = new AnalysisPools();
  const worker = new Worker<CaseJobData, CaseJobResult>(
    QUEUE_NAME,
    async (job) => {
      if (job.name !== JOB_NAME) throw new UnrecoverableError(`unknown job kind "${job.name}"`);
      log(`started ${job.data.case.id} (attempt ${job.attemptsStarted})`);
      return analyseJob(job, opts, roots, name, pools);
    },
    {
      connection: opts.queue.connection,
      concurrency: opts.concurrency,
      name,
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: Math.max(500, Math.floor((opts.lockDurationMs ?? 30_000) / 2)),
      // Starts are bounded by the job's attempts (see analyseJob), not by a separate stall count.
      maxStalledCount: 1000,
      autorun: false,
    },
  );
  worker.on('completed', (job, result) => log(`done ${job.data.case.id}: ${result.row.status} (${result.ms} ms)`));
  worker.on('failed', (job, err) => log(`failed ${job?.data.case.id ?? '?'}: ${err.message}`));
  worker.on('error', (err) => log(`queue error: ${err.message}`));
  void worker.run().catch((err: Error) => log(`worker stopped: ${err.message}`));
  await worker.waitUntilReady();
  return {
    name,
    close: async () => {
      await worker.close();
      await pools.close();
    },
  };
}
