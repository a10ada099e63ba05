// Opens a text export as a stream of TraceEvents. Each format's parser reads line by line or element by element
// from a chunked reader, so memory stays bounded whatever the file size.
import { ExitCode, TraceError } from '../common/errors.js';
import { detectEncoding } from './encoding.js';
import type { TextFormat } from './detect.js';
import type { ParseContext } from './event.js';
import type { TextExport } from './types.js';
import { LineReader, type TextLine } from './lines.js';
import { parseNetshText } from './netsh/parse.js';
import { parseWinHttpLog } from './winhttp-log/parse.js';
import { parseTracerptCsv } from './tracerpt-csv/parse.js';
import { parseEventXml } from './event-xml/parse.js';
import { parseErrorText } from './error-text/parse.js';
import type { TraceEvent } from '../decode/types.js';

export type { TextFormat } from './detect.js';
export { detectTextFormat, scanForErrorText } from './detect.js';
export type { InputMeta, TextExport } from './types.js';
export { formatNetshLine, netshTimestamp } from './render/netsh-text.js';
export { formatTracerptEvent, TRACERPT_XML_HEAD, TRACERPT_XML_TAIL } from './render/tracerpt-xml.js';
export { ERROR_CATALOG, CAPTURE_RECIPES } from './error-catalog.js';

type LineParser = (lines: Iterable<TextLine>, ctx: ParseContext) => Generator<TraceEvent>;

/** Line-oriented formats and their parsers. XML is read by element (Event Viewer writes it on one line). */
const LINE_PARSERS: Record<Exclude<TextFormat, 'tracerpt_xml' | 'schannel_event_xml'>, LineParser> = {
  netsh_txt: parseNetshText,
  pktmon_txt: parseNetshText,
  winhttp_log: parseWinHttpLog,
  tracerpt_csv: parseTracerptCsv,
  error_text: parseErrorText,
};

/** Opens `path` (already sniffed as `format` from `head`) for streaming. */
export function openTextExport(path: string, format: TextFormat, head: Uint8Array): TextExport {
  const enc = detectEncoding(head);
  if (!enc) throw new TraceError(`${format}: the text encoding could not be determined`, ExitCode.DATA_ERR, path, 0);
  const ctx: ParseContext = { file: path, meta: {}, issues: [] };
  const reader = new LineReader(path, enc);
  return {
    meta: ctx.meta,
    issues: ctx.issues,
    // Each call reads the file again from the start (positional reads); issues are those of the latest pass.
    events(): Generator<TraceEvent> {
      ctx.issues.length = 0;
      if (format === 'tracerpt_xml' || format === 'schannel_event_xml') return parseEventXml(reader, ctx, format);
      return LINE_PARSERS[format](reader.lines(), ctx);
    },
    close: () => reader.close(),
  };
}
