// Raw clock → FILETIME (etl-format.md §4), signed deltas.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeClock } from '../../src/etl/clock.js';

const S = 133_000_000_000_000_000n;
const T0 = 5_000_000_000n;

test('QPC at 3.117777 MHz: S + (t − T0) × 10^7 / freq; negative deltas stay signed', () => {
  const c = makeClock({ clockType: 'qpc', syncRaw: T0, syncFiletime: S, perfFreq: 3_117_777n, cpuSpeedMHz: 0 });
  assert.is(c(T0), S);
  assert.is(c(T0 + 3_117_777n), S + 10_000_000n, 'one second later');
  assert.is(c(T0 - 3_117_777n), S - 10_000_000n, 'one second before the sync point');
  assert.is(c(T0 + 1n), S + 3n, '10^7 / 3117777 = 3.2 → 3 ticks');
});

test('QPC at 10 MHz: one tick = 100 ns (same result as the general formula)', () => {
  const c = makeClock({ clockType: 'qpc', syncRaw: T0, syncFiletime: S, perfFreq: 10_000_000n, cpuSpeedMHz: 0 });
  for (const d of [0n, 1n, -1n, 123_456_789n, -987_654_321n]) assert.is(c(T0 + d), S + d);
});

test('system time: the raw value already is a FILETIME', () => {
  const c = makeClock({ clockType: 'system_time', syncRaw: T0, syncFiletime: S, perfFreq: 10_000_000n, cpuSpeedMHz: 0 });
  assert.is(c(S + 77n), S + 77n);
});

test('CPU cycles: S + (t − T0) × 10 / MHz', () => {
  const c = makeClock({ clockType: 'cpu_cycles', syncRaw: T0, syncFiletime: S, perfFreq: 0n, cpuSpeedMHz: 3000 });
  assert.is(c(T0 + 3_000_000_000n), S + 10_000_000n, '3·10^9 cycles at 3 GHz = 1 s');
  assert.is(c(T0 - 300n), S - 1n);
});

test('raw clock: treated like QPC when a frequency is known', () => {
  const c = makeClock({ clockType: 'raw', syncRaw: T0, syncFiletime: S, perfFreq: 2_000_000n, cpuSpeedMHz: 0 });
  assert.is(c(T0 + 2_000_000n), S + 10_000_000n);
});

test.run();
