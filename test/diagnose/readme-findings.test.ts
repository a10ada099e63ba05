// The README's finding table is the catalog's: the same codes, each with the severity the catalog gives it
// (several, `error / warning`, only for a rule whose severity depends on what it found).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../../src/diagnose/catalog.js';
import { projectRoot } from '../helpers/paths.js';

interface Row {
  codes: string[];
  severities: string[];
}

function readmeRows(): Row[] {
  const lines = readFileSync(join(projectRoot, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^\|\s*code\s*\|\s*severity\s*\|/.test(l));
  assert.ok(start >= 0, 'README has a "| code | severity |" table');
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [codeCell, severityCell] = line.split('|').slice(1, 3).map((c) => c.trim());
    rows.push({ codes: [...codeCell!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!), severities: severityCell!.split('/').map((s) => s.trim()) });
  }
  return rows;
}

test('README finding table: the catalog codes, each once', () => {
  const listed = readmeRows().flatMap((r) => r.codes);
  assert.equal([...listed].sort(), CATALOG.map((r) => r.code).sort());
  assert.is(new Set(listed).size, listed.length);
});

test('README finding table: each code with the catalog severity', () => {
  for (const row of readmeRows()) {
    for (const code of row.codes) {
      const rule = CATALOG.find((r) => r.code === code)!;
      const varies = rule.scope === 'trace' && rule.severityOf !== undefined;
      if (varies) assert.ok(row.severities.includes(rule.severity), `${code}: ${row.severities.join(' / ')} includes ${rule.severity}`);
      else assert.equal(row.severities, [rule.severity], code);
    }
  }
});

test.run();
