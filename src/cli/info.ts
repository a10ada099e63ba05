// `tracedoctor info FILE [--format human|json]`
import { Option, type Command } from 'commander';
import { openEtl } from '../etl/index.js';
import { EventDecoder } from '../decode/index.js';
import { buildInfo, infoHuman, infoJson, issueLines } from '../report/info.js';
import { ExitCode, TraceError } from '../common/errors.js';
import { sniffPath } from '../ingest/sniff-path.js';
import { examplesHelp } from './options.js';

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description('describe an .etl trace: session, OS, clock, time span, buffers, record counts, providers')
    .argument('<file>', '.etl file')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .addHelpText('after', examplesHelp(['tracedoctor info NetTrace.etl', 'tracedoctor info NetTrace.etl --format json'], '0 read, 65 damaged or not an .etl (a text export: use analyze or events), 66 missing.'))
    .action((path: string, opts: { format: 'human' | 'json' }) => {
      const format = sniffPath(path);
      if (format !== undefined && format !== 'etl') {
        throw new TraceError(`this is a text export (${format}), not an .etl: use \`tracedoctor analyze\` or \`tracedoctor events\` on it`, ExitCode.DATA_ERR, path);
      }
      const file = openEtl(path);
      try {
        const report = buildInfo(file, new EventDecoder(path));
        process.stdout.write(opts.format === 'json' ? infoJson(report) : infoHuman(report));
        if (file.issues.length > 0) {
          for (const line of issueLines(path, file.issues)) process.stderr.write(`tracedoctor: ${line}\n`);
          process.exitCode = ExitCode.DATA_ERR;
        }
      } finally {
        file.close();
      }
    });
}
