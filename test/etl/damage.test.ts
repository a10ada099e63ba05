// Damaged copies of the real samples: truncations, bogus sizes, corrupt compressed data, random byte flips.
// The reader never throws from events() for damaged data, never hangs, keeps what it read before the damage, and
// the CLI exits 65 naming the file and the byte offset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEtl, type EtlFile, type RawEvent } from '../../src/etl/index.js';
import { TraceError } from '../../src/common/errors.js';
import { hasShared } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { realSamples } from './samples.js';
import { skipped } from '../helpers/when.js';

const samples = await realSamples();
const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-damage-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const pathOf = (name: string) => samples.find((s) => s.name === name)?.path;

let n = 0;
function damaged(bytes: Uint8Array): string {
  const p = join(dir, `d${n++}.etl`);
  writeFileSync(p, bytes);
  return p;
}

const key = (e: RawEvent) => `${e.bufferOffset}:${e.recordOffset}`;

/** Reads everything a file yields; TraceError from openEtl is the only acceptable exception. */
function readAll(path: string): { events: RawEvent[]; file?: EtlFile; openError?: TraceError } {
  let f: EtlFile;
  try {
    f = openEtl(path);
  } catch (err) {
    assert.instance(err, TraceError, String(err));
    assert.is((err as TraceError).exitCode, 65);
    return { events: [], openError: err as TraceError };
  }
  const events = [...f.events()];
  let scanned = 0;
  f.scan(() => scanned++);
  f.close();
  return { events, file: f };
}

test('bad inputs at open: empty → 65, not an ETL → 65, missing → 66, directory → 66', () => {
  const empty = damaged(new Uint8Array(0));
  const text = damaged(Buffer.from('This is a text file, not a trace.\n'.repeat(20)));
  for (const [p, code, msg] of [
    [empty, 65, /empty file/],
    [text, 65, /not an ETL file/],
    [join(dir, 'missing.etl'), 66, /cannot open/],
    [dir, 66, /directory/],
  ] as const) {
    try {
      openEtl(p);
      assert.unreachable();
    } catch (err) {
      assert.instance(err, TraceError);
      assert.is((err as TraceError).exitCode, code);
      assert.match((err as TraceError).message, msg);
    }
  }
});

test('CLI: missing file exits 66, empty file exits 65', () => {
  const missing = runCli(['info', join(dir, 'nope.etl')]);
  assert.is(missing.status, 66);
  assert.match(missing.stderr, /nope\.etl: cannot open/);
  mkdirSync(join(dir, 'e'), { recursive: true });
  const empty = join(dir, 'e', 'empty.etl');
  writeFileSync(empty, '');
  const r = runCli(['events', empty]);
  assert.is(r.status, 65);
  assert.match(r.stderr, /empty\.etl: at byte 0x0 \(0\): empty file/);
  assert.is(r.stdout, '');
});

