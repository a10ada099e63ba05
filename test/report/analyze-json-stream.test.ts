// writeAnalyzeJson() (the CLI's connection-at-a-time JSON output) must give exactly the text of
// renderAnalyzeJson(), whatever the piece size, on every project sample.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { samplesDir } from '../helpers/paths.js';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { cipherSuiteName } from '../../src/net/index.js';
import { renderAnalyzeJson, writeAnalyzeJson } from '../../src/report/analyze-json.js';

const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.etl')).sort();

for (const f of samples) {
  test(`samples/${f}: the streamed JSON equals the rendered JSON`, () => {
    const result = analyzeFiles([join(samplesDir, f)]);
    const whole = renderAnalyzeJson(result, cipherSuiteName);
    for (const chunk of [1, 200, 1 << 16]) {
      const pieces: string[] = [];
      writeAnalyzeJson(result, cipherSuiteName, (t) => pieces.push(t), chunk);
      assert.is(pieces.join(''), whole, `pieces of ${chunk} characters`);
      if (chunk === 1 && result.connections.length > 1) assert.ok(pieces.length > 2, 'written in pieces');
    }
  });
}

test('no connections: the streamed JSON equals the rendered JSON', () => {
  const result = analyzeFiles([join(samplesDir, samples[0]!)]);
  const empty = { ...result, connections: [] };
  const pieces: string[] = [];
  writeAnalyzeJson(empty, cipherSuiteName, (t) => pieces.push(t));
  assert.is(pieces.join(''), renderAnalyzeJson(empty, cipherSuiteName));
});

test.run();
