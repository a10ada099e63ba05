#!/usr/bin/env node
// Regenerates the scenario traces in samples/ or writes a large packet-heavy trace for benchmarks.
//   node dist/samples/generator/cli.js                 → every scenario into samples/
//   node dist/samples/generator/cli.js NAME... [--out DIR]
//   node dist/samples/generator/cli.js large OUT.etl --size 1G [--seed N]
//   node dist/samples/generator/cli.js list
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeScenario } from './build-sample.js';
import { parseSize, writeLargeTrace } from './large.js';
import { SCENARIOS } from './scenarios/index.js';

const defaultOut = resolve(fileURLToPath(new URL('../../../samples/', import.meta.url)));

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: cli.js [NAME...] [--out DIR] | list | large OUT.etl --size 1G [--seed N]\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'list') {
    for (const s of SCENARIOS) process.stdout.write(`${s.name}\t${s.os.label}\t${s.title}\n`);
    return;
  }
  if (argv[0] === 'large') {
    const out = argv[1];
    if (!out) usage('large: missing output file');
    let size = 1024 ** 3;
    let seed = 1;
    for (let i = 2; i < argv.length; i++) {
      if (argv[i] === '--size') size = parseSize(argv[++i] ?? usage('--size needs a value'));
      else if (argv[i] === '--seed') seed = Number(argv[++i]);
      else usage(`unknown option ${argv[i]}`);
    }
    const started = Date.now();
    const r = await writeLargeTrace(out, size, { seed });
    const secs = (Date.now() - started) / 1000;
    process.stdout.write(
      `${out}: ${r.bytes} bytes, ${r.records} records, ${r.connections} connections, ${r.buffers} buffers in ${secs.toFixed(1)} s (${(r.bytes / 1048576 / secs).toFixed(0)} MB/s)\n`,
    );
    return;
  }
  let outDir = defaultOut;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') outDir = resolve(argv[++i] ?? usage('--out needs a directory'));
    else names.push(argv[i]!);
  }
  const chosen = names.length ? names.map((n) => SCENARIOS.find((s) => s.name === n) ?? usage(`unknown scenario ${n}`)) : SCENARIOS;
  for (const s of chosen) {
    const path = join(outDir, `${s.name}.etl`);
    const r = writeScenario(s, path);
    process.stdout.write(`${path}: ${r.bytes.length} bytes, ${r.records} records in ${r.buffers} data buffers\n`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
