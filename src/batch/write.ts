// Output files are written next to their final name and renamed into place, so an interrupted run never leaves a
// half-written cases.csv or state.json behind. Failures become TraceError 74 naming the file.
import { createWriteStream, type WriteStream } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';

function outputError(path: string, err: unknown): TraceError {
  if (err instanceof TraceError) return err;
  const e = err as NodeJS.ErrnoException;
  return new TraceError(message('output.cannot_write', { reason: e.code ?? e.message }), ExitCode.IO_ERR, path);
}

function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Removes temporary files a killed run left in `dir` (call only while holding the directory's batch lock). */
export async function removeStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) if (/\.tmp-\d+-[a-z0-9]+$/.test(n)) await rm(join(dir, n), { force: true }).catch(() => undefined);
}

export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = tempName(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw outputError(path, err);
  }
}

/** Opens a stream to a temporary name; `commit()` renames it into place after the stream has finished. */
export function openAtomicStream(path: string): { stream: WriteStream; commit(): Promise<void>; abort(): Promise<void> } {
  const tmp = tempName(path);
  const stream = createWriteStream(tmp);
  let failure: unknown;
  stream.on('error', (err) => {
    failure = err;
  });
  return {
    stream,
    commit: async () => {
      if (failure) throw outputError(path, failure);
      try {
        await rename(tmp, path);
      } catch (err) {
        throw outputError(path, err);
      }
    },
    abort: async () => {
      stream.destroy();
      await rm(tmp, { force: true }).catch(() => undefined);
    },
  };
}
