// Golden test over samples/hcw-2012-no-capture.etl: the HCW / Server 2012 failure traced without packets. The
// expected values come from the scenario (WebIO 705 carries a TLS 1.0 ClientHello, EnabledProtocols 0xA0).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { samplesDir } from '../helpers/paths.js';
import { check, loadAnalyzeSchema } from './schema-check.js';

const dir = process.env.TRACEDOCTOR_SAMPLES_DIR ?? samplesDir;

interface Rec {
  verdict: string;
  inputs: { packets: number; damaged: boolean }[];
  findings: { code: string; severity: string; explanation: string; evidence: { source: string; text: string }[] }[];
  connections: Record<string, unknown>[];
}

test('hcw-2012-no-capture: no packets, the TLS 1.0 ClientHello read from WebIO 705, WinHTTP offers no TLS 1.2', () => {
  const path = join(dir, 'hcw-2012-no-capture.etl');
  const r = runCli(['analyze', path, '--format', 'json']);
  const rec = JSON.parse(r.stdout) as Rec;
  assert.equal(check(rec, loadAnalyzeSchema()), [], 'schema');
  assert.is(r.status, 1);
  assert.is(rec.verdict, 'failure');
  assert.is(rec.inputs[0]!.packets, 0);
  assert.is(rec.inputs[0]!.damaged, false);
  const codes = rec.findings.map((f) => f.code);
  assert.equal(rec.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['WINHTTP_TLS12_NOT_OFFERED']);
  assert.ok(codes.includes('NO_PACKET_CAPTURE'));
  assert.is(rec.connections.length, 1);
  const c = rec.connections[0]!;
  assert.equal(c.client_offered_versions, ['TLS 1.0']);
  assert.is(c.winhttp_enabled_protocols, '0x000000A0');
  assert.is(c.server_name, 'outlook.office365.com');
  assert.is(c.outcome, 'tls_failed');
  const cause = rec.findings.find((f) => f.code === 'WINHTTP_TLS12_NOT_OFFERED')!;
  assert.ok(cause.evidence.some((e) => e.source === 'Microsoft-Windows-WebIO/705' && /ClientHello .*offers TLS 1\.0/.test(e.text)));
  assert.match(rec.findings.find((f) => f.code === 'NO_PACKET_CAPTURE')!.explanation, /WebIO's own logging/);
});

test.run();
