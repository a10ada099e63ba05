// Times of a log without dates are said as times of day, in every report: never as a date in 1601.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { displayTime, isDateless } from '../../src/common/time.js';
import { runCli } from '../helpers/cli.js';
import { projectRoot } from '../helpers/paths.js';

test('displayTime: the day-0 times of a dateless log as time of day, other times as they are', () => {
  assert.is(displayTime('1601-01-01T09:40:12.0100000Z'), '09:40:12.0100000');
  assert.is(displayTime('1601-01-03T00:00:01.5000000Z'), '+2d 00:00:01.5000000');
  assert.is(displayTime('2024-11-05T09:14:04.9549998Z'), '2024-11-05T09:14:04.9549998Z');
  assert.ok(isDateless('1601-01-01T09:40:12.0100000Z'));
  assert.not.ok(isDateless('1601-02-01T09:40:12.0100000Z'));
});

test('a legacy WinHTTP log: the human and HTML reports say times of day and that the log has no dates', () => {
  const log = join(projectRoot, 'test', 'fixtures', 'text', 'winhttp-legacy-secure-failure.log');
  for (const format of ['human', 'html']) {
    const r = runCli(['analyze', '--format', format, log]);
    assert.is(r.status, 1, r.stderr);
    assert.not.match(r.stdout, /1601/, format);
    assert.match(r.stdout, /09:40:12\.0100000/, format);
    assert.match(r.stdout, /the log has no dates/, format);
  }
  // The JSON record keeps its ISO times (the schema's form), day 0 included.
  assert.match(runCli(['analyze', '--format', 'json', log]).stdout, /"start_time": "1601-01-01T09:40:12\.0100000Z"/);
});

test.run();
