// Large exports are read with bounded memory: heap in use half-way through a big file (after a forced GC in a
// child process) stays far below the file size. No timing assertions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const probe = fileURLToPath(new URL('./stream-probe.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'td-stream-'));
const MB = 1024 * 1024;
/** Allowed heap growth; the files are 24 MiB (≈48 MiB as JS strings if held whole). */
const LIMIT = 12 * MB;

function writeLines(path: string, count: number, line: (i: number) => string): void {
  const fd = openSync(path, 'w');
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(line(i));
    if (batch.length === 2000) {
      writeSync(fd, batch.join(''));
      batch = [];
    }
  }
  writeSync(fd, batch.join(''));
  closeSync(fd);
}

function runProbe(path: string, expected: number): { format: string; events: number; baseline: number; mid: number; issues: number } {
  const r = spawnSync(process.execPath, ['--expose-gc', probe, path, String(expected)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('a 24 MiB netsh TXT dump streams with bounded heap', () => {
  const p = join(tmp, 'big.txt');
  const count = 120000;
  writeLines(p, count, (i) => {
    const s = String(i % 60).padStart(2, '0');
    const frac = String(i).padStart(9, '0');
    return `[1]0A1C.0B2C::2024/06/11-08:${String(Math.floor(i / 3600) % 60).padStart(2, '0')}:${s}.${frac} [Microsoft-Windows-WebIO]0x${(0x1000000 + i).toString(16).toUpperCase()}: SSL AcquireCredentialsHandle - (EnabledProtocols 2688) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0) (CipherConfig 0)\r\n`;
  });
  assert.ok(statSync(p).size > 20 * MB);
  const r = runProbe(p, count);
  assert.is(r.format, 'netsh_txt');
  assert.is(r.events, count);
  assert.is(r.issues, 0);
  assert.ok(r.mid - r.baseline < LIMIT, `heap grew by ${((r.mid - r.baseline) / MB).toFixed(1)} MiB`);
});

test('a 24 MiB single-line Event Viewer XML export streams with bounded heap', () => {
  const p = join(tmp, 'big.xml');
  const count = 60000;
  writeLines(p, count + 2, (i) => {
    if (i === 0) return '<Events>';
    if (i === count + 1) return '</Events>';
    return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Schannel' Guid='{1f678132-5938-4686-9fdc-c8ff68f15c85}'/><EventID>36887</EventID><Version>0</Version><Level>2</Level><TimeCreated SystemTime='2024-06-11T08:02:10.1310000Z'/><EventRecordID>${i}</EventRecordID><Channel>System</Channel><Computer>HCW01.contoso.com</Computer></System><EventData><Data Name='AlertDesc'>70</Data></EventData></Event>`;
  });
  assert.ok(statSync(p).size > 20 * MB);
  const r = runProbe(p, count);
  assert.is(r.format, 'schannel_event_xml');
  assert.is(r.events, count);
  assert.ok(r.mid - r.baseline < LIMIT, `heap grew by ${((r.mid - r.baseline) / MB).toFixed(1)} MiB`);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
