// The same scenario read as the .etl, as `netsh trace convert` TXT and as `tracerpt -of XML` reaches the same
// diagnosis. netsh TXT carries no packet bytes (only "Packet Fragment (N bytes)"), so scenarios whose cause is
// visible only in the captured ClientHello/alert must fall back to a weaker but honest answer plus the
// NO_PACKET_CAPTURE gap — never to a wrong cause and never to "ok".
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplesDir } from '../helpers/paths.js';
import { openInput } from '../../src/ingest/index.js';
import { formatNetshLine } from '../../src/text/render/netsh-text.js';
import { formatTracerptEvent, TRACERPT_XML_HEAD, TRACERPT_XML_TAIL } from '../../src/text/render/tracerpt-xml.js';
import { analyzeFiles } from '../../src/pipeline/index.js';

/** Scenarios whose cause is proven only by packet bytes, which a netsh TXT dump does not contain. */
const NEEDS_PACKET_BYTES = new Set(['cipher-mismatch.etl', 'exo-dotnet-tls10.etl', 'win7-kb-schannel-off.etl']);

function errorCodes(path: string): { verdict: string; errors: string[]; all: string[] } {
  const r = analyzeFiles([path]);
  return {
    verdict: r.verdict,
    errors: r.findings.filter((f) => f.severity === 'error').map((f) => f.code).sort(),
    all: r.findings.map((f) => f.code),
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'tracedoctor-crossformat-'));
const names = readdirSync(samplesDir).filter((n) => n.endsWith('.etl'));

for (const name of names) {
  test(`${name}: ETL, tracerpt XML and netsh TXT agree`, () => {
    const input = openInput(join(samplesDir, name));
    const txt: string[] = [];
    const xml: string[] = [TRACERPT_XML_HEAD];
    for (const ev of input.events()) {
      txt.push(formatNetshLine(ev));
      xml.push(formatTracerptEvent(ev) + '\n');
    }
    input.close();
    xml.push(TRACERPT_XML_TAIL);
    const txtPath = join(tmp, `${name}.txt`);
    const xmlPath = join(tmp, `${name}.xml`);
    writeFileSync(txtPath, txt.join('\r\n') + '\r\n');
    writeFileSync(xmlPath, xml.join(''));

    const etl = errorCodes(join(samplesDir, name));
    const fromXml = errorCodes(xmlPath);
    const fromTxt = errorCodes(txtPath);
    assert.is(fromXml.verdict, etl.verdict, 'tracerpt XML verdict');
    assert.equal(fromXml.errors, etl.errors, 'tracerpt XML error findings');
    if (!NEEDS_PACKET_BYTES.has(name)) {
      assert.is(fromTxt.verdict, etl.verdict, 'netsh TXT verdict');
      assert.equal(fromTxt.errors, etl.errors, 'netsh TXT error findings');
    } else {
      assert.is.not(fromTxt.verdict, 'ok', 'a failing scenario never reads as ok');
      for (const code of fromTxt.errors) assert.ok(code === 'TLS_HANDSHAKE_FAILED' || etl.errors.includes(code), `no wrong cause: ${code}`);
      if (etl.all.includes('NO_PACKET_CAPTURE') === false) assert.ok(fromTxt.all.includes('NO_PACKET_CAPTURE'), 'the gap is named');
    }
  });
}

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
