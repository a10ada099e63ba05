// Where a command writes its report: stdout (no `-o`, or `-o -`) or a file that is never silently replaced
// (an existing file needs --force: exit 74, like `pcapng`).
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';

export interface Output {
  write(text: string | Uint8Array): void;
  close(): void;
  /** True for stdout. */
  readonly stdout: boolean;
}

export function openOutput(path: string | undefined, force: boolean): Output {
  if (path === undefined || path === '-') {
    return { stdout: true, write: (t) => void process.stdout.write(t), close: () => undefined };
  }
  if (!force && existsSync(path)) throw new TraceError(message('output.exists'), ExitCode.IO_ERR, path);
  const failed = (err: unknown) => new TraceError(message('output.cannot_write', { reason: (err as Error).message }), ExitCode.IO_ERR, path);
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (err) {
    throw failed(err);
  }
  return {
    stdout: false,
    write(t) {
      try {
        const bytes = typeof t === 'string' ? Buffer.from(t, 'utf8') : t;
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
      } catch (err) {
        throw failed(err);
      }
    },
    close: () => closeSync(fd),
  };
}

/** Writes a whole file with the same no-overwrite rule. */
export function writeOutputFile(path: string, content: string | Uint8Array, force: boolean): void {
  const out = openOutput(path, force);
  try {
    out.write(content);
  } finally {
    out.close();
  }
}

/** Columns of human output: `--width`, else $COLUMNS, else the terminal's width, else 100 (piped). */
export function outputWidth(option: number | undefined, stream: NodeJS.WriteStream = process.stdout): number {
  if (option !== undefined) return option;
  const env = Number(process.env.COLUMNS);
  if (Number.isInteger(env) && env >= 40) return env;
  if (stream.isTTY && stream.columns && stream.columns >= 40) return stream.columns;
  return 100;
}
