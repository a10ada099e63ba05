// Progress of a queued batch on stderr: on a terminal a bar with done / failed / running / waiting and each
// worker's rate; otherwise nothing while it runs (the caller prints the summary line at the end).
import cliProgress from 'cli-progress';
import type { QueueProgress } from './enqueue.js';

export interface QueueProgressView {
  update(p: QueueProgress): void;
  stop(): void;
}

type TtyStream = NodeJS.WritableStream & { isTTY?: boolean };

/** `host-a:812 4.0/min, host-b:90 3.5/min` */
export function workerRates(p: QueueProgress): string {
  const minutes = Math.max(p.elapsedMs, 1000) / 60_000;
  return [...p.perWorker].sort(([a], [b]) => (a < b ? -1 : 1)).map(([w, n]) => `${w} ${(n / minutes).toFixed(1)}/min`).join(', ');
}

export function createQueueProgress(stream: TtyStream = process.stderr): QueueProgressView {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'queue [{bar}] {value}/{total} | {failed} failed, {running} running, {waiting} waiting | {rates}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      const payload = { failed: p.failed, running: p.running, waiting: p.waiting, rates: workerRates(p) || 'no worker has finished a case yet' };
      if (!started) {
        bar.start(p.total, p.done, payload);
        started = true;
      } else bar.update(p.done, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
