// `tracedoctor batch --queue URL --status`: the queue's job counts and the workers connected to it.
import { openQueue } from './connection.js';
import { QUEUE_NAME } from './jobs.js';
import type { QueueLocation } from './redis-url.js';

export interface QueueStatus {
  waiting: number;
  running: number;
  done: number;
  failed: number;
  delayed: number;
  workers: string[];
}

export async function readQueueStatus(where: QueueLocation): Promise<QueueStatus> {
  const open = await openQueue(where);
  const queue = open.queue;
  try {
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'completed', 'failed', 'delayed', 'paused');
    // A named worker's connection is called `<queue client name>:w:<worker name>` (host:pid, see worker.ts).
    const workers = (await queue.getWorkers()).map((w) => {
      const raw = String(w.rawname ?? '');
      const at = raw.indexOf(':w:');
      return at >= 0 ? raw.slice(at + 3) : String(w.addr ?? '?');
    }).sort();
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
      running: counts.active ?? 0,
      done: counts.completed ?? 0,
      failed: counts.failed ?? 0,
      delayed: counts.delayed ?? 0,
      workers,
    };
  } finally {
    await open.close();
  }
}

/** `queue redis://***@host:6379 (tracedoctor-cases): 3 waiting, 2 running, 30 done, 1 failed, 0 retrying; 2 workers: a:1, b:2` */
export function formatQueueStatus(where: QueueLocation, s: QueueStatus): string {
  return (
    `queue ${where.display} (${QUEUE_NAME}): ${s.waiting} waiting, ${s.running} running, ${s.done} done, ${s.failed} failed, ` +
    `${s.delayed} waiting to retry; ${s.workers.length} worker${s.workers.length === 1 ? '' : 's'}` +
    (s.workers.length ? `: ${s.workers.join(', ')}` : '')
  );
}
