// Time order across CPUs: per-CPU buffers by sequence number, k-way merge on the raw timestamp — also when the
// file order of the buffers is rotated (a wrapped circular file). Written with the synthetic writer; the real
// samples are checked in samples.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyntheticEtlWriter, eventHeaderRecord } from '../../bench/synthetic-etl.js';
import { openEtl } from '../../src/etl/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-merge-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const PROVIDER = '3b9ab1a1-0000-4000-8000-000000000001';

/** 3 CPUs, 4 KiB buffers, 1,500 events with pseudo-random gaps and CPUs; returns the path and the (cpu, time) list. */
function writeTrace(name: string): { path: string; written: { cpu: number; time: bigint; seq: number }[] } {
  const path = join(dir, name);
  const w = new SyntheticEtlWriter(path, { bufferSize: 4096, cpus: 3 });
  let seed = 7;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  let t = w.syncQpc;
  const written: { cpu: number; time: bigint; seq: number }[] = [];
  for (let i = 0; i < 1500; i++) {
    t += BigInt((rnd() * 50) | 0); // gaps of 0 keep equal timestamps across CPUs
    const cpu = (rnd() * 3) | 0;
    const payload = new Uint8Array(4 + ((rnd() * 60) | 0));
    new DataView(payload.buffer).setUint32(0, i, true);
    w.add(cpu, eventHeaderRecord({ tid: cpu, pid: 1, time: t, provider: PROVIDER, id: 1, payload }), t);
    written.push({ cpu, time: t, seq: i });
  }
  w.finish();
  return { path, written };
}

function check(path: string, written: { cpu: number; time: bigint; seq: number }[]): void {
  const f = openEtl(path);
  const evs = [...f.events()].filter((e) => e.providerGuid === PROVIDER);
  assert.is(evs.length, written.length);
  for (let i = 1; i < evs.length; i++) assert.ok(evs[i]!.rawTime >= evs[i - 1]!.rawTime, `order at ${i}`);
  // Same multiset of (cpu, time, payload id) as written; within a CPU the written order is kept.
  const key = (cpu: number, time: bigint, seq: number) => `${cpu}/${time}/${seq}`;
  const got = evs.map((e) => key(e.cpu, e.rawTime, new DataView(e.payload.buffer, e.payload.byteOffset).getUint32(0, true))).sort();
  assert.equal(got, written.map((w) => key(w.cpu, w.time, w.seq)).sort());
  for (const cpu of [0, 1, 2]) {
    const seqs = evs.filter((e) => e.cpu === cpu).map((e) => new DataView(e.payload.buffer, e.payload.byteOffset).getUint32(0, true));
    assert.equal(seqs, [...seqs].sort((a, b) => a - b), `CPU ${cpu} order`);
  }
  assert.is(evs[0]!.time, f.header.startTime + (evs[0]!.rawTime - f.header.syncRawTime), '10 MHz QPC: 1 tick = 100 ns');
  assert.equal(f.issues, []);
  f.close();
}

test('three CPUs interleaved in time: merged output is time-ordered and complete', () => {
  const { path, written } = writeTrace('interleaved.etl');
  check(path, written);
});

test('data buffers rotated in the file (circular wrap): sequence numbers restore the order', () => {
  const { path, written } = writeTrace('rotated.etl');
  const bytes = readFileSync(path);
  const size = 4096;
  const data = [];
  for (let off = size; off < bytes.length; off += size) data.push(bytes.subarray(off, off + size));
  const k = Math.floor(data.length / 3);
  const rotated = Buffer.concat([bytes.subarray(0, size), ...data.slice(k), ...data.slice(0, k)]);
  writeFileSync(path, rotated);
  check(path, written);
});

test.run();
