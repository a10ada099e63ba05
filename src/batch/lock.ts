// One batch per output directory at a time: two runs writing the same state.json and tables would each overwrite
// the other's results. The lock file holds the holder's pid and host; it is created complete (written under a
// temporary name, then hard-linked into place, which fails if a lock exists), so a reader never sees half a lock;
// where hard links are unsupported it is created exclusively and written, and a young unreadable lock counts as held.
// A lock left by a process that no longer runs on this host (killed, crashed) is taken over with a warning.
import { hostname } from 'node:os';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';

export const LOCK_FILE = '.tracedoctor-batch.lock';

export interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

export interface BatchLock {
  path: string;
  /** Removes the lock (only while it is still this process's). */
  release(): Promise<void>;
  /** The same, synchronously, for signal handlers. */
  releaseSync(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    const h = JSON.parse(await readFile(path, 'utf8')) as LockHolder;
    return Number.isInteger(h?.pid) && typeof h.host === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of `outDir` (which must exist). Throws TraceError 75 when a live process holds it, or one on
 * another host (whose liveness cannot be checked here). `warn` is told when a stale lock is taken over.
 */
export async function acquireBatchLock(outDir: string, warn: (message: string) => void): Promise<BatchLock> {
  const path = join(outDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const tmp = `${path}.${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  await writeFile(tmp, JSON.stringify(me) + '\n');
  try {
    // Two runs taking over the same stale lock: one links first, the other then finds a live holder.
    for (let attempt = 0; ; attempt++) {
      try {
        await createLock(tmp, path, me);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw lockError(path, err);
      }
      const holder = await readHolder(path);
      // Without hard links the lock is created and then written: a young unreadable lock is being written.
      if (!holder && (await ageMs(path)) < FRESH_LOCK_MS) {
        throw new TraceError(message('batch.lock_being_taken', { lock: LOCK_FILE }), ExitCode.TEMP_FAIL, outDir);
      }
      if ((holder && (holder.host !== me.host || isAlive(holder.pid))) || attempt >= 2) {
        if (!holder) throw new TraceError(message('batch.lock_keeps_being_taken', { lock: LOCK_FILE }), ExitCode.TEMP_FAIL, outDir);
        const held =
          holder.host === me.host
            ? message('batch.lock_held_here', { pid: holder.pid, started: holder.started })
            : message('batch.lock_held_elsewhere', { pid: holder.pid, host: holder.host, started: holder.started, lock: LOCK_FILE });
        throw new TraceError(held, ExitCode.TEMP_FAIL, outDir);
      }
      warn(
        holder
          ? `taking over the lock of process ${holder.pid} (started ${holder.started}), which no longer runs; its finished cases are kept`
          : `taking over an unreadable lock file ${path}`,
      );
      await rm(path, { force: true });
    }
  } finally {
    await rm(tmp, { force: true });
  }
  const ours = async () => (await readHolder(path))?.pid === me.pid;
  const lock: BatchLock = {
    path,
    release: async () => {
      held.delete(lock);
      if (await ours()) await rm(path, { force: true });
    },
    releaseSync: () => {
      held.delete(lock);
      try {
        if ((JSON.parse(readFileSync(path, 'utf8')) as LockHolder).pid === me.pid) rmSync(path, { force: true });
      } catch {
        // No lock, or not ours any more.
      }
    },
  };
  held.add(lock);
  return lock;
}

/** Locks this process holds, so an interrupted run can still release them (see `releaseHeldLocks`). */
const held = new Set<BatchLock>();

/** Releases every lock still held; for signal handlers, hence synchronous. */
export function releaseHeldLocks(): void {
  for (const lock of [...held]) lock.releaseSync();
}

const FRESH_LOCK_MS = 10_000;

/** Creates the lock complete (hard link of the written temporary); where links are unsupported, exclusively. */
async function createLock(tmp: string, path: string, me: LockHolder): Promise<void> {
  try {
    await link(tmp, path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
    await writeFile(path, JSON.stringify(me) + '\n', { flag: 'wx' });
  }
}

async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return Infinity;
  }
}

function lockError(path: string, err: unknown): TraceError {
  const e = err as NodeJS.ErrnoException;
  return new TraceError(message('batch.lock_failed', { reason: e.code ?? e.message }), ExitCode.IO_ERR, path);
}
