// Content sniffing: every format is recognised from its bytes, whatever the file is called.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeHead, openInput, readHead, sniffFormat, sniffPath } from '../../src/ingest/index.js';
import { TraceError } from '../../src/common/errors.js';
import { fixture } from './fixtures.js';

const expected: [string, string][] = [
  ['netsh-win7-winrm-tls.txt', 'netsh_txt'],
  ['netsh-win10-enabledprotocols.txt', 'netsh_txt'],
  ['pktmon-format-tcp.txt', 'pktmon_txt'],
  ['pktmon-format-hex.txt', 'pktmon_txt'],
  ['tracerpt-win7-winrm-tls.xml', 'tracerpt_xml'],
  ['tracerpt-webio.csv', 'tracerpt_csv'],
  ['schannel-system-win7.xml', 'schannel_event_xml'],
  ['schannel-system-win10.xml', 'schannel_event_xml'],
  ['winhttp-legacy-secure-failure.log', 'winhttp_log'],
  ['error-text-ja.txt', 'error_text'],
  ['error-text-en.txt', 'error_text'],
];

for (const [name, format] of expected) {
  test(`${name} is sniffed as ${format}`, () => {
    assert.is(sniffFormat(readFileSync(fixture(name))), format);
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'td-detect-'));

test('the file name does not matter: a netsh dump named .xml is still netsh_txt', () => {
  const p = join(tmp, 'renamed.xml');
  copyFileSync(fixture('netsh-win7-winrm-tls.txt'), p);
  assert.is(openInput(p).format, 'netsh_txt');
});

test('UTF-16LE with BOM (Event Viewer / PowerShell redirection) is sniffed and read', () => {
  const p = join(tmp, 'utf16.xml');
  const text = readFileSync(fixture('schannel-system-win10.xml'), 'utf8');
  writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const input = openInput(p);
  assert.is(input.format, 'schannel_event_xml');
  const events = [...input.events()];
  input.close();
  assert.is(events.length, 4);
  assert.is(events[1]!.fields.AlertDesc, 70);
});

test('ETL is recognised by the log-file header marker at 0x48', () => {
  const head = new Uint8Array(0x100);
  new DataView(head.buffer).setUint32(0, 0x10000, true);
  new DataView(head.buffer).setUint32(0x48, 0xc0020002, true);
  assert.is(sniffFormat(head), 'etl');
  new DataView(head.buffer).setUint32(0x48, 0, true);
  new DataView(head.buffer).setUint16(0x36, 4, true);
  assert.is(sniffFormat(head), 'etl', 'BufferType HEADER');
  new DataView(head.buffer).setUint16(0x36, 0, true);
  assert.is(sniffFormat(head), undefined, 'zeros are nothing');
});

test('sniffPath also finds an error message beyond the head of a long log', () => {
  const p = join(tmp, 'transcript.txt');
  writeFileSync(p, 'PS> Get-Item .\n'.repeat(8000) + 'ERROR_WINHTTP_SECURE_FAILURE while performing WinHttpSendRequest operation.\n');
  assert.is(sniffFormat(readHead(p)), undefined, 'not in the first 64 KiB');
  assert.is(sniffPath(p), 'error_text');
  assert.is(sniffPath(fixture('tracerpt-webio.csv')), 'tracerpt_csv');
});

test('plain prose is not recognised', () => {
  assert.is(sniffFormat(Buffer.from('Dear support,\nthe connection fails sometimes.\nRegards\n')), undefined);
});

test('unrecognised input: TraceError 65 saying what the first bytes look like', () => {
  const p = join(tmp, 'upload.zip');
  writeFileSync(p, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
  try {
    openInput(p);
    assert.unreachable('should throw');
  } catch (err) {
    assert.instance(err, TraceError);
    const e = err as TraceError;
    assert.is(e.exitCode, 65);
    assert.match(e.message, /50 4b 03 04/);
    assert.match(e.message, /ZIP archive/);
  }
  assert.match(describeHead(Buffer.from('hello world\n')), /text \(utf-8\) starting "hello world"/);
});

test('empty file → 65; missing file and directory → 66', () => {
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  const dir = join(tmp, 'adir');
  mkdirSync(dir);
  const codes = [empty, join(tmp, 'missing.etl'), dir].map((p) => {
    try {
      openInput(p);
      return 0;
    } catch (err) {
      return (err as TraceError).exitCode;
    }
  });
  assert.equal(codes, [65, 66, 66]);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
