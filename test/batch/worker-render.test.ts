// A case's outputs are made in its analysis thread (document JSON, cases-row summary, connections and findings
// rows), so the main thread only writes them. They must be byte for byte what the main thread makes from the
// document — display paths of extracted files included — and the run leaves no table fragments behind.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkerAnalyzer } from '../../src/batch/analysis.js';
import { runBatch } from '../../src/batch/run.js';
import type { AnalyzeCase } from '../../src/batch/types.js';
import { sniffFormat } from '../../src/ingest/index.js';
import { createScratch } from './fixtures.js';
import { buildZip } from './zip-writer.js';

const scratch = createScratch();
const samples = fileURLToPath(new URL('../../../samples/', import.meta.url));

function outputsOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (name !== 'state.json' && name !== 'cases' && !name.startsWith('.')) files[name] = readFileSync(join(dir, name), 'utf8');
  for (const name of readdirSync(join(dir, 'cases'))) files[`cases/${name}`] = readFileSync(join(dir, 'cases', name), 'utf8');
  return files;
}

for (const format of ['csv', 'jsonl'] as const) {
  test(`outputs made in the analysis thread equal those made from the document (${format})`, async () => {
    const root = scratch.dir('tracedoctor-render-');
    const uploads = join(root, 'uploads');
    mkdirSync(join(uploads, 'case-zip'), { recursive: true });
    mkdirSync(join(uploads, 'case-etl'), { recursive: true });
    writeFileSync(join(uploads, 'case-zip', 'upload.zip'), buildZip([{ name: 'logs/NetTrace.etl', data: readFileSync(join(samples, 'hcw-2012-tls10.etl')) }]));
    writeFileSync(join(uploads, 'case-etl', 'NetTrace.etl'), readFileSync(join(samples, 'dns-failure.etl')));
    const worker = createWorkerAnalyzer({ maxHeapMb: 256 });
    // The same analysis, but without the render request: the main thread makes the outputs from the document.
    const documentOnly: AnalyzeCase = (files, opts) => worker(files, opts?.signal ? { signal: opts.signal } : {});
    const run = (outDir: string, analyze: AnalyzeCase) =>
      runBatch({ paths: [uploads], outDir, cwd: root, format, concurrency: 2 }, { analyze, sniff: sniffFormat });

    const inWorker = await run(join(root, 'out-worker'), worker);
    const inMain = await run(join(root, 'out-main'), documentOnly);
    assert.is(inWorker.exitCode, inMain.exitCode);
    const a = outputsOf(join(root, 'out-worker'));
    const b = outputsOf(join(root, 'out-main'));
    assert.equal(Object.keys(a).sort(), Object.keys(b).sort());
    for (const name of Object.keys(a)) assert.is(a[name], b[name], name);

    const zipDoc = a['cases/case-zip.json']!;
    assert.match(zipDoc, /upload\.zip!\/logs\/NetTrace\.etl/, 'extracted files are named by their archive path');
    assert.not.match(zipDoc, /tracedoctor-case-|\/tmp\//, 'no temporary path');
    assert.match(a[`connections.${format}`]!, /WINHTTP_TLS12_NOT_OFFERED/);
    assert.ok(!existsSync(join(root, 'out-worker', '.parts')), 'table fragments removed');
  });
}

test.after(() => scratch.removeAll());
test.run();
