import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { projectRoot, samplesDir } from './helpers/paths.js';

test('--version and the HTML footer give the version of package.json, however the tool was started', () => {
  const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  // npm sets npm_package_version only inside `npm run`: an installed tool must not depend on it.
  const env = { npm_package_version: '9.9.9-not-this' };
  const v = runCli(['--version'], { env });
  assert.is(v.status, 0);
  assert.is(v.stdout.trim(), version);
  const html = runCli(['analyze', '--format', 'html', join(samplesDir, 'healthy-tls12.etl')], { env });
  assert.match(html.stdout, new RegExp(`tracedoctor ${version.replace(/\./g, '\\.')}</footer>`));
});

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
