// The streamed benchmark writer: a small instance (a few MB) must reach its target size, be made of whole
// buffers, and read back cleanly with the project's reader.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSize, writeLargeTrace } from '../../samples/generator/large.js';
import { openEtl } from '../../src/etl/index.js';
import { capturedFrames, walkBuffers, walkEvents } from './walk.js';

test('parseSize', () => {
  assert.is(parseSize('1G'), 1024 ** 3);
  assert.is(parseSize('512M'), 512 * 1024 ** 2);
  assert.is(parseSize('300k'), 300 * 1024);
  assert.is(parseSize('4096'), 4096);
  assert.throws(() => parseSize('lots'));
});

test('writeLargeTrace: target reached, whole buffers, packets and WebIO events, reader agrees', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-large-'));
  try {
    const path = join(dir, 'big.etl');
    const target = 3 * 1024 * 1024;
    const r = await writeLargeTrace(path, target, { seed: 3, responseBytes: 32 * 1024 });
    const size = statSync(path).size;
    assert.ok(size >= target, 'at least the target size');
    assert.is(size, r.bytes);
    assert.is(size % 0x10000, 0, 'whole 64 KiB buffers');
    const file = readFileSync(path);
    const bufs = walkBuffers(file);
    assert.is(bufs.length, r.buffers + 1);
    const events = walkEvents(bufs.slice(1));
    assert.is(events.length, r.records);
    assert.ok(r.connections > 5);
    assert.ok(events.some((e) => e.provider === '50b3e73c-9370-461d-bb9f-26f32d68887d' && e.id === 728), 'WebIO 728');
    assert.ok(events.some((e) => e.provider === '1c95126e-7eea-49a9-a3fe-a378b03ddb4d' && e.id === 3008), 'DNS 3008');
    assert.ok(capturedFrames(events).length > 1000, 'packet heavy');
    const f = openEtl(path);
    let n = 0;
    for (const _ of f.events()) n++;
    assert.equal(f.issues, []);
    assert.is(n, r.records + 2, 'records + logfile header + hook 0x0050');
    f.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
