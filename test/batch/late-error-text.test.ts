import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

test('batch recognises an HCW log whose error text lies far beyond the first 64 KiB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-late-error-'));
  try {
    const input = join(dir, 'in');
    mkdirSync(input);
    const filler = Array.from({ length: 2000 }, (_, i) => `2024-01-01 10:00:00 [INFO] Hybrid Configuration Wizard step ${i} ok`);
    const error = [
      'New-PSSession : [outlook.office365.com] Connecting to remote server outlook.office365.com failed with the following error message : The server certificate on the destination computer (outlook.office365.com:443) has the following errors:',
      'Encountered an internal error in the SSL library. For more information, see the about_Remote_Troubleshooting Help topic.',
    ];
    writeFileSync(join(input, 'hcw.log'), [...filler, ...error, ''].join('\n'));
    const out = join(dir, 'out');
    const r = runCli(['batch', input, '--out-dir', out]);
    assert.is(r.status, 1, r.stderr);
    const files = readFileSync(join(out, 'files.csv'), 'utf8');
    assert.match(files, /hcw\.log,.*,error_text,analysed/);
    const cases = readFileSync(join(out, 'cases.csv'), 'utf8');
    assert.match(cases, /hcw\.log,.*,failure,REPORTED_ERROR,/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
