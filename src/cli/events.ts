// `tracedoctor events FILE [--format jsonl|csv] [--provider NAME|GUID]... [--id N]...`
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openEtl } from '../etl/index.js';
import { EventDecoder } from '../decode/index.js';
import { selectedEvents, writeEventsCsv, writeEventsJsonl, type EventSelection } from '../report/events.js';
import { issueLines } from '../report/info.js';
import { ExitCode } from '../common/errors.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function collectId(value: string, previous: number[]): number[] {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 0xffff) throw new InvalidArgumentError('an event id is a number from 0 to 65535');
  return [...previous, n];
}

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('list the decoded events of an .etl trace in time order')
    .argument('<file>', '.etl file')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--provider <name|guid>', 'only this provider (repeatable)', collect, [])
    .option('--id <n>', 'only this event id (repeatable)', collectId, [])
    .action(async (path: string, opts: { format: 'jsonl' | 'csv'; provider: string[]; id: number[] }) => {
      const file = openEtl(path);
      try {
        const decoder = new EventDecoder(path);
        const sel: EventSelection = { providers: opts.provider, ids: opts.id };
        const events = selectedEvents(file, decoder, sel);
        if (opts.format === 'csv') await writeEventsCsv(events, process.stdout);
        else await writeEventsJsonl(events, process.stdout);
        if (file.issues.length > 0) {
          for (const line of issueLines(path, file.issues)) process.stderr.write(`tracedoctor: ${line}\n`);
          process.exitCode = ExitCode.DATA_ERR;
        }
      } finally {
        file.close();
      }
    });
}
