import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { samplesDir } from '../helpers/paths.js';

const sample = join(samplesDir, 'hcw-2012-tls10.etl');

test('analyze --redact hides every client and server IP address but keeps Microsoft host names', () => {
  const plain = runCli(['analyze', sample, '--format', 'json']);
  assert.is(plain.status, 1);
  const ips = new Set<string>();
  for (const c of JSON.parse(plain.stdout).connections as Array<{ remote_ip?: string }>) if (c.remote_ip) ips.add(c.remote_ip);
  for (const m of plain.stdout.matchAll(/\b(?:10|172|192)\.\d+\.\d+\.\d+\b/g)) ips.add(m[0]);
  assert.ok(ips.size > 0, 'the plain report names addresses');

  for (const format of ['json', 'csv', 'human']) {
    const red = runCli(['analyze', sample, '--format', format, '--redact']);
    assert.is(red.status, 1, `${format}: same exit code`);
    for (const ip of ips) assert.not.ok(red.stdout.includes(ip), `${format}: ${ip} must not appear`);
    assert.ok(red.stdout.includes('outlook.office365.com'), `${format}: service host stays readable`);
    assert.ok(red.stdout.includes('WINHTTP_TLS12_NOT_OFFERED'), `${format}: finding code kept`);
  }
  const json = JSON.parse(runCli(['analyze', sample, '--format', 'json', '--redact']).stdout);
  assert.is(json.verdict, 'failure');
});

test.run();
