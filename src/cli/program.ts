// Command-line wiring only: commander setup, error → exit code mapping. No analysis logic lives here.
import { Command, CommanderError } from 'commander';
import { ExitCode, TraceError } from '../common/errors.js';

export function createProgram(): Command {
  const program = new Command();
  program
    .name('tracedoctor')
    .description(
      'Read Windows ETW traces (.etl) and their text exports, reassemble TLS handshakes,\n' +
        'and explain why connections to Microsoft 365 failed.',
    )
    .version(process.env.npm_package_version ?? '0.1.0')
    .showHelpAfterError()
    .exitOverride();
  return program;
}

/** Runs the program, mapping every failure to a documented exit code and one clear stderr line. */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    return reportError(err);
  }
}

export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    return ExitCode.USAGE;
  }
  if (err instanceof TraceError) {
    process.stderr.write(`tracedoctor: ${err.describe()}\n`);
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && e.code === 'EPIPE') return ExitCode.OK;
  process.stderr.write(`tracedoctor: internal error: ${e?.stack ?? String(err)}\n`);
  return 70;
}
