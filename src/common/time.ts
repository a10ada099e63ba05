// FILETIME (100 ns ticks since 1601-01-01 UTC) ↔ ISO-8601 with all seven fractional digits.

/** 1970-01-01 as FILETIME: 1601 → 1970 in 100 ns ticks. */
export const FILETIME_UNIX_EPOCH = 116444736000000000n;
const EPOCH_DIFF = FILETIME_UNIX_EPOCH;

/** The last second rendered by filetimeToIso() (events come in time order: most calls repeat it). */
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/** `2024-05-01T12:00:00.1234567Z` */
export function filetimeToIso(ft: bigint): string {
  const unix100ns = ft - EPOCH_DIFF;
  if (unix100ns >= 0n) {
    const seconds = unix100ns / 10_000_000n;
    const s = Number(seconds);
    if (s !== cachedSecond) {
      const d = new Date(s * 1000);
      const iso = Number.isNaN(d.getTime()) ? '' : d.toISOString();
      if (iso.length === 24) {
        cachedSecond = s;
        cachedPrefix = iso.slice(0, 20); // yyyy-mm-ddThh:mm:ss.
      }
    }
    if (s === cachedSecond) return `${cachedPrefix}${String(Number(unix100ns - seconds * 10_000_000n)).padStart(7, '0')}Z`;
  }
  let ms = unix100ns / 10000n;
  let rem = unix100ns % 10000n;
  if (rem < 0n) {
    rem += 10000n;
    ms -= 1n;
  }
  const d = new Date(Number(ms));
  if (Number.isNaN(d.getTime())) return `filetime:${ft}`;
  const base = d.toISOString(); // yyyy-mm-ddThh:mm:ss.mmmZ
  return `${base.slice(0, 23)}${rem.toString().padStart(4, '0')}Z`;
}

/** Parses ISO-8601 (up to 9 fractional digits, `Z` or offset) to FILETIME. */
export function isoToFiletime(iso: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso.trim());
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2]}${m[4] ?? 'Z'}`);
  if (Number.isNaN(ms)) return undefined;
  const frac = (m[3] ?? '').padEnd(7, '0').slice(0, 7);
  return BigInt(ms) * 10000n + BigInt(frac) + EPOCH_DIFF;
}

const DATELESS = /^1601-01-(\d\d)T(\d\d:\d\d:\d\d(?:\.\d+)?)Z$/;

/**
 * An ISO time as a person reads it. A log without dates (the legacy WinHTTP log) has its times as the time of
 * day on 1601-01-01, the first FILETIME day, and on the next days when its clock wraps past midnight: those are
 * said as the time of day (`+1d` on the next day), never as a date in 1601.
 */
export function displayTime(iso: string): string {
  const m = DATELESS.exec(iso);
  if (!m) return iso;
  const day = Number(m[1]) - 1;
  return `${day > 0 ? `+${day}d ` : ''}${m[2]}`;
}

/** Whether `displayTime` says this ISO time without a date. */
export function isDateless(iso: string): boolean {
  return DATELESS.test(iso);
}
