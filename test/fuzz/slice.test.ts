// A few seconds of the fuzzer with a fixed seed over the project's own samples: an input that used to crash or
// hang the reader, the decoders or the analysis fails this test again if the fix regresses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

test('the watchdog: a hanging input is cut off and saved, a crash is saved with its command line, the loop goes on', async () => {
  const out = mkdtempSync(join(tmpdir(), 'tracedoctor-fuzz-planted-'));
  try {
    const seeds = loadSeeds([join(samplesDir, 'healthy-tls12.etl')]);
    const workerUrl = new URL('./planted-worker.js', import.meta.url);
    const s = await fuzz({ seeds, seed: 7, inputs: 80, seconds: 60, timeoutMs: 1000, outDir: out, workerUrl });
    assert.is(s.inputs, 80, 'the loop went on after each hang');
    assert.ok(s.hangs > 0 && s.crashes > 0, `${s.hangs} hangs, ${s.crashes} crashes`);
    assert.is(s.crashes, s.byTarget.info);
    assert.is(s.byOutcome.read + s.crashes + s.hangs, 80);
    const saved = readdirSync(out);
    assert.is(saved.filter((f) => f.startsWith('hang-scan-') && f.endsWith('.bin')).length, new Set(s.findings.filter((f) => f.kind === 'hang').map((f) => f.file)).size);
    assert.is(saved.filter((f) => f.startsWith('crash-info-') && f.endsWith('.bin')).length, 1, 'one crash saved per error location');
    const crash = s.findings.find((f) => f.kind === 'crash')!;
    const txt = readFileSync(crash.file.replace(/\.bin$/, '.txt'), 'utf8');
    assert.ok(txt.startsWith(`node bin/tracedoctor.js info --format json ${crash.file}\n`), txt);
    assert.match(txt, /seed healthy-tls12\.etl \(\d+ bytes\), target info, mutations /);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
