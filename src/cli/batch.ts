// `tracedoctor batch PATH... --out-dir DIR` — wiring only; the work is in batch/.
import { toolVersion } from './version.js';
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { sniffFormat, sniffPath } from '../ingest/index.js';
import { createWorkerAnalyzer } from '../batch/analysis.js';
import { DEFAULT_CASE_LIMITS, parseDuration, parseMemoryMb } from '../batch/case-limits.js';
import { removeLiveTempDirs } from '../batch/materialise.js';
import { releaseHeldLocks } from '../batch/lock.js';
import { createCaseProgress, type CaseProgress } from '../batch/progress.js';
import { runBatch, type BatchResult } from '../batch/run.js';
import { statusIs } from '../batch/status.js';
import type { TableFormat } from '../batch/outputs.js';
import { runQueueMode, type QueueModeOptions } from './batch-queue.js';
import { UsageError } from './program.js';
import type { SniffFormat } from '../batch/types.js';
import { LANGS, langFromEnv, messages, type Lang, type Messages } from '../common/i18n/catalog.js';
import { examplesHelp } from './options.js';

interface BatchCliOptions {
  outDir?: string;
  concurrency?: number;
  format: TableFormat;
  force?: boolean;
  excel?: boolean;
  redact?: boolean;
  html?: boolean;
  lang?: Lang;
  caseTimeout: number;
  caseMemory: number;
  queue?: string;
  attempts: number;
  status?: boolean;
}

/** Recognises traces and exports by content, and by name for text files whose head says too little. */
export const batchSniff: SniffFormat = (head, path) => sniffFormat(head) ?? (path ? sniffPath(path) : undefined);

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** `--case-timeout`: seconds, or a number with ms/s/m/h. */
export function caseTimeoutOption(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError('expected a duration such as 600, 90s, 10m or 1h');
  return ms;
}

/** `--case-memory`: MiB, or a number with M/G. */
export function caseMemoryOption(value: string): number {
  const mb = parseMemoryMb(value);
  if (mb === undefined) throw new InvalidArgumentError('expected a size of at least 16 MiB such as 1024, 512M or 2G');
  return mb;
}

export function caseTimeoutFlag(): Option {
  return new Option('--case-timeout <duration>', 'wall-time limit of one case (seconds, or 90s, 10m, 1h); a case over it ends as failed: timeout')
    .argParser(caseTimeoutOption)
    .default(DEFAULT_CASE_LIMITS.timeoutMs, '10m');
}

export function caseMemoryFlag(): Option {
  return new Option('--case-memory <size>', "heap limit of one case's analysis (MiB, or 512M, 2G); a case over it ends as failed: memory")
    .argParser(caseMemoryOption)
    .default(DEFAULT_CASE_LIMITS.memoryMb, '1G');
}


/** `batch: 14 cases — 3 ok, 5 failure diagnosed, 4 failed, 2 unchanged (reused); 1 file skipped; outputs in out/` */
export function summaryLine(r: BatchResult, outDir: string, m: Messages): string {
  const ok = r.outcomes.filter((o) => statusIs(o.row, 'status.ok') && o.row.exit_code === 0).length;
  const diagnosed = r.outcomes.filter((o) => statusIs(o.row, 'status.ok') && o.row.exit_code === 1).length;
  const failed = r.outcomes.filter((o) => !statusIs(o.row, 'status.ok')).length;
  const reused = r.outcomes.filter((o) => o.row.reused).length;
  const skipped = r.looseSkipped.length;
  return m.t('batch.summary', {
    cases: r.outcomes.length,
    ok,
    diagnosed,
    failed,
    reused,
    skipped: skipped ? m.t('batch.summary_skipped', { count: skipped }) : '',
    out: outDir,
    exit: r.exitCode,
  });
}

