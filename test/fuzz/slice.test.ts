// A few seconds of the fuzzer with a fixed seed over the project's own samples: an input that used to crash or
// hang the reader, the decoders or the analysis fails this test again if the fix regresses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzz, loadSeeds } from './harness.js';
import { projectRoot, samplesDir } from '../helpers/paths.js';

test('fixed-seed fuzz slice over the project samples and text fixtures: no crash, no hang', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tracedoctor-fuzz-slice-'));
  try {
    const seeds = loadSeeds([samplesDir, join(projectRoot, 'test/fixtures/text')]);
    assert.ok(seeds.length >= 20, `${seeds.length} seeds`);
    const s = await fuzz({ seeds, seed: 20261203, inputs: 1500, seconds: 8, timeoutMs: 20_000, outDir: out });
    assert.ok(s.inputs >= 300, `only ${s.inputs} inputs ran`);
    assert.equal(s.findings.map((f) => `${f.kind} ${f.target}: ${f.error.split('\n')[0]}`), []);
    assert.is(s.crashes + s.hangs, 0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
