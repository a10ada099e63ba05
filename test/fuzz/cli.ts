// `npm run fuzz -- [--inputs N] [--seconds S] [--seed N] [--out DIR] [--timeout MS] [--no-shared]`
// Seeds: the project's samples and text fixtures, plus ../shared/samples (traces, .etl.zip members, text exports)
// when present. Exits 1 when an input crashed or hung; each such input is saved in --out with its command line.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { fuzz, loadSeeds, progressLine } from './harness.js';
import { projectRoot, samplesDir, sharedEtlDir, sharedExportsDir } from '../helpers/paths.js';
import { realSamples } from '../etl/samples.js';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    out: { type: 'string', default: join(projectRoot, 'fuzz-findings') },
    timeout: { type: 'string', default: '20000' },
    'no-shared': { type: 'boolean', default: false },
  },
});

const seedPaths = [samplesDir, join(projectRoot, 'test/fixtures/text'), join(projectRoot, 'test/fixtures/analyze')];
if (!values['no-shared']) {
  seedPaths.push(sharedEtlDir, sharedExportsDir, ...(await realSamples()).map((s) => s.path).filter((p) => !p.startsWith(sharedEtlDir)));
}
const seeds = loadSeeds(seedPaths);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 0x7fffffff;
const log = (line: string) => process.stderr.write(`fuzz: ${line}\n`);
const withAny = (pick: (s: (typeof seeds)[number]) => unknown[]) => seeds.filter((s) => pick(s).length > 0).length;
log(`${seeds.length} seeds, fast-check seed ${seed}, findings to ${values.out}`);
log(
  `seeds with: buffers ${withAny((s) => s.map.buffers)}, records ${withAny((s) => s.map.records)}, ext items ${withAny((s) => s.map.extItems)}, ` +
    `XPRESS ${withAny((s) => s.map.xpress)}, TraceLogging ${withAny((s) => s.map.traceLogging)}, IP frames ${withAny((s) => s.map.ipFrames)}, ` +
    `TLS records ${withAny((s) => s.map.tlsRecords)}, text lines ${withAny((s) => s.map.lines)}`,
);
const summary = await fuzz({
  seeds,
  seed,
  inputs: values.inputs !== undefined ? Number(values.inputs) : Infinity,
  seconds: Number(values.seconds),
  timeoutMs: Number(values.timeout),
  outDir: values.out!,
  reportEveryMs: 30_000,
  log,
});
log(progressLine(summary, summary.seconds));
process.stdout.write(JSON.stringify({ seed, ...summary, findings: summary.findings.map((f) => f.file) }) + '\n');
process.exit(summary.crashes + summary.hangs > 0 ? 1 : 0);