if (!hasShared) skipped('damaged copies of real samples', '../shared is absent');
else {
  const truncationCases: [string, number[]][] = [
    ['tx_KernelNetwork.etl', [0x50, 0x300, 0x2000, 0x2000 * 7, 0x2000 * 40 + 0x123, 0x2000 * 100 - 1]],
    ['pktmon_nathaniel_vpn_7119f51.etl', [0x400, 0x400 + 0x100, 60000, 117629 - 5]],
    ['perfview_net.4.5.2.x64.etl.zip:net.4.5.2.x64.etl', [2_000_000, 4_000_000 + 77]],
    ['perfview_smallEtlFile.etl', [0x100, 0x200, 0x210, 1000]],
  ];
  for (const [name, cuts] of truncationCases) {
    test(`${name}: truncated at ${cuts.map((c) => '0x' + c.toString(16)).join(', ')} — no throw, earlier buffers kept, truncation reported`, () => {
      const path = pathOf(name);
      if (!path) return;
      const full = readFileSync(path);
      const whole = readAll(path);
      for (const cut of cuts) {
        const r = readAll(damaged(full.subarray(0, cut)));
        if (r.openError) {
          assert.ok(cut < 0x400, `open failed for a cut at 0x${cut.toString(16)}: ${r.openError.message}`);
          continue;
        }
        const f = r.file!;
        assert.ok(f.issues.some((i) => i.kind === 'truncated'), `no truncation reported for a cut at 0x${cut.toString(16)}`);
        // Every event of a buffer wholly before the cut is still there, identical.
        const complete = new Set(f.buffers.filter((b) => b.offset + b.size <= cut).map((b) => b.offset));
        const expected = whole.events.filter((e) => complete.has(e.bufferOffset)).map(key);
        const got = new Set(r.events.map(key));
        for (const k of expected) assert.ok(got.has(k), `event ${k} lost by a cut at 0x${cut.toString(16)}`);
        // Nothing invented: every event read also exists in the undamaged file.
        const all = new Set(whole.events.map(key));
        for (const e of r.events) assert.ok(all.has(key(e)), `event ${key(e)} not in the original`);
      }
    });
  }

  test('bogus BufferSize: the buffer is skipped and reading resumes at the next buffer', () => {
    const path = pathOf('tx_KernelNetwork.etl');
    if (!path) return;
    const bytes = Uint8Array.from(readFileSync(path));
    const whole = readAll(path).events;
    const victim = 0x2000 * 10;
    new DataView(bytes.buffer).setUint32(victim, 0x7fff0000, true);
    const r = readAll(damaged(bytes));
    const f = r.file!;
    assert.is(f.issues.length, 1);
    assert.is(f.issues[0]!.kind, 'bad_buffer');
    assert.is(f.issues[0]!.offset, victim);
    assert.match(f.issues[0]!.message, /exceeds the 16 MiB.*resuming at the next buffer header at 0x16000/);
    assert.is(f.stats.buffersSkipped, 1);
    assert.is(r.events.length, whole.filter((e) => e.bufferOffset !== victim).length);
  });

  test('plausible but wrong BufferSize in a fixed-size file: corrected to the session size, nothing lost', () => {
    const path = pathOf('tx_KernelNetwork.etl');
    if (!path) return;
    const bytes = Uint8Array.from(readFileSync(path));
    const whole = readAll(path).events;
    new DataView(bytes.buffer).setUint32(0x2000 * 10, 0x6000, true);
    const r = readAll(damaged(bytes));
    assert.is(r.file!.issues.length, 1);
    assert.match(r.file!.issues[0]!.message, /BufferSize 0x6000 differs from the session buffer size 0x2000/);
    assert.is(r.events.length, whole.length);
  });

  test('record size running past the buffer end: rest of that buffer skipped, other buffers intact', () => {
    const path = pathOf('tx_Process.etl');
    if (!path) return;
    const bytes = Uint8Array.from(readFileSync(path));
    const whole = readAll(path).events;
    const victim = 0x2000 * 20;
    const inVictim = whole.filter((e) => e.bufferOffset === victim).sort((a, b) => a.recordOffset! - b.recordOffset!);
    const third = inVictim[2]!;
    new DataView(bytes.buffer).setUint16(victim + third.recordOffset!, 0xfff0, true); // EVENT_HEADER Size
    const r = readAll(damaged(bytes));
    const f = r.file!;
    assert.is(f.issues.length, 1);
    assert.is(f.issues[0]!.offset, victim + third.recordOffset!);
    assert.match(f.issues[0]!.message, /record size 0xfff0 runs .* past the end/);
    assert.is(r.events.length, whole.length - (inVictim.length - 2));
    assert.is(f.stats.recordsSkipped, 1);
  });

  test('FilledBytes beyond the records: 0xFFFFFFFF fill reported, records before it kept', () => {
    const path = pathOf('tx_Process.etl');
    if (!path) return;
    const bytes = Uint8Array.from(readFileSync(path));
    const whole = readAll(path).events;
    const victim = 0x2000 * 30;
    const dv = new DataView(bytes.buffer);
    const filled = dv.getUint32(victim + 0x30, true);
    assert.ok(filled < 0x2000 - 0x40, 'sample buffer has fill');
    dv.setUint32(victim + 0x30, filled + 0x40, true);
    const r = readAll(damaged(bytes));
    assert.is(r.file!.issues.length, 1);
    assert.match(r.file!.issues[0]!.message, /fill \(0xFFFFFFFF\)/);
    assert.is(r.events.length, whole.length);
  });

  test('corrupt compressed stream: that buffer is reported and skipped, the others are read', () => {
    const path = pathOf('perfview_net.4.5.2.x64.etl.zip:net.4.5.2.x64.etl');
    if (!path) return;
    const whole = readAll(path);
    const bytes = Uint8Array.from(readFileSync(path));
    const victim = whole.file!.buffers[100]!;
    assert.ok(victim.compressed);
    // A match token pointing before the start of the output as the very first token.
    bytes.set([0xff, 0xff, 0xff, 0xff, 0xf8, 0xff], victim.offset + 0x48);
    const r = readAll(damaged(bytes));
    const f = r.file!;
    assert.is(f.issues.length, 1);
    assert.is(f.issues[0]!.kind, 'decompress_failed');
    assert.match(f.issues[0]!.message, /corrupt XPRESS stream in the buffer at 0x[0-9a-f]+: match offset/);
    assert.is(f.stats.buffersSkipped, 1);
    assert.is(r.events.length, whole.events.filter((e) => e.bufferOffset !== victim.offset).length);
  });

  test('unsupported compression format (header State 4 = XPRESS Huffman): compressed buffers refused by name, header read', () => {
    const path = pathOf('pktmon_paul90317_Gobang.etl');
    if (!path) return;
    const bytes = Uint8Array.from(readFileSync(path));
    new DataView(bytes.buffer).setUint16(0x2c, 4, true);
    const r = readAll(damaged(bytes));
    const f = r.file!;
    const refused = f.issues.filter((i) => i.kind === 'unsupported_compression');
    assert.is(refused.length, 2);
    assert.match(refused[0]!.message, /^unsupported compression format 4 \(XPRESS Huffman\) at offset 0x400/);
    assert.is(r.events.length, 2, 'the uncompressed header buffer still yields its two events');
  });

  const flipTargets = ['perfview_SelfDescribingSingleEvent.etl', 'airbus_lxcore_kernel.etl', 'pktmon_paul90317_Gobang.etl', 'tx_HTTP_Server.etl', 'sonde_test.etl'];
  test('random byte flips (seeded) anywhere in the file never throw or hang', () => {
    const files = flipTargets.map((name) => ({ name, bytes: pathOf(name) ? readFileSync(pathOf(name)!) : undefined })).filter((x) => x.bytes);
    const target = join(dir, 'flip.etl');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (which, flips, nearStart) => {
          const src = files[which]!.bytes!;
          const bytes = Uint8Array.from(src);
          // Half the runs aim at the first 4 KiB, where the headers that steer the reader live.
          const span = nearStart ? Math.min(4096, bytes.length) : bytes.length;
          for (const [at, x] of flips) bytes[Math.floor(at * span)]! ^= x;
          writeFileSync(target, bytes);
          const r = readAll(target);
          if (r.file) assert.ok(r.events.length <= 200000);
        },
      ),
      { numRuns: 250, seed: 424242 },
    );
  });

  test('CLI over seeded byte-flipped copies: exit 0 or 65 (with file and offset), every output line complete JSON', () => {
    const src = pathOf('pktmon_paul90317_Gobang.etl');
    if (!src) return;
    const orig = readFileSync(src);
    const rand = fc.sample(fc.array(fc.tuple(fc.integer({ min: 0, max: orig.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }), { numRuns: 8, seed: 99 });
    for (const flips of rand) {
      const bytes = Uint8Array.from(orig);
      for (const [at, x] of flips) bytes[at]! ^= x;
      const p = damaged(bytes);
      const r = runCli(['events', p]);
      assert.ok(r.status === 0 || r.status === 65, `exit ${r.status}: ${r.stderr}`);
      if (r.status === 65) assert.match(r.stderr, /^tracedoctor: .*\.etl: at byte 0x[0-9a-f]+ \(\d+\): /m);
      for (const l of r.stdout.split('\n').filter(Boolean)) JSON.parse(l);
    }
  });

  test('CLI on a truncated file: exit 65, message with file and offset, events before the damage printed as complete JSONL', () => {
    const path = pathOf('tx_KernelNetwork.etl');
    if (!path) return;
    const cut = 0x2000 * 64 + 0x777;
    const p = damaged(readFileSync(path).subarray(0, cut));
    const whole = readAll(path).events.filter((e) => e.bufferOffset + 0x2000 <= cut).length;
    const r = runCli(['events', p, '--format', 'jsonl']);
    assert.is(r.status, 65);
    assert.match(r.stderr, new RegExp(`^tracedoctor: ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: at byte 0x80000 \\(524288\\): buffer of 0x2000 bytes is cut off`, 'm'));
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.ok(lines.length >= whole, `${lines.length} lines, ${whole} events before the cut`);
    for (const l of lines) JSON.parse(l);
    assert.ok(r.stdout.endsWith('\n'));
  });

  test('CLI info on a damaged file: exit 65, skipped counts and issues in the JSON', () => {
    const path = pathOf('tx_Process.etl');
    if (!path) return;
    const bytes = Uint8Array.from(readFileSync(path));
    new DataView(bytes.buffer).setUint32(0x2000 * 5, 0x10, true);
    const p = damaged(bytes);
    const r = runCli(['info', p, '--format', 'json']);
    assert.is(r.status, 65);
    const j = JSON.parse(r.stdout);
    assert.is(j.skipped.buffers, 1);
    assert.is(j.buffers.skipped, 1);
    assert.is(j.issues.length, 1);
    assert.is(j.issues[0].offset, 0xa000);
    assert.match(r.stderr, /at byte 0xa000 \(40960\): implausible buffer header: BufferSize 0x10/);
    const csv = runCli(['events', p, '--format', 'csv']);
    assert.is(csv.status, 65);
    assert.ok(csv.stdout.endsWith('\r\n'));
  });

}

test.run();
