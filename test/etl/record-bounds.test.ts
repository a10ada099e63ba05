// A file cut inside a record header: the record walk reads nothing past the buffer's valid bytes, reports the cut
// record as damage at its byte offset, keeps the records before it, and the CLI exits 65 naming file and offset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEtl, type RawEvent } from '../../src/etl/index.js';
import { RecordCursor, type RecordDamage } from '../../src/etl/records.js';
import { GuidCache } from '../../src/etl/guid-cache.js';
import { RecordMarker } from '../../src/etl/constants.js';
import { TraceError } from '../../src/common/errors.js';
import { hasShared, samplesDir, sharedEtlDir } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { realSamples } from './samples.js';
import { skipped } from '../helpers/when.js';

const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-bounds-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Everything events() and scan() yield for `bytes`; a TraceError (65) from open is the only accepted exception. */
function readBoth(bytes: Uint8Array, name = 'cut.etl'): { events: RawEvent[]; scanned: number; issues: { kind: string; offset: number; message: string }[]; path: string } | TraceError {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  let f;
  try {
    f = openEtl(path);
  } catch (err) {
    assert.instance(err, TraceError, String((err as Error).stack));
    assert.is((err as TraceError).exitCode, 65);
    return err as TraceError;
  }
  const events = [...f.events()];
  let scanned = 0;
  f.scan((r) => {
    r.toRawEvent();
    scanned++;
  });
  f.close();
  return { events, scanned, issues: f.issues, path };
}

test('every header kind cut at every length inside its fixed header: damage at the record, nothing read past the data', () => {
  // [header type, fixed header size]: SYSTEM32, COMPACT32, PERFINFO32, FULL64, INSTANCE64, EVENT_HEADER64, MESSAGE.
  const kinds: [number, number][] = [[0x01, 0x20], [0x03, 0x18], [0x10, 0x10], [0x14, 0x30], [0x15, 0x48], [0x13, 0x50], [-1, 8]];
  const start = 0x48;
  for (const [type, headerSize] of kinds) {
    for (let cut = 4; cut < headerSize; cut++) {
      const bytes = new Uint8Array(start + cut);
      const dv = new DataView(bytes.buffer);
      // Marker: flags byte 0xC0 (typed) or 0x90 (message), header type, and a size that claims a whole record.
      const marker = type < 0 ? (RecordMarker.MESSAGE << 24) | 0x40 : ((RecordMarker.TYPED << 24) | (type << 16) | 0x60) >>> 0;
      dv.setUint32(start, marker >>> 0, true);
      const damage: RecordDamage[] = [];
      const cursor = new RecordCursor(new GuidCache(), 8, (d) => damage.push(d));
      cursor.reset(bytes, start, bytes.length, 0, 0);
      assert.not.ok(cursor.next(), `type 0x${type.toString(16)} cut at ${cut}`);
      assert.is(damage.length, 1);
      assert.is(damage[0]!.offset, start);
      assert.ok(damage[0]!.stopsBuffer);
      assert.match(damage[0]!.message, new RegExp(`record (header \\(0x${headerSize.toString(16)} bytes\\) cut off|size 0x60 runs)`));
    }
  }
});

// healthy-tls12.etl: the header buffer holds the logfile-header SYSTEM record at 0x48 and a second SYSTEM record
// (hook 0x0050) at 0x208. Cutting the file 1..0x1f bytes into that second record leaves its marker, but not its
// size word or the rest of its 0x20-byte header, inside the short buffer.
const SYSTEM_RECORD = 0x208;

test('a SYSTEM record header cut by the end of the file: reported at its offset, no read past the data', () => {
  const full = readFileSync(join(samplesDir, 'healthy-tls12.etl'));
  for (let cut = SYSTEM_RECORD + 1; cut < SYSTEM_RECORD + 0x20; cut++) {
    const r = readBoth(full.subarray(0, cut));
    assert.not.instance(r, TraceError, `open failed at a cut of 0x${cut.toString(16)}`);
    if (r instanceof TraceError) continue;
    assert.ok(r.issues.some((i) => i.kind === 'truncated'), `no truncation reported for a cut at 0x${cut.toString(16)}`);
    if (cut >= SYSTEM_RECORD + 4) {
      const cutRecord = r.issues.find((i) => i.offset === SYSTEM_RECORD);
      assert.ok(cutRecord, `no issue at the cut record for a cut at 0x${cut.toString(16)}: ${JSON.stringify(r.issues)}`);
      assert.match(cutRecord!.message, /system record header \(0x20 bytes\) cut off/);
    }
    // The logfile-header record before the cut is still read.
    assert.is(r.scanned, 1);
    assert.is(r.events.length, 1);
  }
});

test('CLI on a file cut 4 bytes into a record header: exit 65, file and byte offset named, no stack trace', () => {
  const full = readFileSync(join(samplesDir, 'healthy-tls12.etl'));
  const path = join(dir, 'cut-in-header.etl');
  writeFileSync(path, full.subarray(0, SYSTEM_RECORD + 4));
  for (const cmd of ['info', 'events', 'analyze']) {
    const r = runCli([cmd, path]);
    assert.is(r.status, 65, `${cmd}: ${r.stderr}`);
    assert.match(r.stderr, /cut-in-header\.etl: at byte 0x/);
    assert.not.match(r.stderr, /RangeError|    at /);
  }
  const info = runCli(['info', path]);
  assert.match(info.stderr, /at byte 0x208 \(520\): system record header \(0x20 bytes\) cut off/);
});

test('every cut length of a compressed project sample: only typed errors, and records before the cut are kept', () => {
  const full = readFileSync(join(samplesDir, 'hcw-2012-tls10-compressed.etl'));
  const whole = readBoth(full, 'whole.etl');
  assert.not.instance(whole, TraceError);
  if (whole instanceof TraceError) return;
  let opened = 0;
  for (let cut = 0; cut < full.length; cut++) {
    const r = readBoth(full.subarray(0, cut));
    if (r instanceof TraceError) continue;
    opened++;
    assert.ok(r.issues.length > 0, `a cut at 0x${cut.toString(16)} reported nothing`);
    assert.ok(r.events.length <= whole.events.length);
  }
  assert.ok(opened > full.length / 2, `only ${opened} cuts opened`);
});

if (!hasShared) skipped('the PerfView net.4.5.2 relog cut inside a compressed record header', '../shared is absent');
else {
  test('the PerfView net.4.5.2 relog cut where a PERFINFO header straddles the end of the short last buffer', async () => {
    const sample = (await realSamples()).find((s) => s.name === 'perfview_net.4.5.2.x64.etl.zip:net.4.5.2.x64.etl');
    assert.ok(sample, `net.4.5.2 sample not found under ${sharedEtlDir}`);
    const full = readFileSync(sample!.path);
    // Cut lengths where the XPRESS stream of the last buffer decompresses to 4 bytes into a PERFINFO header.
    for (const cut of [190092, 190093, 190292, 190293, 190432]) {
      const r = readBoth(full.subarray(0, cut));
      assert.not.instance(r, TraceError);
      if (r instanceof TraceError) continue;
      assert.ok(r.issues.some((i) => /record header \(0x[0-9a-f]+ bytes\) cut off/.test(i.message)), `cut ${cut}: ${JSON.stringify(r.issues)}`);
    }
  });
}

test.run();
