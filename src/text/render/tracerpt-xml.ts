// Writes decoded events as `tracerpt -of XML` does (one <Event> per record under <Events>): the inverse of
// event-xml/parse.ts, for producing the export a customer would have sent from a trace.
import type { FieldValue, TraceEvent } from '../../decode/types.js';
import { filetimeToIso } from '../../common/time.js';

const XML_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function esc(s: string): string {
  // Control characters other than TAB/LF/CR are not allowed in XML 1.0 at all.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A field value as tracerpt prints it: numbers in decimal, binary as 0x-hex, strings as they are. */
function valueText(v: FieldValue): string | undefined {
  if (v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return '0x' + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex').toUpperCase();
  return undefined; // structs and arrays: tracerpt flattens them differently; left out
}

/** `2006-08-21T13:00:35.614957600Z`: tracerpt's 9-digit SystemTime. */
function systemTime(ft: bigint): string {
  return filetimeToIso(ft).replace(/(\.\d{7})Z$/, '$100Z');
}

export function formatTracerptEvent(ev: TraceEvent): string {
  const name = ev.provider && !/^[0-9a-f]{8}-/i.test(ev.provider) ? ` Name="${esc(ev.provider)}"` : '';
  const guid = ev.providerGuid ? ` Guid="{${ev.providerGuid.toUpperCase()}}"` : '';
  const data = Object.entries(ev.fields)
    .map(([k, v]) => {
      const t = valueText(v);
      return t === undefined ? '' : `\t\t<Data Name="${esc(k)}">${esc(t)}</Data>\n`;
    })
    .join('');
  return (
    `<Event xmlns="${XML_NS}">\n` +
    `\t<System>\n` +
    `\t\t<Provider${name}${guid} />\n` +
    `\t\t<EventID>${ev.id}</EventID>\n` +
    `\t\t<Version>${ev.version}</Version>\n` +
    `\t\t<Level>${ev.level}</Level>\n` +
    `\t\t<Task>${ev.task}</Task>\n` +
    `\t\t<Opcode>${ev.opcode}</Opcode>\n` +
    `\t\t<Keywords>0x${ev.keyword.toString(16).toUpperCase()}</Keywords>\n` +
    `\t\t<TimeCreated SystemTime="${systemTime(ev.time)}" />\n` +
    (ev.activityId ? `\t\t<Correlation ActivityID="{${ev.activityId.toUpperCase()}}" />\n` : `\t\t<Correlation />\n`) +
    `\t\t<Execution ProcessID="${ev.pid >>> 0}" ThreadID="${ev.tid >>> 0}" ProcessorID="${ev.cpu}" KernelTime="0" UserTime="0" />\n` +
    `\t\t<Channel />\n\t\t<Computer />\n` +
    `\t</System>\n` +
    (data ? `\t<EventData>\n${data}\t</EventData>\n` : '') +
    (ev.message ? `\t<RenderingInfo Culture="en-US">\n\t\t<Message>${esc(ev.message)}</Message>\n\t</RenderingInfo>\n` : '') +
    `</Event>`
  );
}

export const TRACERPT_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<Events>\n';
export const TRACERPT_XML_TAIL = '</Events>\n';
