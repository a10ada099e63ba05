// What the text-format rows of formats.ts look at in the head of a file, and the scan further in for error text.
import { findErrorMatches, findStatedCodes, findUnknownErrorOutput } from './error-catalog.js';
import { detectEncoding } from './encoding.js';
import { LineReader } from './lines.js';

/** tracerpt's CSV header row (Vista+: `Event Name, Type, Event ID, …`; XP: `Event Name, Type, TID, …`), ending in User Data. */
export const TRACERPT_CSV_HEADER = /^\s*\uFEFF?"?Event Name"?\s*,\s*"?Type"?\s*,.*\bUser Data\b/i;
export const NETSH_PREFIX = /^\[\s*\d+\]\s*[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}::\s*(?:\d\d\/\d\d\/\d\d|\d{4}\/\d\d\/\d\d)-\d\d:\d\d:\d\d/;
export const PKTMON_PREFIX = /^\[\s*\d+\]\s*[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}::\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;
export const WINHTTP_LOG_LINE = /^\d\d:\d\d:\d\d\.\d{3}\s+::\*(?:\d+|Session)\*\s+::/;

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

/** The head of a text file as the format rows see it: computed once, shared by every row. */
export interface HeadView {
  text: string;
  nonBlank: string[];
  /** The XML after its prolog when it starts with <Events> or <Event>. */
  eventXml?: string;
  /** Lines of each timestamped line layout in the first 400 lines. */
  lineCounts: { winhttp: number; netsh: number; pktmon: number };
}

export function headView(text: string): HeadView {
  const lines = text.split(/\r?\n/, 400);
  const lineCounts = { winhttp: 0, netsh: 0, pktmon: 0 };
  for (const l of lines) {
    if (WINHTTP_LOG_LINE.test(l)) lineCounts.winhttp++;
    else if (NETSH_PREFIX.test(l)) lineCounts.netsh++;
    else if (PKTMON_PREFIX.test(l)) lineCounts.pktmon++;
  }
  const xml = afterXmlProlog(text);
  return {
    text,
    nonBlank: lines.filter((l) => l.trim() !== ''),
    ...(/^<Events?[\s>]/.test(xml) ? { eventXml: xml } : {}),
    lineCounts,
  };
}

/** Event XML from an event-log export (Event Viewer / wevtutil) rather than tracerpt. */
export function isEventLogXml(xml: string): boolean {
  const firstProvider = /<Provider\s[^>]*Name\s*=\s*["']([^"']*)["']/.exec(xml)?.[1];
  const schannelGuid = /<Provider\s[^>]*Guid\s*=\s*["']\{?1f678132-5938-4686-9fdc-c8ff68f15c85\}?["']/i.test(xml);
  const eventLogChannel = /<Channel>\s*(?:System|Application|Security)\s*<\/Channel>/.test(xml) && !/ProcessorID\s*=/.test(xml);
  return firstProvider === 'Schannel' || schannelGuid || eventLogChannel;
}

/**
 * Any message from the error catalog (WinRM/WinHTTP/HCW/AADSTS/.NET, English or Japanese), a WinHTTP HRESULT
 * (0x80072EFD), an ERROR_WINHTTP_* name or `error 12175`, or text shaped like PowerShell/WinRM/Entra error output
 * (FullyQualifiedErrorId, "failed with the following error message :", AADSTSnnnnn) whose message no row knows.
 */
export function looksLikeErrorText(text: string): boolean {
  if (findErrorMatches(text).length > 0) return true;
  // A bare `(12029)` is too weak alone; HRESULTs, ERROR_WINHTTP_* names and `error 12029` are not.
  if (findStatedCodes(text).some((c) => !c.text.startsWith('('))) return true;
  return findUnknownErrorOutput(text) !== undefined;
}

/** How far into an otherwise unrecognised text file we look for a known error message (logs put them late). */
export const ERROR_SCAN_BYTES = 16 * 1024 * 1024;

/**
 * True when a text file whose head matched no layout contains a known error message further in (an HCW or
 * PowerShell transcript log with the failure near its end). Reads line by line up to `maxBytes`.
 */
export function scanForErrorText(path: string, head: Uint8Array, maxBytes = ERROR_SCAN_BYTES): boolean {
  const enc = detectEncoding(head);
  if (!enc) return false;
  const reader = new LineReader(path, enc);
  try {
    // Each line together with the one before it, so a message broken over two lines is still seen.
    let previous = '';
    for (const l of reader.lines()) {
      if (l.offset > maxBytes) return false;
      const pair = `${previous} ${l.text}`;
      previous = l.text;
      if (findErrorMatches(pair).length > 0) return true;
      if (findStatedCodes(pair).some((c) => !c.text.startsWith('('))) return true;
    }
    return false;
  } finally {
    reader.close();
  }
}