export function registerBatchCommand(program: Command): void {
  program
    .command('batch')
    .description(
      'analyse folders and ZIP archives of support-case uploads in parallel: one analyze JSON per case, plus ' +
        'cases, files and connections tables and findings.jsonl in the output directory',
    )
    .argument('[paths...]', 'directories (each subdirectory is a case), archives (.zip .cab .7z .tar .tar.gz .tgz .gz), files, or quoted globs')
    .option('--out-dir <dir>', 'directory for the results (created if missing); required unless --status')
    .option('--concurrency <n>', `cases analysed at the same time (default: CPUs = ${availableParallelism()})`, positiveInt)
    .addOption(new Option('--format <format>', 'format of the cases/files/connections tables').choices(['csv', 'jsonl']).default('csv'))
    .option('--force', 're-analyse cases whose inputs are unchanged since the last run')
    .option('--excel', 'start CSV files with a UTF-8 byte order mark for Excel')
    .option('--redact', 'replace user, computer, IP address and customer domain names with pseudonyms in every output')
    .option('--html', "also write each case's HTML report (cases/<case>.html) and index.html over all cases")
    .addOption(
      new Option('--lang <lang>', 'language of the HTML reports (default: from LC_ALL / LANG); given, also of the finding texts in the case JSON').choices([...LANGS]),
    )
    .addOption(caseTimeoutFlag())
    .addOption(caseMemoryFlag())
    .option('--queue <url>', 'distribute the cases over `tracedoctor worker` processes through Redis: redis://HOST:PORT[/DB]')
    .option('--attempts <n>', 'with --queue: starts of a case before it ends as failed (a worker died, or the analysis threw)', positiveInt, 3)
    .option('--status', "with --queue: print the queue's job counts and workers, and exit")
    .addHelpText(
      'after',
      examplesHelp(
        [
          'tracedoctor batch uploads/ --out-dir results/',
          "tracedoctor batch 'incoming/*.zip' --out-dir results/ --html",
          'tracedoctor batch /srv/uploads --out-dir results/ --queue redis://127.0.0.1:6379/0',
        ],
        'the worst class over all cases (0 ok, 1 failure diagnosed, 65 damaged or no trace, 66 missing, 74 output ' +
          'not writable, 70 internal error); 75 when another batch is writing to the same --out-dir (one batch per ' +
          'output directory: a lock left by a process that no longer runs is taken over with a warning).',
      ),
    )
    .action(async (paths: string[], opts: BatchCliOptions) => {
      if (opts.status && !opts.queue) throw new UsageError('--status needs --queue redis://HOST:PORT[/DB]');
      if (!opts.status && paths.length === 0) throw new UsageError("missing required argument 'paths'");
      if (!opts.status && !opts.outDir) throw new UsageError("required option '--out-dir <dir>' not specified");
      if (opts.queue) {
        await runQueueMode(paths, opts as QueueModeOptions, { sniff: batchSniff, analysisVersion: toolVersion(), summaryLine });
        return;
      }
      // What this command says to people: in the language of --lang, else of the locale.
      const said = messages(opts.lang ?? langFromEnv());
      let progress: CaseProgress | undefined;
      // Extracted archive entries live in private temporary directories: remove them on Ctrl+C too.
      const interrupted = (signal: NodeJS.Signals) => {
        progress?.stop();
        removeLiveTempDirs();
        releaseHeldLocks();
        process.stderr.write(`tracedoctor: ${said.t('batch.interrupted', { signal })}\n`);
        process.exit(signal === 'SIGINT' ? 130 : 143);
      };
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
      const analyze = createWorkerAnalyzer({ maxHeapMb: opts.caseMemory, ...(opts.lang ? { lang: opts.lang } : {}) });
      const result = await runBatch(
        {
          paths,
          outDir: opts.outDir!,
          format: opts.format,
          force: Boolean(opts.force),
          excel: Boolean(opts.excel),
          redact: Boolean(opts.redact),
          ...(opts.html ? { html: said } : {}),
          // Case documents are in the language asked for, so a run in another language analyses them again.
          analysisVersion: opts.lang ? `${toolVersion()} lang=${opts.lang}` : toolVersion(),
          ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
          caseLimits: { timeoutMs: opts.caseTimeout },
          onStart: (total) => {
            progress = createCaseProgress(total);
          },
          onCaseDone: (o) => progress?.caseDone(o.case.id),
          onWarning: (message) => process.stderr.write(`tracedoctor: warning: ${message}\n`),
        },
        { analyze, sniff: batchSniff },
      ).finally(() => {
        void analyze.close();
        progress?.stop();
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
      });
      process.stderr.write(`${summaryLine(result, opts.outDir!, said)}\n`);
      process.exitCode = result.exitCode;
    });
}
