// `tracerpt file.etl -of CSV`: a header row (`Event Name, Type, Event ID, Version, Channel, Level, Opcode, Task,
// Keyword, PID, TID, Processor Number, Instance ID, Parent Instance ID, Activity ID, Related Activity ID,
// Clock-Time, Kernel(ms), User(ms), User Data`), then one row per event. Columns after `User Data` are the
// payload values in manifest order, so their count varies per event; they get their manifest field names when
// the provider's schema is in our template table, else `Field1`…; column names are taken from the header row,
// never assumed by position. Clock-Time is a FILETIME.
import type { Fields, TraceEvent } from '../../decode/types.js';
import { textEvent, noteTime, lineIssue, type ParseContext } from '../event.js';
import type { TextLine } from '../lines.js';
import { described } from '../../common/message.js';
import { fieldNamesOf, canonicalProviderName, providerGuid } from '../netsh/templates.js';
import { convertValue } from '../netsh/values.js';
import { HEADER_FIELD_NAMES, applyHeaderFields, isHeaderEvent } from '../header-event.js';

/** tracerpt's CSV header row (Vista+: `Event Name, Type, Event ID, …`; XP: `Event Name, Type, TID, …`), ending in User Data. */
export const TRACERPT_CSV_HEADER = /^\s*\uFEFF?"?Event Name"?\s*,\s*"?Type"?\s*,.*\bUser Data\b/i;

/** RFC 4180-ish split that also trims the blanks tracerpt puts after commas. */
export function splitCsvRow(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          v += line.slice(i);
          i = line.length;
          break;
        }
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const comma = line.indexOf(',', i);
      out.push(v);
      if (comma < 0) break;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        out.push(line.slice(i).trim());
        break;
      }
      out.push(line.slice(i, comma).trim());
      i = comma + 1;
    }
  }
  return out;
}

const FILETIME_MIN = 100000000000000000n; // 1917: smaller Clock-Time values are QPC/raw ticks, not FILETIME

export function* parseTracerptCsv(lines: Iterable<TextLine>, ctx: ParseContext): Generator<TraceEvent> {
  const stats = { events: 0, unknownEvents: 0, unmatchedMessages: 0, skippedLines: 0 };
  ctx.meta.textStats = stats;
  let columns: string[] | undefined;
  let col: Record<string, number> = {};
  let rawClockNoted = false;
  for (const l of lines) {
    if (l.text.trim() === '') continue;
    if (TRACERPT_CSV_HEADER.test(l.text)) {
      columns = splitCsvRow(l.text.replace(/^\uFEFF/, ''));
      col = {};
      columns.forEach((c, i) => (col[c.toLowerCase().replace(/\s+/g, '')] = i));
      continue;
    }
    if (!columns) {
      stats.skippedLines++;
      continue;
    }
    const cells = splitCsvRow(l.text);
    const cell = (name: string) => {
      const i = col[name];
      return i === undefined ? undefined : cells[i];
    };
    const eventName = cell('eventname') ?? '';
    const type = cell('type') ?? '';
    const id = Number(cell('eventid') ?? '0') || 0;
    const version = Number(cell('version') ?? '0') || 0;
    const userStart = col['userdata'];
    const values = userStart === undefined ? [] : cells.slice(userStart);
    const provider = canonicalProviderName(eventName);
    const fields: Fields = {};
    const header = isHeaderEvent(eventName, type);
    if (header) {
      values.forEach((v, i) => (fields[HEADER_FIELD_NAMES[i] ?? `Field${i + 1}`] = v));
      applyHeaderFields(fields, ctx.meta);
    } else {
      const names = fieldNamesOf(provider, id, version);
      values.forEach((v, i) => {
        const n = names?.[i];
        fields[n?.name ?? `Field${i + 1}`] = n ? convertValue(n.name, n.type, v, provider, n.map) : v;
      });
    }
    let time = 0n;
    const clock = cell('clock-time');
    if (clock && /^\d+$/.test(clock)) {
      const t = BigInt(clock);
      if (t >= FILETIME_MIN) time = t;
      // The header row's clock may be a raw value; only data rows matter for event times.
      else if (!header && !rawClockNoted) {
        rawClockNoted = true;
        lineIssue(ctx, l.offset, l.line, described('read.raw_clock', { clock }));
      }
    }
    noteTime(ctx.meta, time);
    const num = (name: string) => {
      const v = cell(name);
      if (v === undefined || v === '') return undefined;
      const n = /^0x/i.test(v) ? parseInt(v.slice(2), 16) : Number(v);
      return Number.isFinite(n) ? n : undefined;
    };
    stats.events++;
    yield textEvent(ctx.file, {
      time,
      provider,
      providerGuid: providerGuid(provider) ?? '',
      id,
      version,
      eventName: type || undefined,
      pid: num('pid') ?? -1,
      tid: num('tid') ?? -1,
      cpu: num('processornumber') ?? 0,
      level: num('level') ?? 0,
      fields,
      line: l.line,
      offset: l.offset,
    });
  }
  if (!columns) ctx.issues.push({ kind: 'empty', file: ctx.file, offset: 0, ...described('read.no_csv_header') });
  else if (stats.events === 0) ctx.issues.push({ kind: 'empty', file: ctx.file, offset: 0, ...described('read.no_csv_rows') });
}
