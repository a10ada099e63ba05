// What travels through the queue: one job per case, identified by a hash of the case and its content, so the same
// upload enqueued twice is one job, and a result once computed is found again by the next run.
import { createHash } from 'node:crypto';
import type { Message } from '../../common/message.js';
import type { ArchiveLimits } from '../archive.js';
import type { CaseLimits } from '../case-limit-reasons.js';
import type { BatchCase, CaseRow, FileRow } from '../types.js';

/** The shape of jobs and their results: a job of another shape (its rows without status messages) is another job. */
const JOB_FORMAT = 2;

/** The BullMQ queue every enqueuer and worker of one Redis database share. */
export const QUEUE_NAME = 'tracedoctor-cases';
export const JOB_NAME = 'case';

export interface CaseJobData {
  case: BatchCase;
  /** The enqueuer's working directory: file names in the results are shown relative to it, as in a local run. */
  cwd: string;
  /** The enqueuer's output directory (absolute), never read as input when it sits inside an upload folder. */
  outDir: string;
  analysisVersion: string;
  archiveLimits: ArchiveLimits;
  caseLimits: CaseLimits;
  /** Set by a worker that refuses the case, before it fails the job: the status of the case's row quotes it. */
  refusal?: Message;
}

export interface CaseJobResult {
  row: CaseRow;
  files: FileRow[];
  /** The case's analyze JSON, exactly as a local run writes `cases/<case>.json`. */
  document?: string;
  /** `host:pid` of the worker that analysed the case. */
  worker: string;
  /** Analysis time in milliseconds. */
  ms: number;
}

/**
 * `case-<sha256>` over the analysis version, the case's id, path as shown, absolute path and the hash of its
 * inputs' names and contents: a changed file, another version or another case is another job.
 */
export function caseJobId(c: BatchCase, inputsSha256: string, analysisVersion: string): string {
  const hash = createHash('sha256');
  for (const part of [JOB_FORMAT, analysisVersion, c.id, c.source, c.absPath, inputsSha256]) hash.update(`${part}\0`);
  return `case-${hash.digest('hex')}`;
}
