// Which text export is this? Decided from the decoded first bytes (the caller passes up to 64 KiB), never from the
// file name. Rules, checked in this order (first match wins):
//   tracerpt_csv        a line (within the first 5 non-blank lines) `Event Name, Type, …, User Data` — tracerpt's CSV header.
//   schannel_event_xml  XML whose first element is <Events> or <Event> and that is an event-log export: the
//                       first events come from provider `Schannel` / {1f678132-…}, or a <Channel>System|Application|
//                       Security</Channel> appears without tracerpt's `ProcessorID=` attribute.
//   tracerpt_xml        any other XML starting with <Events> or <Event> (after declaration/comments).
//   winhttp_log         lines `hh:mm:ss.mmm ::*0000004* :: …` or `::*Session* :: …` (legacy WinHTTP trace).
//   netsh_txt/pktmon_txt lines `[cpu]PID.TID::time [Provider]…`: `/`-dates (`08/28/17-…`, `2025/03/27-…`) count for
//                       netsh, `-`-dates with a space (`2025-03-27 16:10:…`) for pktmon; the larger count wins,
//                       netsh on a tie (both go through the same line grammar anyway).
//   error_text          any message from the error catalog (WinRM/WinHTTP/HCW/AADSTS/.NET, English or Japanese),
//                       or a WinHTTP HRESULT (0x80072EFD), an ERROR_WINHTTP_* name or `error 12175`; for a text
//                       file that matches nothing in its head, openInput also scans up to 16 MiB further
//                       (scanForErrorText): HCW and transcript logs report the failure near their end.
import { findErrorMatches, findStatedCodes } from './error-catalog.js';
import { detectEncoding } from './encoding.js';
import { LineReader } from './lines.js';

export type TextFormat =
  | 'netsh_txt'
  | 'tracerpt_xml'
  | 'tracerpt_csv'
  | 'winhttp_log'
  | 'pktmon_txt'
  | 'schannel_event_xml'
  | 'error_text';

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

export function detectTextFormat(text: string): TextFormat | undefined {
  const lines = text.split(/\r?\n/, 400);
  const nonBlank = lines.filter((l) => l.trim() !== '');
  if (nonBlank.slice(0, 5).some((l) => TRACERPT_CSV_HEADER.test(l))) return 'tracerpt_csv';

  const xml = afterXmlProlog(text);
  if (/^<Events?[\s>]/.test(xml)) {
    const firstProvider = /<Provider\s[^>]*Name\s*=\s*["']([^"']*)["']/.exec(xml)?.[1];
    const schannelGuid = /<Provider\s[^>]*Guid\s*=\s*["']\{?1f678132-5938-4686-9fdc-c8ff68f15c85\}?["']/i.test(xml);
    const eventLogChannel = /<Channel>\s*(?:System|Application|Security)\s*<\/Channel>/.test(xml) && !/ProcessorID\s*=/.test(xml);
    if (firstProvider === 'Schannel' || schannelGuid || eventLogChannel) return 'schannel_event_xml';
    return 'tracerpt_xml';
  }

  let winhttp = 0;
  let netsh = 0;
  let pktmon = 0;
  for (const l of lines) {
    if (WINHTTP_LOG_LINE.test(l)) winhttp++;
    else if (NETSH_PREFIX.test(l)) netsh++;
    else if (PKTMON_PREFIX.test(l)) pktmon++;
  }
  if (winhttp > 0 && winhttp >= netsh + pktmon) return 'winhttp_log';
  if (netsh + pktmon > 0) return pktmon > netsh ? 'pktmon_txt' : 'netsh_txt';
  if (findErrorMatches(text).length > 0) return 'error_text';
  // A bare `(12029)` is too weak alone; HRESULTs, ERROR_WINHTTP_* names and `error 12029` are not.
  if (findStatedCodes(text).some((c) => !c.text.startsWith('('))) return 'error_text';
  return undefined;
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
