// Exit codes (sysexits-style, see README) and the error type that carries one.
import { messages, type Messages } from './i18n/catalog.js';
import { englishText, message, messageText, type Message } from './message.js';

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

const ENGLISH = messages('en');

/**
 * An error the user should see as one clear line: what, which file, which byte offset. Said as a catalog message
 * (`detail`), its `message` is that message's English text, and reports in another language render `detail`;
 * said as a string, it is English only.
 */
export class TraceError extends Error {
  readonly detail?: Message;

  constructor(
    what: string | Message,
    readonly exitCode: ExitCodeValue,
    readonly file?: string,
    readonly offset?: number,
  ) {
    super(typeof what === 'string' ? what : englishText(what));
    this.name = 'TraceError';
    if (typeof what !== 'string') this.detail = what;
  }

  /** `file: at byte 0x1234 (4660): message`, in the language of `m` where the error was said as a catalog message. */
  describe(m: Messages = ENGLISH): string {
    return messageText(m, this.describedMessage());
  }

  /** What `describe` says, as a catalog message (what was said as a string stays that string). */
  describedMessage(): Message {
    const at = this.offset !== undefined ? message('error.at_byte', { hex: `0x${this.offset.toString(16)}`, offset: this.offset }) : '';
    const what = this.detail ?? this.message;
    return this.file ? message('error.described_in_file', { file: this.file, at, what }) : message('error.described', { at, what });
  }
}
