import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PassThrough } from 'node:stream';
import { CsvWriter, UTF8_BOM, formatCell, neutralizeCell, toCsv } from '../../src/report/csv.js';

/** A strict RFC 4180 reader (CRLF records, "" escapes), to check what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      cell += ch; i++; continue;
    }
    if (ch === '"' && cell === '') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(cell); cell = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue; }
    if (ch === '\r' || ch === '\n' || ch === '"') throw new Error(`bare ${JSON.stringify(ch)} outside quotes at ${i}`);
    cell += ch; i++;
  }
  if (cell !== '' || row.length > 0) throw new Error('last record not terminated by CRLF');
  return rows;
}

test('each formula trigger character gets a leading apostrophe', () => {
  for (const trigger of ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']) {
    const value = `${trigger}HYPERLINK("http://x.test","click")`;
    assert.is(neutralizeCell(value), `'${value}`, JSON.stringify(trigger));
    const [header, row] = parseCsv(toCsv(['v'], [[value]]));
    assert.equal(header, ['v']);
    assert.equal(row, [`'${value}`], JSON.stringify(trigger));
  }
});

test('classic injection payloads are neutralised; harmless text and numbers are not touched', () => {
  const payloads = ['=cmd|\' /C calc\'!A0', '+1+1', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0'];
  for (const p of payloads) assert.ok(formatCell(p).startsWith("'"), p);
  assert.is(formatCell('outlook.office365.com'), 'outlook.office365.com');
  assert.is(formatCell('a=b'), 'a=b');
  assert.is(formatCell(-5), '-5');
  assert.is(formatCell(12175n), '12175');
  assert.is(formatCell(['TLS 1.0', 'TLS 1.2']), 'TLS 1.0;TLS 1.2');
  assert.is(formatCell(['-x', 'y']), "'-x;y");
  assert.is(formatCell(undefined), '');
  assert.is(formatCell(null), '');
  assert.is(formatCell(true), 'true');
  assert.is(formatCell(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), '2024-01-02T03:04:05.000Z');
  assert.is(formatCell(Number.NaN), '');
});

test('quotes, commas and line breaks survive a round trip (RFC 4180, CRLF records)', () => {
  const values = ['say "hello"', 'a,b', 'line1\nline2', 'line1\r\nline2', 'plain', '', '日本語 SSL ライブラリ'];
  const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [values]);
  assert.ok(csv.endsWith('\r\n'));
  assert.ok(csv.includes('"say ""hello"""'));
  const rows = parseCsv(csv);
  assert.is(rows.length, 2);
  assert.equal(rows[1], values);
});

test('object rows follow the column order and leave missing fields empty', () => {
  const rows = parseCsv(toCsv(['id', 'name', 'missing'], [{ name: 'x', id: 3 }]));
  assert.equal(rows, [['id', 'name', 'missing'], ['3', 'x', '']]);
});

test('--excel adds a UTF-8 BOM only at the very start', () => {
  const withBom = toCsv(['a'], [['1'], ['2']], { excel: true });
  assert.ok(withBom.startsWith(UTF8_BOM));
  assert.is(withBom.split(UTF8_BOM).length, 2);
  assert.is(Buffer.from(withBom, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
  assert.not.ok(toCsv(['a'], [['1']]).startsWith(UTF8_BOM));
});

test('CsvWriter streams the same bytes as toCsv', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const w = new CsvWriter(out, ['a', 'b'], { excel: true });
  await w.writeRow(['=1+1', 'x,y']);
  await w.writeRow({ a: '@me', b: 'line\nbreak' });
  await w.end();
  const text = Buffer.concat(chunks).toString('utf8');
  assert.is(text, toCsv(['a', 'b'], [['=1+1', 'x,y'], { a: '@me', b: 'line\nbreak' }], { excel: true }));
  assert.equal(parseCsv(text.slice(1)), [['a', 'b'], ["'=1+1", 'x,y'], ["'@me", 'line\nbreak']]);
});

test.run();
