// The chunked line reader: line numbers, byte offsets, CRLF, UTF-16 units and multi-byte characters split
// across chunk boundaries, over-long lines cut and flagged.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineReader } from '../../src/text/lines.js';
import { detectEncoding } from '../../src/text/encoding.js';
import { fixture, readAll } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'td-lines-'));

function read(bytes: Buffer, chunkSize: number, maxLineBytes?: number) {
  const p = join(tmp, `f${chunkSize}-${bytes.length}`);
  writeFileSync(p, bytes);
  const r = new LineReader(p, detectEncoding(bytes)!, { chunkSize, ...(maxLineBytes ? { maxLineBytes } : {}) });
  const out = [...r.lines()];
  r.close();
  return out;
}

const TEXT = 'first line\r\nSSL ライブラリで内部エラー\r\n\r\nlast without newline';

for (const chunk of [1, 3, 7, 64]) {
  test(`UTF-8 with BOM, chunk size ${chunk}: lines, numbers and byte offsets`, () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]);
    const lines = read(bytes, chunk);
    assert.equal(
      lines.map((l) => [l.text, l.line]),
      [
        ['first line', 1],
        ['SSL ライブラリで内部エラー', 2],
        ['', 3],
        ['last without newline', 4],
      ],
    );
    assert.is(lines[1]!.offset, 3 + Buffer.byteLength('first line\r\n'));
  });

  test(`UTF-16LE with BOM, chunk size ${chunk}`, () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    const lines = read(bytes, chunk);
    assert.equal(
      lines.map((l) => l.text),
      ['first line', 'SSL ライブラリで内部エラー', '', 'last without newline'],
    );
    assert.is(lines[1]!.offset, 2 + 2 * 'first line\r\n'.length);
  });
}

test('an over-long line is cut at the limit and flagged; the next line is intact', () => {
  const lines = read(Buffer.from('x'.repeat(5000) + '\nnext\n'), 256, 1000);
  assert.is(lines[0]!.text.length, 1000);
  assert.ok(lines[0]!.cut);
  assert.is(lines[1]!.text, 'next');
  assert.is(lines[1]!.offset, 5001);
});

test('netsh event whose text exceeds the line limit is kept, cut, and reported', () => {
  const p = join(tmp, 'long-event.txt');
  writeFileSync(
    p,
    '[0]0A1C.0B2C::2024/06/11-08:02:10.000000000 [Microsoft-Windows-WebIO]0x1: ' + 'A'.repeat(1100 * 1024) + '\n' +
      '[0]0A1C.0B2C::2024/06/11-08:02:10.100000000 [Microsoft-Windows-WebIO]0x2A3F1B0: SSL AcquireCredentialsHandle - (EnabledProtocols 160) (ClientCert 0x0) (EnableRevertToSelfClientCertificate 0)\n',
  );
  const { input, events } = readAll(p);
  assert.is(events.length, 2);
  assert.is(events[1]!.fields.EnabledProtocols, 160);
  assert.is(input.issues.length, 1);
  assert.match(input.issues[0]!.message, /^line 1: event text too long/);
});

test('binary junk inside a netsh dump stays one event of text; the dump goes on', () => {
  const p = join(tmp, 'junk.txt');
  const good = readFileSync(fixture('netsh-win7-winrm-tls.txt'), 'utf8');
  const lines = good.split('\n');
  lines.splice(3, 0, '\u0000\u0001\u0002\u00ff garbage \u0000');
  writeFileSync(p, lines.join('\n'));
  const { events } = readAll(p);
  assert.is(events.length, 14);
  assert.match(events[2]!.message ?? '', /garbage/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
