// `state.json` in the output directory: what each case's inputs hashed to and what the case produced, so a second
// run over the same uploads re-analyses only the cases whose files changed. Keys are hashes of the case's
// absolute path, so the state file names no customer path by itself.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { CaseRow, FileRow } from './types.js';
import { writeFileAtomic } from './write.js';

export const STATE_FILE = 'state.json';
// 2: rows carry their status messages; a state without them is not reused.
const STATE_VERSION = 2;

export interface CaseState {
  /** Hash over every input file's relative path and content hash. */
  inputsSha256: string;
  row: CaseRow;
  files: FileRow[];
  /** Whether `cases/<id>.json` was written for this case. */
  hasDocument: boolean;
}

export interface BatchState {
  version: number;
  /** The tracedoctor version that produced the results: another version re-analyses everything. */
  analysisVersion: string;
  /** Results written with --redact are never reused: pseudonyms are only consistent within one run. */
  redacted: boolean;
  cases: Record<string, CaseState>;
}

export function emptyState(analysisVersion: string, redacted: boolean): BatchState {
  return { version: STATE_VERSION, analysisVersion, redacted, cases: {} };
}

/** The previous run's state, or undefined when there is none or it is unreadable (then everything re-runs). */
export async function loadState(path: string): Promise<BatchState | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as BatchState;
    if (parsed?.version !== STATE_VERSION || typeof parsed.cases !== 'object' || parsed.cases === null) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

export async function saveState(path: string, state: BatchState): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(state, null, 1) + '\n');
}

export function stateKey(absPath: string): string {
  return createHash('sha256').update(absPath).digest('hex');
}

/** SHA-256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { sha256: hash.digest('hex'), size };
}

/** One hash for a case's inputs: their names relative to the case and their contents. */
export function inputsHash(files: ReadonlyArray<{ relative: string; sha256: string }>): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.relative < b.relative ? -1 : 1))) hash.update(`${f.relative}\0${f.sha256}\n`);
  return hash.digest('hex');
}
