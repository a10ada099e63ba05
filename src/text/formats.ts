// The text exports this project reads: one row per format, with how it is recognised and how it is opened.
// Detection and opening both go through this table, and TextFormat is its list of names. Recognition is by the
// decoded first bytes (the caller passes up to 64 KiB), never by the file name; the first row that matches wins:
//   tracerpt_csv        a line (within the first 5 non-blank lines) `Event Name, Type, …, User Data` — tracerpt's CSV header.
//   schannel_event_xml  XML whose first element is <Events> or <Event> and that is an event-log export: the
//                       first events come from provider `Schannel` / {1f678132-…}, or a <Channel>System|Application|
//                       Security</Channel> appears without tracerpt's `ProcessorID=` attribute.
//   tracerpt_xml        any other XML starting with <Events> or <Event> (after declaration/comments).
//   winhttp_log         lines `hh:mm:ss.mmm ::*0000004* :: …` or `::*Session* :: …` (legacy WinHTTP trace), at least
//                       as many as netsh/pktmon lines.
//   pktmon_txt/netsh_txt lines `[cpu]PID.TID::time [Provider]…`: `/`-dates (`08/28/17-…`, `2025/03/27-…`) count for
//                       netsh, `-`-dates with a space (`2025-03-27 16:10:…`) for pktmon; the larger count wins,
//                       netsh on a tie (both go through the same line grammar anyway).
//   error_text          any message from the error catalog (see detect.ts looksLikeErrorText); for a text file
//                       that matches nothing in its head, openInput also scans further (scanForErrorText).
import type { TraceEvent } from '../decode/types.js';
import type { ParseContext } from './event.js';
import type { LineReader } from './lines.js';
import { headView, isEventLogXml, looksLikeErrorText, TRACERPT_CSV_HEADER, type HeadView } from './detect.js';
import { parseNetshText } from './netsh/parse.js';
import { parseWinHttpLog } from './winhttp-log/parse.js';
import { parseTracerptCsv } from './tracerpt-csv/parse.js';
import { parseEventXml } from './event-xml/parse.js';
import { parseErrorText } from './error-text/parse.js';

interface TextFormatEntry {
  format: string;
  detect(head: HeadView): boolean;
  /** The events of the file, read from `reader` (line by line, or element by element for XML). */
  open(reader: LineReader, ctx: ParseContext): Generator<TraceEvent>;
}

/** In the order of precedence. */
export const TEXT_FORMATS = [
  {
    format: 'tracerpt_csv',
    detect: (h) => h.nonBlank.slice(0, 5).some((l) => TRACERPT_CSV_HEADER.test(l)),
    open: (reader, ctx) => parseTracerptCsv(reader.lines(), ctx),
  },
  {
    format: 'schannel_event_xml',
    detect: (h) => h.eventXml !== undefined && isEventLogXml(h.eventXml),
    open: (reader, ctx) => parseEventXml(reader, ctx, 'schannel_event_xml'),
  },
  {
    format: 'tracerpt_xml',
    detect: (h) => h.eventXml !== undefined,
    open: (reader, ctx) => parseEventXml(reader, ctx, 'tracerpt_xml'),
  },
  {
    format: 'winhttp_log',
    detect: ({ lineCounts: n }) => n.winhttp > 0 && n.winhttp >= n.netsh + n.pktmon,
    open: (reader, ctx) => parseWinHttpLog(reader.lines(), ctx),
  },
  {
    format: 'pktmon_txt',
    detect: ({ lineCounts: n }) => n.pktmon > n.netsh,
    open: (reader, ctx) => parseNetshText(reader.lines(), ctx),
  },
  {
    format: 'netsh_txt',
    detect: ({ lineCounts: n }) => n.netsh + n.pktmon > 0,
    open: (reader, ctx) => parseNetshText(reader.lines(), ctx),
  },
  {
    format: 'error_text',
    detect: (h) => looksLikeErrorText(h.text),
    open: (reader, ctx) => parseErrorText(reader.lines(), ctx),
  },
] as const satisfies readonly TextFormatEntry[];

export type TextFormat = (typeof TEXT_FORMATS)[number]['format'];

/** The format of a decoded head of a text file, or undefined when no row recognises it. */
export function detectTextFormat(text: string): TextFormat | undefined {
  const head = headView(text);
  return TEXT_FORMATS.find((f) => f.detect(head))?.format;
}

/** The row of a format. */
export function textFormat(format: TextFormat): TextFormatEntry {
  return TEXT_FORMATS.find((f) => f.format === format)!;
}
