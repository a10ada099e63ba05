// Raw session-clock timestamps → FILETIME, from the logfile header's sync pair (raw SystemTime of the
// logfile-header event ↔ StartTime) and its clock type. Signed BigInt arithmetic: events logged on other CPUs
// before the header event have negative deltas.
import type { ClockType } from './constants.js';

export interface ClockParams {
  clockType: ClockType;
  /** Raw timestamp of the sync point (logfile-header event SystemTime). */
  syncRaw: bigint;
  /** FILETIME of the sync point (StartTime). */
  syncFiletime: bigint;
  /** Ticks per second of the QPC clock. */
  perfFreq: bigint;
  cpuSpeedMHz: number;
}

/** Returns the converter for one file. */
export function makeClock(p: ClockParams): (raw: bigint) => bigint {
  const { syncRaw, syncFiletime } = p;
  if (p.clockType === 'system_time') return (raw) => raw;
  if (p.clockType === 'cpu_cycles' && p.cpuSpeedMHz > 0) {
    const mhz = BigInt(p.cpuSpeedMHz);
    return (raw) => syncFiletime + ((raw - syncRaw) * 10n) / mhz;
  }
  // QPC, and "raw" when a frequency is known.
  const freq = p.perfFreq;
  if (freq <= 0n) return (raw) => raw;
  if (freq === 10_000_000n) {
    // Common on Windows 10+: one tick is already 100 ns — a single addition.
    const shift = syncFiletime - syncRaw;
    return (raw) => raw + shift;
  }
  return (raw) => syncFiletime + ((raw - syncRaw) * 10_000_000n) / freq;
}
