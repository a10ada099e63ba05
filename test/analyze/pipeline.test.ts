// The library entry point other commands (batch) call.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { TraceError } from '../../src/common/errors.js';
import { samplesDir } from '../helpers/paths.js';

test('a legacy WinHTTP log without a connection in it is not told it lacks WinHTTP logging', () => {
  // The log of a request that went well: WinHTTP's own text trace, with nothing the analysis ties to a connection.
  const log = join(mkdtempSync(join(tmpdir(), 'td-winhttp-log-')), 'dpws-WINHTTP.log');
  writeFileSync(
    log,
    [
      '16:51:47.893 ::*0000004* :: WinHttpSendRequest(0x36aae0, "", 0, 0x0, 0, 658, 0)',
      '16:51:47.893 ::*0000004* :: WinHttpSendRequest() returning TRUE',
      '16:51:47.899 ::*0000004* :: WinHttpReceiveResponse(0x36aae0, 0x0)',
      '16:51:47.899 ::*0000004* :: WinHttpReceiveResponse() returning TRUE',
      '',
    ].join('\r\n'),
  );
  const r = analyzeFiles([log]);
  assert.is(r.inputs[0]!.format, 'winhttp_log');
  const codes = r.findings.map((f) => f.code);
  assert.not.ok(codes.includes('NO_WINHTTP_EVENTS'), codes.join(' '));
  assert.ok(codes.includes('NO_PACKET_CAPTURE'), codes.join(' '));
});

test('analyzeFiles throws TraceError 66 for a missing input', () => {
  try {
    analyzeFiles([join(samplesDir, 'does-not-exist.etl')]);
    assert.unreachable('should have thrown');
  } catch (err) {
    assert.instance(err, TraceError);
    assert.is((err as TraceError).exitCode, 66);
  }
});

test('analyzeFiles over two inputs reports both and correlates them together', () => {
  const a = join(samplesDir, 'hcw-2012-tls10.etl');
  const b = join(samplesDir, 'healthy-tls12.etl');
  const seen: string[] = [];
  const r = analyzeFiles([a, b], { onInput: (i) => seen.push(i.path) });
  assert.equal(seen, [a, b]);
  assert.is(r.inputs.length, 2);
  assert.is(r.verdict, 'failure');
  assert.is(r.context.osBuild, 9200, 'the lowest build of the inputs');
  assert.ok(r.connections.some((c) => c.outcome === 'established'));
  assert.ok(r.connections.some((c) => c.findingCodes.includes('WINHTTP_TLS12_NOT_OFFERED')));
  assert.is(r.damage, undefined);
  assert.equal(r.connections.map((c) => c.id), r.connections.map((_c, i) => i + 1));
});

test.run();
