// `tracedoctor events FILE [--format jsonl|csv] [--provider NAME|GUID]... [--id N]...`
import { InvalidArgumentError, Option, type Command } from 'commander';
import { openEtl } from '../etl/index.js';
import { EventDecoder, bundledProviders } from '../decode/index.js';
import { KNOWN_PROVIDER_NAMES } from '../decode/providers.js';
import { UsageError } from './program.js';
import { selectedEvents, writeEventsCsv, writeEventsJsonl, type EventSelection } from '../report/events.js';
import { issueLines } from '../report/info.js';
import { ExitCode } from '../common/errors.js';
import { normalizeGuid } from '../common/format.js';
import { openInput, sniffPath } from '../ingest/index.js';
import { collect, examplesHelp } from './options.js';
import type { Writable } from 'node:stream';
import { endRedacting, redactingStream } from '../report/redact-stream.js';
import { redactorFor } from './redaction.js';


function collectId(value: string, previous: number[]): number[] {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 0xffff) throw new InvalidArgumentError('an event id is a number from 0 to 65535');
  return [...previous, n];
}

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('list the decoded events of an .etl trace (time order) or of a text export (file order)')
    .argument('<file>', '.etl file, or a netsh/tracerpt/pktmon/WinHTTP/Event Viewer export or pasted error text')
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--provider <name|guid>', 'only this provider (repeatable)', collect, [])
    .option('--id <n>', 'only this event id (repeatable)', collectId, [])
    .option('--redact', 'replace user, computer, IP address, customer domain and certificate names and paths with pseudonyms')
    .addHelpText('after', examplesHelp(['tracedoctor events NetTrace.etl --provider Microsoft-Windows-WebIO', 'tracedoctor events NetTrace.etl --id 1001 --format csv > packets.csv', 'tracedoctor events error.txt'], '0 read, 2 usage error (an unknown provider name), 65 damaged data (events before it are written), 66 missing.'))
    .action(async (path: string, opts: EventsOpts) => {
      const out = opts.redact ? redactingStream(process.stdout, redactorFor(path)) : process.stdout;
      try {
        await writeEvents(path, opts, out);
      } finally {
        if (out !== process.stdout) await endRedacting(out as ReturnType<typeof redactingStream>);
      }
      // A provider name that matched nothing and that no table knows is most likely a typo: say which names exist.
      const unknown = opts.provider.filter((p) => !/^\{?[0-9a-f-]{36}\}?$/i.test(p) && !knownProviderNames().has(p.toLowerCase()));
      if (written.count === 0 && unknown.length > 0) {
        throw new UsageError(`unknown provider ${unknown.map((u) => `"${u}"`).join(', ')}: known names are ${[...knownProviderNames().values()].join(', ')} (or give the provider's GUID)`);
      }
    });
}

/** Events written by the command (the writers return their count: no generator layer per event to count them). */
const written = { count: 0 };

/** Provider names the bundled schemas and the GUID table know (lower case → as spelled). */
function knownProviderNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of bundledProviders()) names.set(p.name.toLowerCase(), p.name);
  for (const n of Object.values(KNOWN_PROVIDER_NAMES)) if (!n.includes('/')) names.set(n.toLowerCase(), n);
  return names;
}

type EventsOpts = { format: 'jsonl' | 'csv'; provider: string[]; id: number[]; redact?: boolean };

async function writeEvents(path: string, opts: EventsOpts, out: Writable): Promise<void> {
  {
    {
      // Text exports (and anything unrecognised, which openInput rejects with a description) go through openInput;
      // ETL keeps the reader's filtering before decoding.
      if (sniffPath(path) !== 'etl') return writeTextInputEvents(path, opts, out);
      const file = openEtl(path);
      try {
        const decoder = new EventDecoder(path);
        const sel: EventSelection = { providers: opts.provider, ids: opts.id };
        const events = selectedEvents(file, decoder, sel);
        written.count = opts.format === 'csv' ? await writeEventsCsv(events, out) : await writeEventsJsonl(events, out);
        if (file.issues.length > 0) {
          for (const line of issueLines(path, file.issues)) process.stderr.write(`tracedoctor: ${line}\n`);
          process.exitCode = ExitCode.DATA_ERR;
        }
      } finally {
        file.close();
      }
    }
  }
}

/** `events` for a text export: the same output, provider/id filters applied to the parsed events. */
async function writeTextInputEvents(path: string, opts: EventsOpts, out: Writable): Promise<void> {
  const input = openInput(path);
  try {
    const providers = opts.provider.map((p) => p.toLowerCase());
    const ids = new Set(opts.id);
    const events = (function* () {
      for (const ev of input.events()) {
        if (ids.size > 0 && !ids.has(ev.id)) continue;
        if (providers.length > 0 && !providers.some((p) => p === ev.provider.toLowerCase() || normalizeGuid(p) === ev.providerGuid)) continue;
        yield ev;
      }
    })();
    written.count = opts.format === 'csv' ? await writeEventsCsv(events, out) : await writeEventsJsonl(events, out);
    for (const line of issueLines(path, input.issues)) process.stderr.write(`tracedoctor: ${line}\n`);
    // Lines that are not events (console output before a dump) are reported, not damage.
    if (input.issues.some((i) => i.kind !== 'bad_record')) process.exitCode = ExitCode.DATA_ERR;
  } finally {
    input.close();
  }
}
