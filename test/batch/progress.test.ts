import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PassThrough } from 'node:stream';
import { createByteProgress, createCaseProgress } from '../../src/batch/progress.js';
import { worstExitCode } from '../../src/batch/exit.js';

function fakeStream(isTTY: boolean): PassThrough & { isTTY: boolean; columns: number; text(): string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text(): string };
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  s.isTTY = isTTY;
  s.columns = 120;
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

test('the byte bar draws MiB done and total on a terminal', () => {
  const s = fakeStream(true);
  const bar = createByteProgress(8 * 1024 * 1024, { stream: s, label: 'analyze' });
  bar.update(4 * 1024 * 1024);
  bar.increment(1024 * 1024);
  bar.stop();
  assert.match(s.text(), /analyze \[/);
  assert.match(s.text(), /\/8\.0 MiB/);
});

test('nothing is drawn when the stream is not a terminal', () => {
  const s = fakeStream(false);
  const bytes = createByteProgress(1000, { stream: s });
  bytes.update(500);
  bytes.stop();
  const cases = createCaseProgress(3, s);
  cases.caseDone('a');
  cases.stop();
  assert.is(s.text(), '');
});

test('the case bar counts cases', () => {
  const s = fakeStream(true);
  const bar = createCaseProgress(2, s);
  bar.caseDone('case-1');
  bar.caseDone('case-2');
  bar.stop();
  assert.match(s.text(), /cases/);
});

test('the batch exit code is the worst class', () => {
  assert.is(worstExitCode([]), 0);
  assert.is(worstExitCode([0, 1, 0]), 1);
  assert.is(worstExitCode([1, 65, 0]), 65);
  assert.is(worstExitCode([65, 66, 1]), 66);
  assert.is(worstExitCode([74, 66]), 74);
  assert.is(worstExitCode([74, 70, 65]), 70);
});

test.run();
