// The per-case limits' defaults and the status reasons a case ends with when it passes one; shared by the limit
// code (case-limits.ts) and the analysis worker that enforces the memory limit (analysis.ts).
import { message, type Message } from '../common/message.js';

export interface CaseLimits {
  /** Wall time of one case, extraction and analysis together (`--case-timeout`). */
  timeoutMs: number;
  /** Heap of the case's analysis thread in MiB (`--case-memory`). */
  memoryMb: number;
}

export const DEFAULT_CASE_LIMITS: Readonly<CaseLimits> = { timeoutMs: 10 * 60_000, memoryMb: 1024 };

/** The case ran longer than `--case-timeout`: its status is `failed: timeout`. */
export const TIMEOUT: Message = message('problem.timeout');
/** The case's analysis needed more than `--case-memory`: its status is `failed: memory`. */
export const MEMORY: Message = message('problem.memory');
