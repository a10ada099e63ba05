// The exit status of an analysis: the diagnosis when one was made, the damage when the data could not support
// one, and never a stray unreadable extra input (that is a warning next to the other inputs' answer).
import { ExitCode } from '../common/errors.js';
import type { AnalysisResult } from './analyze.js';

export function analysisExitCode(r: Pick<AnalysisResult, 'verdict' | 'damage'>): number {
  if (r.verdict === 'failure') return ExitCode.FAILURE_DIAGNOSED;
  if (r.damage) return r.damage.exitCode;
  return ExitCode.OK;
}
