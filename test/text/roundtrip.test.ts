// The project's scenario traces written out as `netsh trace convert` TXT and `tracerpt -of XML`, then read
// back: every WebIO / TCPIP / DNS-Client / WinHttp / WinRM event comes back with the same id and the same value
// in every field the text carries. This is what makes a customer's text export diagnose like the trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplesDir } from '../helpers/paths.js';
import type { FieldValue, TraceEvent } from '../../src/decode/types.js';
import { openInput } from '../../src/ingest/index.js';
import { formatNetshLine } from '../../src/text/render/netsh-text.js';
import { formatTracerptEvent, TRACERPT_XML_HEAD, TRACERPT_XML_TAIL } from '../../src/text/render/tracerpt-xml.js';

const KEY = new Set([
  'Microsoft-Windows-WebIO',
  'Microsoft-Windows-TCPIP',
  'Microsoft-Windows-DNS-Client',
  'Microsoft-Windows-WinHttp',
  'Microsoft-Windows-WinRM',
]);

function canon(v: FieldValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  // Line breaks inside values come back as LF (the dump's CRLF is the line terminator).
  if (typeof v === 'string') return /^0x[0-9a-f]+$/i.test(v.trim()) ? BigInt(v.trim()).toString() : v.replace(/\r\n/g, '\n').trim();
  return JSON.stringify(v);
}

const tmp = mkdtempSync(join(tmpdir(), 'td-roundtrip-'));
const traces = readdirSync(samplesDir).filter((n) => n.endsWith('.etl'));

for (const name of traces) {
  test(`${name}: netsh TXT and tracerpt XML renderings read back to the same fields`, () => {
    const etl = openInput(join(samplesDir, name));
    const original: TraceEvent[] = [];
    const txt: string[] = [];
    const xml: string[] = [TRACERPT_XML_HEAD];
    for (const ev of etl.events()) {
      original.push(ev);
      txt.push(formatNetshLine(ev));
      xml.push(formatTracerptEvent(ev) + '\n');
    }
    etl.close();
    xml.push(TRACERPT_XML_TAIL);
    const txtPath = join(tmp, name + '.txt');
    const xmlPath = join(tmp, name + '.xml');
    writeFileSync(txtPath, txt.join('\r\n') + '\r\n');
    writeFileSync(xmlPath, xml.join(''));

    for (const [path, format] of [
      [txtPath, 'netsh_txt'],
      [xmlPath, 'tracerpt_xml'],
    ] as const) {
      const input = openInput(path);
      assert.is(input.format, format);
      const back = [...input.events()];
      input.close();
      assert.is(back.length, original.length, `${format}: one event per record`);
      let compared = 0;
      original.forEach((ev, i) => {
        if (!KEY.has(ev.provider) || !ev.message) return;
        const b = back[i]!;
        assert.is(b.provider, ev.provider);
        assert.is(b.time, ev.time, `${format} ${ev.provider}/${ev.id}: time`);
        assert.is(b.id, ev.id, `${format} line ${b.source.line}: ${ev.provider}/${ev.id} read back as ${b.id}: ${ev.message}`);
        for (const [field, value] of Object.entries(b.fields)) {
          if (!(field in ev.fields) || ev.fields[field] instanceof Uint8Array) continue;
          assert.is(canon(value), canon(ev.fields[field]), `${format} ${ev.provider}/${ev.id} ${field}: ${ev.message}`);
        }
        compared++;
      });
      assert.ok(compared > 0, `${format}: key events compared`);
    }
  });
}

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
