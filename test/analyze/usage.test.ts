// Command-line consistency: usage errors, no command, help with examples and exit codes, flows without packets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { samplesDir } from '../helpers/paths.js';

test('no command: the help and exit 2', () => {
  const r = runCli([]);
  assert.is(r.status, 2);
  assert.match(r.stdout + r.stderr, /Commands:/);
});

test('a usage error prints the error, the usage line and a hint — not the whole help', () => {
  const r = runCli(['analyze', '--format', 'xml', 'x.etl']);
  assert.is(r.status, 2);
  assert.match(r.stderr, /error: option '--format <format>' argument 'xml' is invalid/);
  assert.match(r.stderr, /usage: tracedoctor analyze \[options\] <files\.\.\.>/);
  assert.match(r.stderr, /run `tracedoctor analyze --help`/);
  assert.not.match(r.stderr, /Options:/);
});

test('help carries examples and exit codes', () => {
  for (const args of [['--help'], ['analyze', '--help']]) {
    const r = runCli(args);
    assert.is(r.status, 0);
    assert.match(r.stdout, /Examples:/);
    assert.match(r.stdout, /Exit status: 0 .*1 a failure was diagnosed/);
  }
});

test('flows on a trace without packets exits 65 like pcapng', () => {
  const trace = join(samplesDir, 'hcw-2012-no-capture.etl');
  const flows = runCli(['flows', trace]);
  const pcapng = runCli(['pcapng', trace, '-o', '/nonexistent-dir/x.pcapng']);
  assert.is(flows.status, 65);
  assert.is(pcapng.status, 65);
  assert.match(flows.stderr, /no packet capture in this trace/);
});



test('text inputs: info says to use analyze/events; events without a time give null, not 1601', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const p = join(mkdtempSync(join(tmpdir(), 'td-usage-')), 'error.txt');
  writeFileSync(p, 'New-PSSession : Connecting to remote server x failed with the following error message : Access is denied.\n');
  const info = runCli(['info', p]);
  assert.is(info.status, 65);
  assert.match(info.stderr, /this is a text export \(error_text\), not an \.etl: use `tracedoctor analyze` or `tracedoctor events`/);
  const ev = JSON.parse(runCli(['events', p]).stdout.split('\n')[0]!) as { time: unknown };
  assert.is(ev.time, null);
  assert.not.match(runCli(['events', p, '--format', 'csv']).stdout, /1601-/);
});

test('events: a provider name that matches nothing and no table knows is a usage error listing the known names', () => {
  const trace = join(samplesDir, 'hcw-2012-tls10.etl');
  const bad = runCli(['events', trace, '--provider', 'Microsoft-Windows-WebIOx']);
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /unknown provider "Microsoft-Windows-WebIOx": known names are .*Microsoft-Windows-WebIO, /);
  assert.match(bad.stderr, /usage: tracedoctor events/);
  const good = runCli(['events', trace, '--provider', 'microsoft-windows-webio']);
  assert.is(good.status, 0);
  assert.ok(good.stdout.split('\n').length > 5);
});

test.run();
