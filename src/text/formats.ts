// The text exports this project reads: one row per format, with how it is recognised and how it is opened.
// Detection and opening both go through this table, and TextFormat is its list of names. Recognition is by the
// decoded first bytes (the caller passes up to 64 KiB), never by the file name; the first row that matches wins.
import type { TraceEvent } from '../decode/types.js';
import type { ParseContext } from './event.js';
import type { LineReader } from './lines.js';
import { NETSH_LINE_PREFIX, PKTMON_LINE_PREFIX, parseNetshText } from './netsh/parse.js';
import { parseWinHttpLog, WINHTTP_LOG_LINE } from './winhttp-log/parse.js';
import { parseTracerptCsv, TRACERPT_CSV_HEADER } from './tracerpt-csv/parse.js';
import { isEventLogXml, parseEventXml } from './event-xml/parse.js';
import { parseErrorText } from './error-text/parse.js';
import { looksLikeErrorText, scanForErrorText } from './error-text/recognise.js';

/** The head of a text file as the format rows see it: computed once, shared by every row. */
export interface HeadView {
  text: string;
  nonBlank: string[];
  /** The XML after its prolog when it starts with <Events> or <Event>. */
  eventXml?: string;
  /** Lines of each timestamped line layout in the first 400 lines. */
  lineCounts: { winhttp: number; netsh: number; pktmon: number };
}

function headView(text: string): HeadView {
  const lines = text.split(/\r?\n/, 400);
  const lineCounts = { winhttp: 0, netsh: 0, pktmon: 0 };
  for (const l of lines) {
    if (WINHTTP_LOG_LINE.test(l)) lineCounts.winhttp++;
    else if (NETSH_LINE_PREFIX.test(l)) lineCounts.netsh++;
    else if (PKTMON_LINE_PREFIX.test(l)) lineCounts.pktmon++;
  }
  const xml = afterXmlProlog(text);
  return {
    text,
    nonBlank: lines.filter((l) => l.trim() !== ''),
    ...(/^<Events?[\s>]/.test(xml) ? { eventXml: xml } : {}),
    lineCounts,
  };
}

/** Skips an XML declaration, comments and whitespace; returns the rest. */
function afterXmlProlog(text: string): string {
  let s = text.replace(/^\uFEFF/, '');
  for (;;) {
    const t = s.trimStart();
    if (t.startsWith('<?')) {
      const end = t.indexOf('?>');
      if (end < 0) return '';
      s = t.slice(end + 2);
    } else if (t.startsWith('<!--')) {
      const end = t.indexOf('-->');
      if (end < 0) return '';
      s = t.slice(end + 3);
    } else return t;
  }
}

interface TextFormatEntry {
  format: string;
  detect(head: HeadView): boolean;
  /** For a text file whose head no row recognises: whether this format shows further in (logs put errors late). */
  scan?(path: string, head: Uint8Array): boolean;
  /** The events of the file, read from `reader` (line by line, or element by element for XML). */
  open(reader: LineReader, ctx: ParseContext): Generator<TraceEvent>;
}

/** In the order of precedence. */
export const TEXT_FORMATS = [
  {
    // tracerpt's CSV header row within the first 5 non-blank lines.
    format: 'tracerpt_csv',
    detect: (h) => h.nonBlank.slice(0, 5).some((l) => TRACERPT_CSV_HEADER.test(l)),
    open: (reader, ctx) => parseTracerptCsv(reader.lines(), ctx),
  },
  {
    // XML starting with <Events> or <Event> (after declaration/comments) from an event-log export.
    format: 'schannel_event_xml',
    detect: (h) => h.eventXml !== undefined && isEventLogXml(h.eventXml),
    open: (reader, ctx) => parseEventXml(reader, ctx, 'schannel_event_xml'),
  },
  {
    // Any other such XML.
    format: 'tracerpt_xml',
    detect: (h) => h.eventXml !== undefined,
    open: (reader, ctx) => parseEventXml(reader, ctx, 'tracerpt_xml'),
  },
  {
    // Legacy WinHTTP trace lines, at least as many as netsh/pktmon lines.
    format: 'winhttp_log',
    detect: ({ lineCounts: n }) => n.winhttp > 0 && n.winhttp >= n.netsh + n.pktmon,
    open: (reader, ctx) => parseWinHttpLog(reader.lines(), ctx),
  },
  {
    // `[cpu]PID.TID::time [Provider]…` lines: more with pktmon's dates than with netsh's.
    format: 'pktmon_txt',
    detect: ({ lineCounts: n }) => n.pktmon > n.netsh,
    open: (reader, ctx) => parseNetshText(reader.lines(), ctx),
  },
  {
    // The same lines, netsh on a tie (both go through the same line grammar anyway).
    format: 'netsh_txt',
    detect: ({ lineCounts: n }) => n.netsh + n.pktmon > 0,
    open: (reader, ctx) => parseNetshText(reader.lines(), ctx),
  },
  {
    // Any message from the error catalog, in the head or further in.
    format: 'error_text',
    detect: (h) => looksLikeErrorText(h.text),
    scan: (path, head) => scanForErrorText(path, head),
    open: (reader, ctx) => parseErrorText(reader.lines(), ctx),
  },
] as const satisfies readonly TextFormatEntry[];

export type TextFormat = (typeof TEXT_FORMATS)[number]['format'];

/** The format of a decoded head of a text file, or undefined when no row recognises it. */
export function detectTextFormat(text: string): TextFormat | undefined {
  const head = headView(text);
  return TEXT_FORMATS.find((f) => f.detect(head))?.format;
}

/** The format a text file shows beyond its head (whose decoded text no row recognised), or undefined. */
export function detectTextFormatFurther(path: string, head: Uint8Array): TextFormat | undefined {
  return TEXT_FORMATS.find((f) => 'scan' in f && f.scan(path, head))?.format;
}

/** The row of a format. */
export function textFormat(format: TextFormat): TextFormatEntry {
  return TEXT_FORMATS.find((f) => f.format === format)!;
}
