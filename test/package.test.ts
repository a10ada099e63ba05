// What `npm pack` / `npm i -g` ships: the CLI, its compiled sources, the generated format parsers and the
// schema — no tests, no generator, no benchmark, no sample traces.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './helpers/paths.js';

test('the package ships no tests, generated samples or benchmarks, and does ship the CLI', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: projectRoot, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  assert.ok(files.includes('bin/tracedoctor.js'));
  assert.ok(files.includes('dist/src/cli/main.js'));
  assert.ok(files.some((f) => f.startsWith('build/formats/')));
  assert.ok(files.includes('schemas/analyze.schema.json'));
  for (const f of files) assert.not.match(f, /^(dist\/)?(test|samples|bench)\/|\.etl$/, `shipped: ${f}`);
});

test.run();
