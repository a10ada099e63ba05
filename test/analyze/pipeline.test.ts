// The library entry point other commands (batch) call.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { TraceError } from '../../src/common/errors.js';
import { samplesDir } from '../helpers/paths.js';

test('analyzeFiles throws TraceError 66 for a missing input', () => {
  try {
    analyzeFiles([join(samplesDir, 'does-not-exist.etl')]);
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.instance(err, TraceError);
    assert.is((err as TraceError).exitCode, 66);
  }
});

test('analyzeFiles over two inputs reports both and correlates them together', () => {
  const a = join(samplesDir, 'hcw-2012-tls10.etl');
  const b = join(samplesDir, 'healthy-tls12.etl');
  const seen: string[] = [];
  const r = analyzeFiles([a, b], { onInput: (i) => seen.push(i.path) });
  assert.equal(seen, [a, b]);
  assert.is(r.inputs.length, 2);
  assert.is(r.verdict, 'failure');
  assert.is(r.context.osBuild, 9200, 'the lowest build of the inputs');
  assert.ok(r.connections.some((c) => c.outcome === 'established'));
  assert.ok(r.connections.some((c) => c.findingCodes.includes('WINHTTP_TLS12_NOT_OFFERED')));
  assert.is(r.damage, undefined);
  assert.equal(r.connections.map((c) => c.id), r.connections.map((_c, i) => i + 1));
});

test.run();
