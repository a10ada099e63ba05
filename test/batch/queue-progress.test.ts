import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PassThrough } from 'node:stream';
import { createQueueProgress, workerRates } from '../../src/batch/queue/progress.js';
import { formatQueueStatus } from '../../src/batch/queue/status.js';
import { parseQueueUrl } from '../../src/batch/queue/redis-url.js';

function fakeStream(isTTY: boolean): PassThrough & { isTTY: boolean; columns: number; text(): string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text(): string };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  s.isTTY = isTTY;
  s.columns = 160;
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

const progress = { total: 40, done: 12, failed: 2, running: 4, waiting: 24, perWorker: new Map([['host-b:7', 3], ['host-a:5', 9]]), elapsedMs: 120_000 };

test('per-worker rates are cases per minute, by worker name', () => {
  assert.is(workerRates(progress), 'host-a:5 4.5/min, host-b:7 1.5/min');
});

test('the queue bar shows done, failed, running, waiting and the rates on a terminal; nothing otherwise', () => {
  const tty = fakeStream(true);
  const bar = createQueueProgress(tty);
  bar.update(progress);
  bar.stop();
  assert.match(tty.text(), /queue \[.*\] 12\/40 \| 2 failed, 4 running, 24 waiting \| host-a:5 4\.5\/min, host-b:7 1\.5\/min/);
  const pipe = fakeStream(false);
  const silent = createQueueProgress(pipe);
  silent.update(progress);
  silent.stop();
  assert.is(pipe.text(), '');
});

test('the status line names the queue without its password', () => {
  const where = parseQueueUrl('redis://:pw@queue.example:6379/3');
  const line = formatQueueStatus(where, { waiting: 3, running: 2, done: 30, failed: 1, delayed: 0, workers: ['a:1', 'b:2'] });
  assert.is(line, 'queue redis://:***@queue.example:6379/3 (tracedoctor-cases): 3 waiting, 2 running, 30 done, 1 failed, 0 waiting to retry; 2 workers: a:1, b:2');
});

test.run();
