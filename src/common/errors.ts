// Exit codes (sysexits-style, see README) and the error type that carries one.
import type { Message } from './message.js';

export const ExitCode = {
  /** Analysed; nothing failing. */
  OK: 0,
  /** Analysed; a failure was diagnosed. */
  FAILURE_DIAGNOSED: 1,
  /** Bad command line. */
  USAGE: 2,
  /** Input data corrupt or unsupported. */
  DATA_ERR: 65,
  /** Input missing or unreadable. */
  NO_INPUT: 66,
  /** Output could not be written. */
  IO_ERR: 74,
  /** Temporarily impossible: another batch is writing to the same output directory. */
  TEMP_FAIL: 75,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user should see as one clear line: what, which file, which byte offset. `message` is the English
 * line; `detail`, when given, says the same as a catalog message, for reports in another language.
 */
export class TraceError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly file?: string,
    readonly offset?: number,
    readonly detail?: Message,
  ) {
    super(message);
    this.name = 'TraceError';
  }

  /** `file: at byte 0x1234 (4660): message` */
  describe(): string {
    const where = this.file ? `${this.file}: ` : '';
    const at = this.offset !== undefined ? `at byte 0x${this.offset.toString(16)} (${this.offset}): ` : '';
    return `${where}${at}${this.message}`;
  }
}
