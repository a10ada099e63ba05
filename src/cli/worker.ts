// `tracedoctor worker --queue URL --root DIR... [--concurrency N]` — wiring only; the work is in batch/queue/.
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { startQueueWorker } from '../batch/queue/worker.js';
import { batchSniff, caseTimeoutOption } from './batch.js';
import { queueLocation } from './batch-queue.js';
import { UsageError } from './program.js';

interface WorkerCliOptions {
  queue: string;
  root: string[];
  concurrency: number;
  lockDuration: number;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'analyse cases queued by `tracedoctor batch --queue` (on any number of machines): takes jobs from Redis, ' +
        'analyses each case from the shared storage and returns its results; runs until stopped (SIGTERM/Ctrl+C)',
    )
    .requiredOption('--queue <url>', 'the Redis of the batch: redis://HOST:PORT[/DB] (rediss:// for TLS)')
    .requiredOption('--root <dir>', 'read cases only below this directory (repeatable); a job naming any other path fails', collect, [])
    .option('--concurrency <n>', `cases analysed at the same time (default: CPUs = ${availableParallelism()})`, positiveInt, availableParallelism())
    .addOption(
      new Option('--lock-duration <duration>', 'how long a job stays with a worker that stopped answering before another worker takes it')
        .argParser(caseTimeoutOption)
        .default(30_000, '30s'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tracedoctor worker --queue redis://queue.example:6379/0 --root /srv/uploads --concurrency 4\n\n' +
        'Every worker must see the uploads at the same absolute paths as the `batch` that enqueued them (a shared\n' +
        'folder mounted at the same place). Exit status: 0 after a clean stop, 2 usage error, 74 queue unreachable.\n',
    )
    .action(async (opts: WorkerCliOptions) => {
      if (opts.root.length === 0) throw new UsageError("required option '--root <dir>' not specified");
      const where = queueLocation(opts.queue);
      const stamp = () => new Date().toISOString();
      const worker = await startQueueWorker({
        queue: where,
        roots: opts.root,
        concurrency: opts.concurrency,
        sniff: batchSniff,
        lockDurationMs: opts.lockDuration,
        log: (line) => process.stderr.write(`${stamp()} ${line}\n`),
      });
      process.stderr.write(`${stamp()} worker ${worker.name} on ${where.display}, ${opts.concurrency} at a time, roots: ${opts.root.join(', ')}\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.stderr.write(`${stamp()} ${signal}: finishing the cases in hand (again to stop at once)\n`);
          process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
          void worker.close().finally(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
