// `netsh trace convert` TXT dumps and `pktmon etl2txt` / `pktmon format` text: one event per
// `[cpu]PID.TID::time [Provider]message` line; physical lines that do not start with `[` continue the previous
// event (templates break lines at `%n`; pktmon prints the decoded packet indented under its event).
// The message is read back into fields with the provider's manifest templates (templates.ts).
import type { Fields, TraceEvent } from '../../decode/types.js';
import { textEvent, noteTime, lineIssue, type ParseContext } from '../event.js';
import { described } from '../../common/message.js';
import type { TextLine } from '../lines.js';
import { parseTextTimestamp } from '../text-time.js';
import { canonicalProviderName, matchMessage, providerGuid } from './templates.js';
import { parseHexDump, parsePacketLine } from './packet-line.js';

/** `[cpu]PID.TID::timestamp [Provider]message`, both netsh timestamp styles and pktmon's. */
const EVENT_LINE =
  /^\[\s*(\d+)\]\s*([0-9A-Fa-f]+)\.([0-9A-Fa-f]+)::\s*(\d\d\/\d\d\/\d\d-\d\d:\d\d:\d\d(?:\.\d+)?|\d{4}\/\d\d\/\d\d-\d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)\s+\[([^\]]*)\]\s?(.*)$/;
/** The line prefixes that tell the two text layouts apart: netsh's `/`-dates, pktmon's `-`-dates with a space. */
export const NETSH_LINE_PREFIX = /^\[\s*\d+\]\s*[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}::\s*(?:\d\d\/\d\d\/\d\d|\d{4}\/\d\d\/\d\d)-\d\d:\d\d:\d\d/;
export const PKTMON_LINE_PREFIX = /^\[\s*\d+\]\s*[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}::\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;
/** Events netsh could not format print without the usual prefix. */
const BARE_UNKNOWN = /^\[(?:Unknown)?\](?:\*\*\*)?\s*(.*)$/;

/** Continuation text kept per event (a runaway dump must not grow memory). */
const MAX_EVENT_CHARS = 256 * 1024;

interface Pending {
  line: TextLine;
  cpu: number;
  pid: number;
  tid: number;
  time: bigint;
  provider: string;
  first: string;
  more: string[];
  moreChars: number;
  cut: boolean;
}

export interface NetshStats {
  events: number;
  unknownEvents: number;
  unmatchedMessages: number;
  skippedLines: number;
}

export function* parseNetshText(lines: Iterable<TextLine>, ctx: ParseContext): Generator<TraceEvent> {
  const stats: NetshStats = { events: 0, unknownEvents: 0, unmatchedMessages: 0, skippedLines: 0 };
  ctx.meta.textStats = stats;
  let cur: Pending | undefined;
  let lastTime = 0n;
  let firstSkipped: TextLine | undefined;

  for (const l of lines) {
    const m = EVENT_LINE.exec(l.text);
    if (m) {
      if (cur) yield finish(cur, ctx, stats);
      const time = parseTextTimestamp(m[4]!) ?? lastTime;
      lastTime = time;
      cur = {
        line: l,
        cpu: Number(m[1]),
        pid: parseInt(m[2]!, 16),
        tid: parseInt(m[3]!, 16),
        time,
        provider: m[5]!.trim(),
        first: m[6]!,
        more: [],
        moreChars: 0,
        cut: l.cut,
      };
      continue;
    }
    const u = BARE_UNKNOWN.exec(l.text);
    if (u && l.text.startsWith('[')) {
      if (cur) yield finish(cur, ctx, stats);
      cur = { line: l, cpu: 0, pid: -1, tid: -1, time: lastTime, provider: 'Unknown', first: u[1]!, more: [], moreChars: 0, cut: l.cut };
      continue;
    }
    if (cur) {
      if (cur.moreChars + l.text.length <= MAX_EVENT_CHARS) {
        cur.more.push(l.text);
        cur.moreChars += l.text.length;
      } else cur.cut = true;
      continue;
    }
    if (l.text.trim() !== '') {
      stats.skippedLines++;
      firstSkipped ??= l;
    }
  }
  if (cur) yield finish(cur, ctx, stats);
  if (firstSkipped) {
    ctx.issues.push({
      kind: 'skipped_lines',
      file: ctx.file,
      offset: firstSkipped.offset,
      ...described(
        'read.lines_before_first_event',
        { count: stats.skippedLines, line: firstSkipped.line, text: firstSkipped.text.slice(0, 80) },
      ),
    });
  }
}

function finish(p: Pending, ctx: ParseContext, stats: NetshStats): TraceEvent {
  stats.events++;
  if (p.cut) {
    lineIssue(ctx, p.line.offset, p.line.line, described('read.event_text_too_long'));
  }
  noteTime(ctx.meta, p.time);
  const isUnknown = p.provider === '' || /^unknown$/i.test(p.provider);
  const provider = isUnknown ? 'Unknown' : canonicalProviderName(p.provider);
  const message = p.more.length ? [p.first, ...p.more].join('\n') : p.first;
  const base = { time: p.time, cpu: p.cpu, pid: p.pid, tid: p.tid, provider, line: p.line.line, offset: p.line.offset, message };
  if (isUnknown) {
    stats.unknownEvents++;
    return textEvent(ctx.file, { ...base, fields: { Text: message } });
  }
  const guid = providerGuid(provider) ?? '';
  // Whole message first (templates with %n span lines); then the first line, with what follows read as packet
  // lines or a hex dump.
  let match = matchMessage(provider, message);
  let extra: string[] = [];
  if (!match && p.more.length) {
    match = matchMessage(provider, p.first);
    extra = p.more;
  }
  if (!match) {
    stats.unmatchedMessages++;
    return textEvent(ctx.file, { ...base, providerGuid: guid });
  }
  const fields: Fields = { ...match.fields };
  if (match.rest !== undefined) extra = [...match.rest.split('\n'), ...extra];
  if (extra.length) addExtraLines(fields, extra);
  return textEvent(ctx.file, { ...base, providerGuid: guid || match.template.guid, id: match.template.id, version: match.template.version, fields });
}

/** Hex-dump lines: an offset column (`0x0000:` / `0000:`) followed by hex bytes. */
const HEX_DUMP_LINE = /^\s*(?:0x)?[0-9a-f]{4,8}:\s+[0-9a-f]{2}/i;

/**
 * Decoded packet summary (pktmon, tcpdump style) and a hex dump of the captured bytes (`pktmon format -x`,
 * NDIS fragments), when present: the summary's addresses and ports become fields, the bytes become
 * `Fragment` (NDIS) or `Payload` (pktmon), as in the ETL events.
 */
function addExtraLines(fields: Fields, extra: string[]): void {
  const hex = extra.filter((l) => HEX_DUMP_LINE.test(l));
  for (const line of extra) {
    if (HEX_DUMP_LINE.test(line)) continue;
    const pkt = parsePacketLine(line);
    if (pkt) {
      for (const [k, v] of Object.entries(pkt)) if (!(k in fields)) fields[k] = v;
      break;
    }
  }
  const bytes = hex.length ? parseHexDump(hex) : undefined;
  if (bytes) {
    if ('FragmentSize' in fields) fields.Fragment = bytes;
    else fields.Payload = bytes;
  }
}
