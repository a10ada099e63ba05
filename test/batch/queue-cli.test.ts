// The command lines of distributed batch: usage errors (exit 2) and an unreachable queue (exit 74), with any Redis
// password masked.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';

test('usage errors: --status without --queue, no paths, no --out-dir, --redact or --concurrency with --queue, no --root', () => {
  const cases: Array<[string[], RegExp]> = [
    [['batch', '--status'], /--status needs --queue/],
    [['batch', '--out-dir', 'o'], /missing required argument 'paths'/],
    [['batch', 'uploads'], /required option '--out-dir <dir>' not specified/],
    [['batch', 'uploads', '--out-dir', 'o', '--queue', 'redis://127.0.0.1:1', '--redact'], /--redact cannot be used with --queue/],
    [['batch', 'uploads', '--out-dir', 'o', '--queue', 'redis://127.0.0.1:1', '--concurrency', '2'], /--concurrency is set on each worker/],
    [['batch', 'uploads', '--out-dir', 'o', '--queue', 'memcache://u:topsecret@h:1'], /not a Redis URL: memcache:\/\/u:\*\*\*@h:1/],
    [['worker', '--queue', 'redis://127.0.0.1:1'], /required option '--root <dir>' not specified/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.is(r.status, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.not.match(r.stderr, /topsecret/);
  }
});

test('an unreachable queue: exit 74 with one masked line, for batch, --status and worker', () => {
  for (const args of [
    ['batch', '--queue', 'redis://user:topsecret@127.0.0.1:1/0', '--status'],
    ['worker', '--queue', 'redis://user:topsecret@127.0.0.1:1/0', '--root', '.'],
  ]) {
    const r = runCli(args, { timeoutMs: 30_000 });
    assert.is(r.status, 74, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^tracedoctor: queue redis:\/\/user:\*\*\*@127\.0\.0\.1:1\/0: connect ECONNREFUSED/m);
    assert.not.match(r.stderr, /topsecret/);
  }
});

test.run();
