// Option parsers shared by the commands (commander wiring only).
import { InvalidArgumentError, Option } from 'commander';

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A repeatable non-negative integer option. */
export function collectNumber(what: string): (value: string, previous: number[]) => number[] {
  return (value, previous) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${what} is a number`);
    return [...previous, Number(value)];
  };
}

/** `--width N`: columns of human output (default: $COLUMNS, the terminal's width, else 100). */
export function widthOption(): Option {
  return new Option('--width <columns>', 'columns of human output (default: $COLUMNS or the terminal width; 100 when piped)').argParser((v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < 40 || n > 1000) throw new InvalidArgumentError('a number of columns from 40 to 1000');
    return n;
  });
}

/** The `--help` epilogue of a command: examples, then what its exit statuses mean. */
export function examplesHelp(examples: readonly string[], exitStatus: string): string {
  return `\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}\n\nExit status: ${exitStatus}\n`;
}
