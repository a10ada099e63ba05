// `tracerpt -of XML` dumps and Event Viewer / wevtutil XML exports (`<Events><Event>…</Event>…</Events>` or a
// single `<Event>`). Read in chunks and cut at `</Event>` boundaries, so only one event is ever parsed at a time
// (Event Viewer writes the whole export on one line). Each event goes through fast-xml-parser:
// System (provider, ids, level, keywords, time, execution), EventData/UserData values by Name, and
// RenderingInfo/Message. When the data carries no names (classic events) the message is read back with the
// provider's templates, Windows 7 forms included.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FieldValue, Fields, TraceEvent } from '../../decode/types.js';
import { normalizeGuid } from '../../common/format.js';
import { textEvent, noteTime, lineIssue, type ParseContext } from '../event.js';
import { described, type Described } from '../../common/message.js';
import type { LineReader } from '../lines.js';
import { byteLength, type TextEncoding } from '../encoding.js';
import { parseTextTimestamp } from '../text-time.js';
import { canonicalProviderName, fieldNamesOf, matchMessage, providerGuid, renderMessage } from '../netsh/templates.js';
import { LEGACY_POSITIONAL_FIELDS } from '../netsh/templates-legacy.js';
import { convertValue } from '../netsh/values.js';
import { EVENT_TRACE_GUID, applyHeaderFields, isHeaderEvent } from '../header-event.js';
import { PROVIDER_GUIDS } from '../../windows/provider-guids.js';

/** Largest single <Event> we accept; a bigger one is damage, not data. */
const MAX_EVENT_CHARS = 4 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'Data' || name === 'Keyword' || name === 'Event',
});

type XmlNode = Record<string, unknown>;

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && '#text' in (v as XmlNode)) return text((v as XmlNode)['#text']);
  return undefined;
}

function attr(node: unknown, name: string): string | undefined {
  return node && typeof node === 'object' ? text((node as XmlNode)[`@_${name}`]) : undefined;
}

