// `tracedoctor batch … --queue URL` and `batch --queue URL --status` — wiring only; the work is in batch/queue/.
import { runQueuedBatch } from '../batch/queue/enqueue.js';
import { createQueueProgress, type QueueProgressView } from '../batch/queue/progress.js';
import { QueueUrlError, maskSecrets, parseQueueUrl, type QueueLocation } from '../batch/queue/redis-url.js';
import { formatQueueStatus, readQueueStatus } from '../batch/queue/status.js';
import type { BatchResult } from '../batch/run.js';
import type { SniffFormat } from '../batch/types.js';
import type { TableFormat } from '../batch/outputs.js';
import { TraceError } from '../common/errors.js';
import { langFromEnv, messages, type Lang, type Messages } from '../common/i18n/catalog.js';
import { UsageError } from './program.js';

export interface QueueModeOptions {
  queue: string;
  outDir?: string;
  status?: boolean;
  concurrency?: number;
  redact?: boolean;
  format: TableFormat;
  force?: boolean;
  excel?: boolean;
  html?: boolean;
  lang?: Lang;
  caseTimeout: number;
  caseMemory: number;
  attempts: number;
}

export interface QueueModeDeps {
  sniff: SniffFormat;
  analysisVersion: string;
  summaryLine(r: BatchResult, outDir: string, m: Messages): string;
}

/** Parses `--queue`; a bad URL is a usage error whose message never shows a password. */
export function queueLocation(text: string): QueueLocation {
  try {
    return parseQueueUrl(text);
  } catch (err) {
    if (err instanceof QueueUrlError) throw new UsageError(err.message);
    throw err;
  }
}

export async function runQueueMode(paths: string[], opts: QueueModeOptions, deps: QueueModeDeps): Promise<void> {
  const where = queueLocation(opts.queue);
  if (opts.status) {
    process.stdout.write(`${formatQueueStatus(where, await readQueueStatus(where))}\n`);
    return;
  }
  if (opts.redact) throw new UsageError('--redact cannot be used with --queue (pseudonyms are consistent within one process only)');
  if (opts.concurrency) throw new UsageError('--concurrency is set on each worker with --queue (tracedoctor worker --concurrency N)');
  let progress: QueueProgressView | undefined;
  // What this command says to people: in the language of --lang, else of the locale.
  const said = messages(opts.lang ?? langFromEnv());
  const interrupted = (signal: NodeJS.Signals) => {
    progress?.stop();
    process.stderr.write(`tracedoctor: ${said.t('batch.interrupted_queue', { signal })}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const result = await runQueuedBatch(
      {
        paths,
        outDir: opts.outDir!,
        queue: where,
        format: opts.format,
        force: Boolean(opts.force),
        excel: Boolean(opts.excel),
        ...(opts.html ? { html: messages(opts.lang ?? langFromEnv()) } : {}),
        analysisVersion: deps.analysisVersion,
        attempts: opts.attempts,
        caseLimits: { timeoutMs: opts.caseTimeout, memoryMb: opts.caseMemory },
        onEnqueued: (s) => {
          process.stderr.write(`${said.t('batch.enqueued', { total: s.total, added: s.added, where: where.display, reused: s.reused })}\n`);
          progress = createQueueProgress();
        },
        onProgress: (p) => progress?.update(p),
      },
      { sniff: deps.sniff },
    );
    progress?.stop();
    process.stderr.write(`${deps.summaryLine(result, opts.outDir!, said)}\n`);
    process.exitCode = result.exitCode;
  } catch (err) {
    progress?.stop();
    if (err instanceof TraceError) throw new TraceError(maskSecrets(err.message, where), err.exitCode, err.file, err.offset);
    throw new Error(maskSecrets((err as Error)?.message ?? String(err), where));
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
