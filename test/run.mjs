// Runs every compiled test file with uvu and ends with one plain summary line ("N passed, N failed, N skipped").
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const pattern = process.argv[2] ?? '\\.test\\.js$';
const r = spawnSync(process.execPath, [join(root, 'node_modules/uvu/bin.js'), 'dist/test', pattern], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 512 * 1024 * 1024,
});
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
// uvu colours its summary on a TTY (and sometimes when piped): read the counts from the text without escapes.
const plain = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
const num = (label) => Number((new RegExp(`${label}:\\s+(\\d+)`).exec(plain) ?? [])[1] ?? 0);
const total = num('Total');
const passed = num('Passed');
const skipped = num('Skipped');
// uvu marks each failing test with ✘; its own Total line can undercount failures.
const failed = Math.max((plain.match(/✘/g) ?? []).length, total - passed);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(r.status === 0 && failed === 0 && total > 0 ? 0 : 1);