function int(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const s = v.trim();
  const n = /^0x/i.test(s) ? parseInt(s.slice(2), 16) : Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Index of the next `<Event` start tag (not `<Events`) at or after `from`. */
function nextEventStart(s: string, from: number): number {
  for (let i = s.indexOf('<Event', from); i >= 0; i = s.indexOf('<Event', i + 1)) {
    const c = s[i + 6];
    if (c === '>' || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '/') return i;
  }
  return -1;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Line and byte offset of the first character still in the buffer, so issues and events say where they are. */
class Cursor {
  line = 1;
  constructor(
    public byte: number,
    private readonly encoding: TextEncoding,
  ) {}

  /** Moves past `text` (consumed from the buffer's start). */
  advance(text: string): void {
    this.line += countNewlines(text, 0, text.length);
    this.byte += byteLength(text, this.encoding);
  }

  /** Line and byte offset of `buf[index]` without moving. */
  at(buf: string, index: number): { line: number; byte: number } {
    const head = buf.slice(0, index);
    return { line: this.line + countNewlines(head, 0, head.length), byte: this.byte + byteLength(head, this.encoding) };
  }
}

/** Event XML from an event-log export (Event Viewer / wevtutil) rather than tracerpt. */
export function isEventLogXml(xml: string): boolean {
  const firstProvider = /<Provider\s[^>]*Name\s*=\s*["']([^"']*)["']/.exec(xml)?.[1];
  const guids = xml.matchAll(/<Provider\s[^>]*Guid\s*=\s*["']\{?([0-9a-f-]{36})\}?["']/gi);
  const schannelGuid = [...guids].some((m) => m[1]!.toLowerCase() === PROVIDER_GUIDS.schannelWpp);
  const eventLogChannel = /<Channel>\s*(?:System|Application|Security)\s*<\/Channel>/.test(xml) && !/ProcessorID\s*=/.test(xml);
  return firstProvider === 'Schannel' || schannelGuid || eventLogChannel;
}

export function* parseEventXml(reader: LineReader, ctx: ParseContext, format: 'tracerpt_xml' | 'schannel_event_xml'): Generator<TraceEvent> {
  const stats = { events: 0, unknownEvents: 0, unmatchedMessages: 0, skippedLines: 0 };
  ctx.meta.textStats = stats;
  let buf = '';
  const cur = new Cursor(reader.enc.bomLength, reader.enc.encoding);
  const consume = (n: number) => {
    cur.advance(buf.slice(0, n));
    buf = buf.slice(n);
  };
  for (const chunk of reader.textChunks()) {
    buf += chunk;
    for (;;) {
      const start = nextEventStart(buf, 0);
      if (start < 0) {
        consume(Math.max(0, buf.length - 8)); // keep a possible partial `<Event` at the end only
        break;
      }
      const end = buf.indexOf('</Event>', start);
      if (end < 0) {
        if (buf.length - start > MAX_EVENT_CHARS) {
          const where = cur.at(buf, start);
          lineIssue(ctx, where.byte, where.line, described('read.event_too_long', { max: MAX_EVENT_CHARS }));
          consume(start + 6);
          continue;
        }
        consume(start);
        break;
      }
      consume(start);
      const xml = buf.slice(0, end - start + 8);
      const where = { line: cur.line, byte: cur.byte };
      consume(xml.length);
      const ev = eventFromXml(xml, where.line, where.byte, ctx, format, stats);
      if (ev) yield ev;
    }
  }
  const rest = nextEventStart(buf, 0);
  if (rest >= 0) {
    const where = cur.at(buf, rest);
    lineIssue(ctx, where.byte, where.line, described('read.ends_inside_event'), 'truncated');
  }
  if (stats.events === 0 && ctx.issues.length === 0) {
    ctx.issues.push({ kind: 'empty', file: ctx.file, offset: 0, ...described('read.no_event_elements') });
  }
}

/** `malformed <Event>: …` with the XML parser's own words, which the reports quote. */
function malformed(reason: string): Described {
  return described('read.malformed_event', { reason });
}

function eventFromXml(
  xml: string,
  line: number,
  offset: number,
  ctx: ParseContext,
  format: 'tracerpt_xml' | 'schannel_event_xml',
  stats: { events: number; unknownEvents: number; unmatchedMessages: number; skippedLines: number },
): TraceEvent | undefined {
  let doc: XmlNode;
  // The parser is lenient about mismatched tags; damage must be reported, not half-read.
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    lineIssue(ctx, offset, line + valid.err.line - 1, malformed(valid.err.msg));
    return undefined;
  }
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (err) {
    lineIssue(ctx, offset, line, malformed((err as Error).message.split('\n')[0]!));
    return undefined;
  }
  const event = (doc.Event as XmlNode[] | undefined)?.[0];
  if (!event) return undefined;
  const sys = (event.System ?? {}) as XmlNode;
  const providerNode = sys.Provider;
  const rawName = attr(providerNode, 'Name') ?? '';
  const rawGuid = attr(providerNode, 'Guid');
  const normalizedGuid = rawGuid ? normalizeGuid(rawGuid) : undefined;
  const provider = canonicalProviderName(rawName || (normalizedGuid === EVENT_TRACE_GUID ? 'EventTrace' : normalizedGuid ?? 'Unknown'));
  const guid = rawGuid ? normalizeGuid(rawGuid) : providerGuid(provider) ?? '';
  const id = int(text(sys.EventID)) ?? 0;
  const version = int(text(sys.Version)) ?? 0;
  const time = parseTextTimestamp(attr(sys.TimeCreated, 'SystemTime') ?? '') ?? 0n;
  const exec = sys.Execution;
  const rendering = (event.RenderingInfo ?? {}) as XmlNode;
  const renderedMessage = text(rendering.Message);
  const taskName = text(rendering.Task);

  // Values by name from EventData / UserData (UserData has one wrapper element of the provider's choosing).
  const fields: Fields = {};
  const positional: string[] = [];
  const schema = fieldNamesOf(provider, id, version);
  const schemaOf = (name: string) => schema?.find((s) => s.name === name);
  const put = (name: string, value: string) => {
    const f = schemaOf(name);
    fields[name] = convertValue(name, f?.type, value, provider, f?.map);
  };
  const eventData = event.EventData as XmlNode | undefined;
  if (eventData && typeof eventData === 'object') {
    for (const d of (eventData.Data as unknown[] | undefined) ?? []) {
      const name = attr(d, 'Name');
      const value = text(d) ?? '';
      if (name) put(name, value);
      else positional.push(value);
    }
    const binary = text(eventData.Binary);
    if (binary) fields.Binary = binary;
  }
  const userData = event.UserData as XmlNode | undefined;
  if (userData && typeof userData === 'object') {
    for (const [wrapper, inner] of Object.entries(userData)) {
      if (wrapper.startsWith('@_') || !inner || typeof inner !== 'object') continue;
      for (const [k, v] of Object.entries(inner as XmlNode)) {
        if (k.startsWith('@_')) continue;
        const value = text(v);
        if (value !== undefined) put(k, value);
        else if (v && typeof v === 'object') fields[k] = v as FieldValue;
      }
    }
  }
  if (positional.length) {
    const names = LEGACY_POSITIONAL_FIELDS[provider]?.[id];
    const byCount = names && names.length === positional.length ? names : schema && schema.length === positional.length ? schema.map((s) => s.name) : undefined;
    positional.forEach((v, i) => {
      const n = byCount?.[i];
      if (n) put(n, v);
      else fields[`Data${i + 1}`] = v;
    });
  }
  if (Object.keys(fields).length === 0 && renderedMessage) {
    const m = matchMessage(provider, renderedMessage);
    if (m) Object.assign(fields, m.fields);
    else stats.unmatchedMessages++;
  }
  const opcodeName = text(rendering.Opcode) ?? '';
  if (isHeaderEvent(provider, opcodeName) || isHeaderEvent(provider, taskName ?? '') || (provider === 'EventTrace' && 'LoggerName' in fields)) {
    applyHeaderFields(fields, ctx.meta);
  }
  if (format === 'schannel_event_xml') {
    const channel = text(sys.Channel);
    if (channel) fields.Channel = channel;
    const computer = text(sys.Computer);
    if (computer) fields.Computer = computer;
  }
  // Without RenderingInfo the message is rendered from the template, as netsh would print it.
  const message = renderedMessage ?? (Object.keys(fields).length ? renderMessage(provider, id, version, fields) : undefined);
  stats.events++;
  noteTime(ctx.meta, time);
  const keywords = text(sys.Keywords);
  let keyword = 0n;
  if (keywords && /^0x[0-9a-f]+$/i.test(keywords.trim())) keyword = BigInt(keywords.trim());
  const activityId = attr(sys.Correlation, 'ActivityID');
  return textEvent(ctx.file, {
    time,
    provider,
    providerGuid: guid,
    id,
    version,
    level: int(text(sys.Level)) ?? 0,
    task: int(text(sys.Task)) ?? 0,
    opcode: int(text(sys.Opcode)) ?? 0,
    keyword,
    pid: int(attr(exec, 'ProcessID')) ?? -1,
    tid: int(attr(exec, 'ThreadID')) ?? -1,
    cpu: int(attr(exec, 'ProcessorID')) ?? 0,
    fields,
    ...(message !== undefined ? { message } : {}),
    ...(taskName !== undefined ? { eventName: taskName } : {}),
    ...(activityId ? { activityId: normalizeGuid(activityId) } : {}),
    line,
    offset,
  });
}
