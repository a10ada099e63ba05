// The Redis connection of an enqueuer or a status query: one ioredis client owned here, so its errors always have a
// listener (an unheard connection error would end the process and print the AUTH command with the password), it
// fails fast when Redis cannot be reached, and closing it stops every reconnection attempt.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ExitCode, TraceError } from '../../common/errors.js';
import { QUEUE_NAME, type CaseJobData, type CaseJobResult } from './jobs.js';
import { maskSecrets, type QueueLocation } from './redis-url.js';

export interface OpenQueue {
  queue: Queue<CaseJobData, CaseJobResult>;
  close(): Promise<void>;
}

/** Turns a connection failure into one masked line with exit class 74 (the queue could not be used). */
export function queueError(err: unknown, where: QueueLocation): TraceError {
  const e = err as Error;
  return new TraceError(`queue ${where.display}: ${maskSecrets(e?.message ?? String(err), where)}`, ExitCode.IO_ERR);
}

const FATAL = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|NOAUTH|WRONGPASS|ERR /;

/** Connects and checks that Redis answers; throws TraceError 74 (masked) when it does not within `timeoutMs`. */
export async function openQueue(where: QueueLocation, timeoutMs = 10_000): Promise<OpenQueue> {
  let firstError: Error | undefined;
  const client = new Redis({ ...where.connection, lazyConnect: true, retryStrategy: (n) => (n > 60 ? null : Math.min(n * 200, 2000)) });
  client.on('error', (err: Error) => {
    firstError ??= err;
  });
  const close = async () => {
    client.disconnect();
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise<never>((_r, reject) => {
        timer = setTimeout(() => reject(firstError ?? new Error(`no answer from Redis within ${timeoutMs / 1000} s`)), timeoutMs);
        client.on('error', (err: Error) => {
          if (FATAL.test(`${(err as { code?: string }).code ?? ''} ${err.message}`)) reject(err);
        });
      }),
    ]);
  } catch (err) {
    await close();
    throw queueError(err, where);
  } finally {
    clearTimeout(timer);
  }
  const queue = new Queue<CaseJobData, CaseJobResult>(QUEUE_NAME, { connection: client });
  queue.on('error', () => undefined); // Failing calls report the error themselves.
  return {
    queue,
    close: async () => {
      await queue.close().catch(() => undefined);
      await close();
    },
  };
}
