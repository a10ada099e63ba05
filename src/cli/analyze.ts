// `tracedoctor analyze FILE... [--format human|json|csv] [-o OUT]` — wiring only; the work is in pipeline/ and report/.
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { analyzeFiles } from '../pipeline/index.js';
import { cipherSuiteName } from '../net/index.js';
import { renderAnalyzeJson } from '../report/analyze-json.js';
import { renderAnalyzeCsv } from '../report/analyze-csv.js';
import { renderAnalyzeHuman } from '../report/analyze-human.js';
import { ExitCode, TraceError } from '../common/errors.js';

type Format = 'human' | 'json' | 'csv';

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('explain why connections in a trace failed: per-connection evidence, findings and the exact fix')
    .argument('<files...>', '.etl traces or text exports (analysed together)')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json', 'csv']).default('human'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .action((files: string[], opts: { format: Format; output?: string }) => {
      const result = analyzeFiles(files);
      const color = opts.format === 'human' && !opts.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
      const text =
        opts.format === 'json'
          ? renderAnalyzeJson(result, cipherSuiteName)
          : opts.format === 'csv'
            ? renderAnalyzeCsv(result, cipherSuiteName)
            : renderAnalyzeHuman(result, { color, cipherName: cipherSuiteName });
      if (opts.output) {
        try {
          writeFileSync(opts.output, text);
        } catch (err) {
          throw new TraceError(`cannot write output: ${(err as Error).message}`, ExitCode.IO_ERR, opts.output);
        }
      } else {
        process.stdout.write(text);
      }
      if (result.damage) {
        process.stderr.write(`tracedoctor: ${result.damage.describe()} (the report covers what was read before the damage)\n`);
        process.exitCode = ExitCode.DATA_ERR;
      } else {
        process.exitCode = result.verdict === 'failure' ? ExitCode.FAILURE_DIAGNOSED : ExitCode.OK;
      }
    });
}
