// `tracedoctor analyze FILE... [--format human|json|csv] [-o OUT]` — wiring only; the work is in pipeline/ and report/.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { analyzeFiles, analysisExitCode } from '../pipeline/index.js';
import { cipherSuiteName } from '../net/index.js';
import { renderAnalyzeJson, writeAnalyzeJson } from '../report/analyze-json.js';
import { renderAnalyzeCsv } from '../report/analyze-csv.js';
import { renderAnalyzeHuman } from '../report/analyze-human.js';
import { ExitCode, TraceError } from '../common/errors.js';
import { createByteProgress } from '../batch/progress.js';
import { createRedactor } from '../report/redact.js';

type Format = 'human' | 'json' | 'csv';

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('explain why connections in a trace failed: per-connection evidence, findings and the exact fix')
    .argument('<files...>', '.etl traces or text exports (analysed together)')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json', 'csv']).default('human'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--redact', 'replace user, computer, IP address and customer domain names with pseudonyms')
    .action((files: string[], opts: { format: Format; output?: string; redact?: boolean }) => {
      const result = analyzeWithProgress(files);
      const color = opts.format === 'human' && !opts.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const render = (write: (text: string) => void): void => {
        // Unredacted JSON is written a connection at a time: a large trace gives a report of tens of MB.
        if (opts.format === 'json' && !opts.redact) return writeAnalyzeJson(result, cipherSuiteName, write);
        const text =
          opts.format === 'json'
            ? renderAnalyzeJson(result, cipherSuiteName)
            : opts.format === 'csv'
              ? renderAnalyzeCsv(result, cipherSuiteName)
              : renderAnalyzeHuman(result, { color, cipherName: cipherSuiteName });
        // Redaction works on the rendered text, so every format is covered the same way; pseudonyms never
        // contain quotes, commas or line breaks, so JSON and CSV stay well-formed.
        write(opts.redact ? createRedactor().text(text) : text);
      };
      if (opts.output) {
        const path = opts.output;
        const failed = (err: unknown) => new TraceError(`cannot write output: ${(err as Error).message}`, ExitCode.IO_ERR, path);
        let fd: number;
        try {
          fd = openSync(path, 'w');
        } catch (err) {
          throw failed(err);
        }
        try {
          render((text) => {
            try {
              const bytes = Buffer.from(text, 'utf8');
              for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
            } catch (err) {
              throw failed(err);
            }
          });
        } finally {
          closeSync(fd);
        }
      } else {
        render((text) => process.stdout.write(text));
      }
      for (const r of result.rejected) if (r !== result.damage) process.stderr.write(`tracedoctor: warning: ${r.describe()} (not analysed)\n`);
      if (result.damage) process.stderr.write(`tracedoctor: ${result.damage.describe()} (the report covers what was read before the damage)\n`);
      process.exitCode = analysisExitCode(result);
    });
}

/** Runs the analysis with a byte progress bar on stderr when it is a terminal (silent otherwise). */
function analyzeWithProgress(files: string[]): ReturnType<typeof analyzeFiles> {
  const sizes = new Map<string, number>();
  for (const f of files) {
    try {
      sizes.set(f, statSync(f).size);
    } catch {
      // A missing file is reported by the analysis itself (exit 66).
    }
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const bar = createByteProgress(total, { label: 'analysing' });
  let before = 0;
  try {
    return analyzeFiles(files, {
      onProgress: (_path, offset) => bar.update(before + offset),
      onInput: (s) => {
        before += sizes.get(s.path) ?? 0;
        bar.update(before);
      },
    });
  } finally {
    bar.stop();
  }
}
