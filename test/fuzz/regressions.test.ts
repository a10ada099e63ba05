// Inputs the fuzzer once found breaking a promise of the CLI, kept as byte vectors: each must now read cleanly or
// end in a typed refusal. File names start with the target that failed (scan, info, events, analyze).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { TARGETS, runTarget, type Target } from './targets.js';

const dir = join(projectRoot, 'test/fixtures/fuzz');
const vectors = readdirSync(dir).filter((f) => f.endsWith('.bin')).sort();

test('there are regression vectors, each named after a target', () => {
  assert.ok(vectors.length > 0);
  for (const v of vectors) assert.ok((TARGETS as readonly string[]).includes(v.split('-')[0]!), v);
});

for (const v of vectors) {
  const target = v.split('-')[0] as Target;
  test(`${v}: ${target} reads it or refuses it with a typed error`, () => {
    runTarget(target, join(dir, v));
  });
}

test('events JSON Lines stay valid JSON when a text export carries a provider GUID with a control character or a quote', () => {
  for (const v of vectors.filter((f) => f.startsWith('events-') && f.includes('guid'))) {
    const r = runCli(['events', join(dir, v)]);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.ok(lines.length > 0, `${v}: no events`);
    for (const l of lines) JSON.parse(l);
    assert.ok(lines.some((l) => /[\u0000-\u001f"]/.test(JSON.parse(l).provider_guid)), `${v}: the odd GUID is not in the output`);
  }
});

test.run();
