// Writes decoded events in the `netsh trace convert` TXT layout (current style): the inverse of netsh/parse.ts,
// used to turn a trace into the text a customer would have sent, e.g. to check that both give the same result.
import type { TraceEvent } from '../../decode/types.js';
import { FILETIME_UNIX_EPOCH } from '../../common/time.js';


/** `2025/03/27-16:12:19.937105000`: netsh's 9-digit fraction (100 ns ticks + "00"). */
export function netshTimestamp(ft: bigint): string {
  const unix100ns = ft - FILETIME_UNIX_EPOCH;
  const ms = unix100ns / 10000n;
  const ticks = Number(unix100ns % 10000000n);
  const d = new Date(Number(ms));
  const p2 = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}-` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(ticks).padStart(7, '0')}00`
  );
}

const hex4 = (n: number) => (n < 0 ? 0 : n).toString(16).toUpperCase().padStart(4, '0');

/** One event as netsh prints it; a multi-line message keeps its line breaks (continuation lines). */
export function formatNetshLine(ev: TraceEvent): string {
  const provider = ev.provider && !/^[0-9a-f]{8}-/i.test(ev.provider) ? ev.provider : 'Unknown';
  return `[${ev.cpu}]${hex4(ev.pid)}.${hex4(ev.tid)}::${netshTimestamp(ev.time)} [${provider}]${ev.message ?? ''}`;
}
