// The batch exit code is the worst class among its cases. Classes from least to most severe: analysed and fine,
// failure diagnosed, corrupt or unsupported input, missing input, output error, internal error.
import { ExitCode } from '../common/errors.js';

/** Exit code for an unexpected error (a defect), as the CLI reports it. */
export const INTERNAL_ERROR = 70;

const SEVERITY: readonly number[] = [
  ExitCode.OK, ExitCode.FAILURE_DIAGNOSED, ExitCode.DATA_ERR, ExitCode.NO_INPUT, ExitCode.IO_ERR, INTERNAL_ERROR,
];

function rank(code: number): number {
  const i = SEVERITY.indexOf(code);
  return i === -1 ? SEVERITY.length : i;
}

/** The most severe of `codes` (0 for none). */
export function worstExitCode(codes: Iterable<number>): number {
  let worst: number = ExitCode.OK;
  for (const c of codes) if (rank(c) > rank(worst)) worst = c;
  return worst;
}
