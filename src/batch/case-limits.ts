// Per-case limits, for local and distributed runs alike: a case that runs longer than `--case-timeout` is
// stopped (its analysis thread and any 7-Zip thread are terminated through the case's AbortSignal) and recorded as
// `failed: timeout`; one whose analysis thread needs more heap than `--case-memory` ends as `failed: memory`
// (analysis.ts). Either way the batch goes on with the next case.
import { rm } from 'node:fs/promises';
import { ExitCode } from '../common/errors.js';
import { DEFAULT_CASE_LIMITS, TIMEOUT, type CaseLimits } from './case-limit-reasons.js';
import { blankRow, processCase, redactRow, type CaseContext } from './case.js';
import { stateKey } from './state.js';
import { failedStatus } from './status.js';
import type { BatchCase, CaseOutcome } from './types.js';

export { DEFAULT_CASE_LIMITS, type CaseLimits } from './case-limit-reasons.js';

/** How long a stopped case may take to wind down (remove its files, report its rows) before it is left behind. */
const WIND_DOWN_MS = 5000;

function delay<T>(ms: number, value: T): { promise: Promise<T>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(value), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** The outcome of a case stopped at its time limit: its file rows when it wound down in time, no document. */
function timedOut(c: BatchCase, ctx: CaseContext, late: CaseOutcome | undefined): CaseOutcome {
  const timedOutStatus = failedStatus(TIMEOUT);
  const base = late ? { ...late.row } : blankRow(c, timedOutStatus);
  const row = redactRow({ ...base, ...timedOutStatus, exit_code: ExitCode.DATA_ERR, verdict: '', top_finding: '', finding_codes: '' }, late ? undefined : ctx.redactor);
  const files = late?.files ?? [];
  // An empty inputs hash: a timed-out case is analysed again by the next run (perhaps with a longer limit).
  ctx.next.cases[stateKey(c.absPath)] = { inputsSha256: '', row, files, hasDocument: false };
  return { case: c, row, files };
}

/** Runs one case under the time limit; the memory limit is the analysis thread's (see createWorkerAnalyzer). */
export async function processCaseWithLimits(c: BatchCase, ctx: CaseContext, limits: Partial<CaseLimits> = {}): Promise<CaseOutcome> {
  const timeoutMs = limits.timeoutMs ?? DEFAULT_CASE_LIMITS.timeoutMs;
  const controller = new AbortController();
  // The case records its state in a private copy first, so a case that is stopped cannot overwrite its record later.
  const scratch = { ...ctx.next, cases: {} as typeof ctx.next.cases };
  const work = processCase(c, { ...ctx, next: scratch, signal: controller.signal });
  const deadline = delay(timeoutMs, 'timeout' as const);
  const first = await Promise.race([work, deadline.promise]);
  deadline.cancel();
  if (first !== 'timeout') {
    Object.assign(ctx.next.cases, scratch.cases);
    return first;
  }
  controller.abort();
  const grace = delay(WIND_DOWN_MS, undefined);
  const late = await Promise.race([work.catch(() => undefined), grace.promise]);
  grace.cancel();
  if (late?.documentPath) await rm(late.documentPath, { force: true });
  else void work.then((o) => (o.documentPath ? rm(o.documentPath, { force: true }) : undefined)).catch(() => undefined);
  return timedOut(c, ctx, late);
}

/** `90`, `90s`, `10m`, `1h` → milliseconds (a bare number is seconds); undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : 60_000;
  const ms = Number(m[1]) * factor;
  return ms >= 1 ? Math.round(ms) : undefined;
}

/** `1024`, `512M`, `1G`, `2GiB` → MiB (a bare number is MiB); undefined when it is not a size of at least 16 MiB. */
export function parseMemoryMb(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (!m) return undefined;
  const mb = Number(m[1]) * (/^g/i.test(m[2] ?? '') ? 1024 : 1);
  return mb >= 16 ? Math.round(mb) : undefined;
}
