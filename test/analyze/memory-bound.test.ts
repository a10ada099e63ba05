// What an analysis keeps per connection does not hold the evidence texts nor a copy of each handshake's lists:
// measured on connection-dense traces of two sizes (bench/dense-trace.ts) through the library, not by RSS.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDenseTrace } from '../../bench/dense-trace.js';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { renderAnalyzeJson } from '../../src/report/analyze-json.js';
import { cipherSuiteName } from '../../src/net/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-memory-'));
const small = join(dir, 'dense-small.etl');
const large = join(dir, 'dense-large.etl');
/** Characters of evidence text an analysis below may keep in memory. */
const MEMORY_CHARS = 1 << 16;

test.before(async () => {
  await writeDenseTrace(small, 1.5e6);
  await writeDenseTrace(large, 6e6);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('evidence texts in memory stay within the bound while the connections grow', () => {
  const spoolDir = mkdtempSync(join(dir, 'spool-'));
  const a = analyzeFiles([small], { evidenceLog: { memoryChars: MEMORY_CHARS, directory: spoolDir } });
  const b = analyzeFiles([large], { evidenceLog: { memoryChars: MEMORY_CHARS, directory: spoolDir } });
  assert.ok(b.connections.length >= 3 * a.connections.length, `${a.connections.length} → ${b.connections.length} connections`);
  assert.ok(b.evidence.references >= 3 * a.evidence.references);
  // Every reference is at least a source and a few words: a bound of characters bounds the entries.
  for (const r of [a, b]) assert.ok(r.evidence.inMemory <= MEMORY_CHARS / 16, `${r.evidence.inMemory} of ${r.evidence.references} in memory`);
  assert.ok(b.evidence.inMemory < b.evidence.references / 10);
  // The file has no name while it is open: nothing is left in the directory.
  assert.equal(readdirSync(spoolDir), []);
});

test('the report is the same whether the evidence stays in memory or goes to the file', () => {
  const inMemory = analyzeFiles([small], { evidenceLog: { memoryChars: Number.POSITIVE_INFINITY } });
  const spooled = analyzeFiles([small], { evidenceLog: { memoryChars: 256 } });
  assert.is(inMemory.evidence.inMemory, inMemory.evidence.references);
  assert.ok(spooled.evidence.inMemory < 16);
  assert.ok(inMemory.connections.length > 100);
  assert.fixture(renderAnalyzeJson(spooled, cipherSuiteName), renderAnalyzeJson(inMemory, cipherSuiteName));
});

test('connections of one client stack share its handshake lists', () => {
  const a = analyzeFiles([small]);
  const b = analyzeFiles([large]);
  const lists = (r: typeof a) => {
    const hello = r.connections.filter((c) => c.clientCipherSuites.length > 0);
    return { hello: hello.length, suites: new Set(hello.map((c) => c.clientCipherSuites)).size, versions: new Set(hello.map((c) => c.clientOfferedVersions)).size };
  };
  const [x, y] = [lists(a), lists(b)];
  assert.ok(y.hello >= 3 * x.hello && x.hello > 50, `${x.hello} → ${y.hello} ClientHellos`);
  // The dense trace has two client stacks (TLS 1.0 only and TLS 1.2): a couple of lists, whatever the count.
  assert.ok(y.suites <= 4 && y.suites === x.suites, `${x.suites} / ${y.suites} cipher-suite lists`);
  assert.ok(y.versions <= 4 && y.versions === x.versions, `${x.versions} / ${y.versions} offered-version lists`);
});

test.run();
