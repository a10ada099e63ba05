// tracerpt CSV and legacy WinHTTP text logs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { filetimeToIso } from '../../src/common/time.js';
import { byId, fixture, readAll } from './fixtures.js';
import { splitCsvRow } from '../../src/text/tracerpt-csv/parse.js';

test('tracerpt CSV: header row names the columns, user data gets manifest field names', () => {
  const { input, events } = readAll(fixture('tracerpt-webio.csv'));
  assert.is(input.format, 'tracerpt_csv');
  assert.is(events.length, 4);
  assert.is(input.meta.osBuild, 19045);
  assert.is(input.meta.osVersion, '10.0.19045');
  assert.is(input.meta.cpus, 8);
  assert.is(input.meta.loggerName, 'NetTrace');
  assert.is(input.meta.startTime, 133622161300000000n);
  const start = byId(events, 'Microsoft-Windows-WebIO', 728)[0]!;
  assert.is(start.fields.EnabledProtocols, 0xa0);
  assert.is(start.fields.Connection, '0x2A3F1B0');
  assert.is(start.pid, 0x1f30);
  assert.is(start.tid, 0x22a4);
  assert.is(start.cpu, 3);
  assert.is(filetimeToIso(start.time), '2024-06-07T06:42:10.1234567Z');
  assert.is(byId(events, 'Microsoft-Windows-WebIO', 729)[0]!.fields.EnabledProtocols, 0xa0, 'quoted flag names');
  const api = byId(events, 'Microsoft-Windows-WinHttp', 14)[0]!;
  assert.is(api.fields.Api, 'WinHttpSendRequest');
  assert.is(api.fields.Result, 12175);
});

test('CSV rows: quotes, doubled quotes, blanks after commas, empty cells', () => {
  assert.equal(splitCsvRow('a, "b, c", "say ""hi""", , d'), ['a', 'b, c', 'say "hi"', '', 'd']);
});

test('legacy WinHTTP log: calls, results, FALSE + error code, secure protocols option', () => {
  const { input, events } = readAll(fixture('winhttp-legacy-secure-failure.log'));
  assert.is(input.format, 'winhttp_log');
  const failures = byId(events, 'Microsoft-Windows-WinHttp', 11);
  assert.equal(
    failures.map((e) => [e.fields.Api, e.fields.Result, e.fields.ApiHandle]),
    [
      ['WinHttpSendRequest', 12175, '0x5a2e80'],
      ['WinHttpReceiveResponse', 12030, '0x5a3f00'],
    ],
  );
  const option = byId(events, 'Microsoft-Windows-WebIO', 15)[0]!;
  assert.is(option.fields.Option, 6);
  assert.is(option.fields.SecureProtocols, 0xa0);
  assert.is(option.fields.Request, '0x5a2e80');
  const opened = byId(events, 'Microsoft-Windows-WinHttp', 10).find((e) => e.fields.Api === 'WinHttpOpenRequest')!;
  assert.is(opened.fields.ApiHandle, '0x5a2e80');
  // Time of day only: day 0, so ordering works and the clock reads as printed.
  assert.is(filetimeToIso(failures[0]!.time), '1601-01-01T09:40:12.1800000Z');
});

test.run();
