// Child-process probe for the streaming test: reads an input through openInput and reports heap use after a
// forced GC half-way through (run with --expose-gc), so the parent can check memory stays bounded.
import { openInput } from '../../src/ingest/index.js';

const [path, expectedArg] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!path || !gc) {
  process.stderr.write('usage: node --expose-gc stream-probe.js FILE EXPECTED_EVENTS\n');
  process.exit(2);
}
const expected = Number(expectedArg);
gc();
const baseline = process.memoryUsage().heapUsed;
const input = openInput(path);
let n = 0;
let mid = 0;
for (const _ of input.events()) {
  n++;
  if (n === Math.floor(expected / 2)) {
    gc();
    mid = process.memoryUsage().heapUsed;
  }
}
input.close();
process.stdout.write(JSON.stringify({ format: input.format, events: n, baseline, mid, issues: input.issues.length }) + '\n');
