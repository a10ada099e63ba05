// What a lower layer says is a catalog key with its values; its English line (stderr, `info`, the JSON record, an
// Error's message) is the English catalog text, and the same message renders in any language.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ExitCode, TraceError } from '../../src/common/errors.js';
import { messages } from '../../src/common/i18n/catalog.js';
import { carriesMessage, decodeMessages, described, encodeMessage, englishText, message, messageText, type Message } from '../../src/common/message.js';

const ja = messages('ja');

test('a described fact: its English line is the catalog text with the values, nested messages rendered too', () => {
  const said = described('read.at_line', { line: 12, detail: message('read.raw_clock', { clock: '1234' }) });
  assert.is(said.message, 'line 12: Clock-Time 1234 is not a FILETIME (raw session clock); event times left at 0');
  assert.is(englishText(said.detail), said.message);
  assert.is(messageText(ja, said.detail).startsWith('12 行目'), true, messageText(ja, said.detail));
});

test('numbers are written without grouping, texts as they are', () => {
  assert.is(englishText(message('read.buffers_missing', { written: 12345, found: 7 })), 'the logfile header says 12345 buffers were written, the file ends after 7');
  assert.is(englishText(message('input.system_error', { text: 'ENOENT {found} \u0001' })), 'ENOENT {found} \u0001');
});

test('a TraceError said as a message: English message, describe() in the language asked for', () => {
  const err = new TraceError(message('input.no_logfile_marker', { found: '0x00000000' }), ExitCode.DATA_ERR, 'x.etl', 0x48);
  assert.is(err.message, 'not an ETL file: expected a logfile-header event marker (0xC0020002 or 0xC0010002) after the first buffer header, found 0x00000000');
  assert.is(err.describe(), `x.etl: at byte 0x48 (72): ${err.message}`);
  assert.ok(!err.describe(ja).includes('not an ETL file'), err.describe(ja));
  assert.ok(err.describe(ja).startsWith('x.etl: '), err.describe(ja));
  const plain = new TraceError('cannot write output: EACCES', ExitCode.IO_ERR, 'out.json');
  assert.is(plain.detail, undefined);
  assert.is(plain.describe(ja), 'out.json: cannot write output: EACCES');
});

test("a trace's own text with the mark characters in it stays as it is, next to a message that decodes", () => {
  const traceText = '\u0001{"key":"read.buffers_missing","params":{"written":1,"found":0}}\u0002 W\u0001 \u0002';
  const render = (x: Message) => englishText(x);
  assert.is(carriesMessage(traceText), false);
  assert.is(decodeMessages(traceText, render), traceText);
  const mixed = `${traceText} | ${encodeMessage(message('read.buffers_missing', { written: 2, found: 1 }))}`;
  assert.is(decodeMessages(mixed, render), `${traceText} | the logfile header says 2 buffers were written, the file ends after 1`);
});

test.run();
