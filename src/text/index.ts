// Opens a text export as a stream of TraceEvents. Each format's parser reads line by line or element by element
// from a chunked reader, so memory stays bounded whatever the file size.
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';
import { detectEncoding } from './encoding.js';
import { textFormat, type TextFormat } from './formats.js';
import type { ParseContext } from './event.js';
import type { TextExport } from './types.js';
import { LineReader } from './lines.js';
import type { TraceEvent } from '../decode/types.js';

export { detectTextFormat, detectTextFormatFurther, TEXT_FORMATS, type TextFormat } from './formats.js';
export type { InputMeta, TextExport } from './types.js';
export { formatNetshLine, netshTimestamp } from './render/netsh-text.js';
export { formatTracerptEvent, TRACERPT_XML_HEAD, TRACERPT_XML_TAIL } from './render/tracerpt-xml.js';
export { ERROR_CATALOG } from './error-catalog.js';

/** Opens `path` (already sniffed as `format` from `head`) for streaming. */
export function openTextExport(path: string, format: TextFormat, head: Uint8Array): TextExport {
  const enc = detectEncoding(head);
  if (!enc) throw new TraceError(message('input.encoding_unknown', { format }), ExitCode.DATA_ERR, path, 0);
  const ctx: ParseContext = { file: path, meta: {}, issues: [] };
  const reader = new LineReader(path, enc);
  return {
    meta: ctx.meta,
    issues: ctx.issues,
    // Each call reads the file again from the start (positional reads); issues are those of the latest pass.
    events(): Generator<TraceEvent> {
      ctx.issues.length = 0;
      return textFormat(format).open(reader, ctx);
    },
    close: () => reader.close(),
  };
}
