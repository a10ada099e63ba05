// Timestamps as text exports print them, to FILETIME. netsh/pktmon print the local time of the machine that ran
// the conversion without a zone; we cannot know it, so these are read as UTC (consistent within one file, which
// is what ordering and correlation need).
import { FILETIME_UNIX_EPOCH } from '../common/time.js';


/** FILETIME from calendar parts; `frac` is the fractional-second digits as printed (any length). */
export function partsToFiletime(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string): bigint | undefined {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(ms) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const ticks = BigInt((frac + '0000000').slice(0, 7));
  return BigInt(ms) * 10000n + ticks + FILETIME_UNIX_EPOCH;
}

/**
 * `08/28/17-13:24:28.693` (netsh, older), `2025/03/27-16:12:19.937105000` (netsh, current),
 * `2025-03-27 16:10:34.934020500` (pktmon), `2006-08-21T13:00:35.614957600Z` (XML).
 */
export function parseTextTimestamp(text: string): bigint | undefined {
  let m = /^(\d\d)\/(\d\d)\/(\d\d)-(\d\d):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(text);
  if (m) {
    const yy = Number(m[3]);
    return partsToFiletime(yy < 70 ? 2000 + yy : 1900 + yy, +m[1]!, +m[2]!, +m[4]!, +m[5]!, +m[6]!, m[7] ?? '');
  }
  m = /^(\d{4})[/-](\d\d)[/-](\d\d)[-T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z?$/.exec(text);
  if (m) return partsToFiletime(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, m[7] ?? '');
  return undefined;
}
