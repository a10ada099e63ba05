import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './helpers/cli.js';

test('--help lists the program and exits 0', () => {
  const r = runCli(['--help']);
  assert.is(r.status, 0);
  assert.match(r.stdout, /tracedoctor/);
});

test('an unknown command is a usage error (exit 2)', () => {
  const r = runCli(['no-such-command']);
  assert.is(r.status, 2);
});

test.run();
