// Command-line wiring only: commander setup, error → exit code mapping. No analysis logic lives here.
import { Command, CommanderError } from 'commander';
import { ExitCode, TraceError } from '../common/errors.js';
import { toolVersion } from './version.js';
import { isLang, langFromEnv, messages, type Messages } from '../common/i18n/catalog.js';

/** A bad command line found after parsing (a value commander cannot check): exit 2 with the usage line. */
export class UsageError extends Error {}

const EXIT_CODES =
  'Exit status: 0 analysed, nothing failing · 1 a failure was diagnosed · 2 usage error · 65 input data corrupt\n' +
  '  or unsupported (what was read before is reported) · 66 input missing or unreadable · 74 output not written\n' +
  '  (or it exists and --force was not given) · 70 internal error.';

export function createProgram(): Command {
  const program = new Command();
  program
    .name('tracedoctor')
    .description(
      'Read Windows ETW traces (.etl) and their text exports, reassemble TLS handshakes, and explain why ' +
        'connections to Microsoft 365 failed.',
    )
    .version(toolVersion())
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tracedoctor analyze NetTrace.etl                  why did the connections in this trace fail?\n' +
        '  tracedoctor analyze NetTrace.etl error.txt        the trace with the pasted PowerShell error\n' +
        '  tracedoctor batch uploads/ --out-dir results/     a folder of support-case uploads\n' +
        '  tracedoctor info NetTrace.etl                     what the trace holds\n' +
        '  tracedoctor pcapng NetTrace.etl -o capture.pcapng the packets, for Wireshark\n\n' +
        EXIT_CODES +
        '\n',
    )
    .exitOverride();
  return program;
}

/** The command named in `argv`, if any. */
function commandOf(program: Command, argv: string[]): Command | undefined {
  const name = argv.slice(2).find((a) => !a.startsWith('-'));
  return program.commands.find((c) => c.name() === name || c.aliases().includes(name ?? ''));
}

/** The usage line of the command named in `argv` (or of the program) and where to read more. */
function usageHint(program: Command, argv: string[]): string {
  const cmd = commandOf(program, argv);
  const usage = cmd ? `tracedoctor ${cmd.name()} ${cmd.usage()}` : `tracedoctor ${program.usage()}`;
  return `usage: ${usage}\n(run \`tracedoctor ${cmd ? `${cmd.name()} ` : ''}--help\` for the options, examples and exit codes)\n`;
}

/** Runs the program, mapping every failure to a documented exit code and one clear stderr line. */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.stderr.write(usageHint(program, argv));
      return ExitCode.USAGE;
    }
    if (err instanceof CommanderError && !HELP_CODES.has(err.code)) process.stderr.write(usageHint(program, argv));
    return reportError(err, languageOf(commandOf(program, argv)));
  }
}

/**
 * The language a command speaks: its `--lang`, by default the locale's; a command without the option (`info`,
 * `events`, …) writes English.
 */
function languageOf(cmd: Command | undefined): Messages {
  if (!cmd?.options.some((o) => o.long === '--lang')) return messages('en');
  const asked: unknown = cmd.opts().lang;
  return messages(typeof asked === 'string' && isLang(asked) ? asked : langFromEnv());
}

const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** Writes what failed to stderr (a TraceError said as a catalog message in the language of `m`); its exit code. */
export function reportError(err: unknown, m: Messages = messages('en')): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    // No command at all: the help was shown as the error it is.
    if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : ExitCode.USAGE;
    return ExitCode.USAGE;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`tracedoctor: ${err.message}\n`);
    return ExitCode.USAGE;
  }
  if (err instanceof TraceError) {
    process.stderr.write(`tracedoctor: ${err.describe(m)}\n`);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'EPIPE') return ExitCode.OK;
  process.stderr.write(`tracedoctor: internal error: ${e?.stack ?? String(err)}\n`);
  return 70;
}
