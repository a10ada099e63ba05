// `tracedoctor analyze` as a user runs it: exit codes, -o, and the real samples in ../shared (skipped without it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { hasShared, samplesDir, sharedEtlDir } from '../helpers/paths.js';
import { check, loadAnalyzeSchema } from './schema-check.js';
import { sharedTest } from '../helpers/when.js';

const dir = mkdtempSync(join(tmpdir(), 'td-analyze-'));
const pasted = join(dir, 'error.txt');
writeFileSync(
  pasted,
  'New-PSSession : [outlook.office365.com] Connecting to remote server outlook.office365.com failed with the following error message : ' +
    'The WinRM client cannot process the request because the server name cannot be resolved.\n',
);
const garbage = join(dir, 'garbage.bin');
writeFileSync(garbage, Buffer.from([0x00, 0x13, 0x37, 0xff, 0xfe, 0x00, 0x42, 0x99, 0x01, 0x02]));

test('a missing input exits 66 and names the file', () => {
  const r = runCli(['analyze', join(dir, 'no-such.etl')]);
  assert.is(r.status, 66);
  assert.match(r.stderr, /no-such\.etl/);
});

test('no input, or an unknown format, is a usage error (exit 2)', () => {
  assert.is(runCli(['analyze']).status, 2);
  assert.is(runCli(['analyze', pasted, '--format', 'xml']).status, 2);
});

test('an input that is not a trace is a warning next to the diagnosis of the others', () => {
  const r = runCli(['analyze', pasted, garbage, '--format', 'json']);
  assert.is(r.status, 1, 'the diagnosis of the pasted error decides the exit status');
  assert.match(r.stderr, /warning: .*garbage\.bin.*not analysed/);
  const rec = JSON.parse(r.stdout);
  assert.is(rec.inputs.length, 2);
  assert.is(rec.inputs[1].issues[0].kind, 'not_a_trace');
  assert.ok(!rec.findings.some((f: { code: string }) => f.code === 'EVENTS_LOST'), 'an input never read lost no events');
  assert.equal(check(rec, loadAnalyzeSchema()), []);
});

test('only inputs that are not traces: exit 65, and the report says nothing could be read', () => {
  const r = runCli(['analyze', garbage]);
  assert.is(r.status, 65);
  assert.match(r.stdout, /NOT ANALYSED: no input could be read/);
  assert.match(r.stdout, /garbage\.bin/);
});

test('a trace with a stray unreadable file: the trace\'s diagnosis and exit 1', () => {
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'call customer back on monday\n');
  const r = runCli(['analyze', join(samplesDir, 'hcw-2012-tls10.etl'), notes, join(dir, 'missing.etl'), '--format', 'json']);
  assert.is(r.status, 1);
  const rec = JSON.parse(r.stdout);
  assert.is(rec.verdict, 'failure');
  assert.equal(rec.inputs.map((i: { issues: { kind: string }[] }) => i.issues[0]?.kind ?? null), [null, 'not_a_trace', 'unreadable']);
  assert.match(r.stderr, /warning: .*notes\.txt/);
  assert.match(r.stderr, /warning: .*missing\.etl/);
});

test('a .zip or .cab given to analyze is refused as an archive (exit 65), on stdout too', () => {
  for (const [name, magic] of [['upload.zip', [0x50, 0x4b, 0x03, 0x04]], ['upload.cab', [0x4d, 0x53, 0x43, 0x46]]] as const) {
    const p = join(dir, name);
    writeFileSync(p, Buffer.from([...magic, 0, 0, 0, 0, 0, 0, 0, 0]));
    const r = runCli(['analyze', p]);
    assert.is(r.status, 65, name);
    assert.match(r.stdout, /this is an archive: use `tracedoctor batch` on it, or expand it/);
    assert.match(r.stderr, /this is an archive/);
    assert.not.match(r.stdout + r.stderr, /damaged|EVENTS_LOST/);
    const json = JSON.parse(runCli(['analyze', p, '--format', 'json']).stdout);
    assert.is(json.inputs[0].issues[0].kind, 'archive');
  }
});

test('-o writes the report to the file; an unwritable output exits 74', () => {
  const out = join(dir, 'report.csv');
  const ok = runCli(['analyze', pasted, '--format', 'csv', '-o', out]);
  // The pasted message is a known failure (WinHTTP 12007): verdict `failure`, exit 1.
  assert.is(ok.status, 1);
  assert.is(ok.stdout, '');
  assert.ok(existsSync(out));
  assert.match(readFileSync(out, 'utf8'), /^id,input,first_seen,/);
  const bad = runCli(['analyze', pasted, '-o', join(dir, 'missing-dir', 'x.json')]);
  assert.is(bad.status, 74);
  assert.match(bad.stderr, /cannot write output/);
});

test('human output never carries colour codes when NO_COLOR is set / not a TTY', () => {
  const r = runCli(['analyze', pasted]);
  assert.is(r.status, 1);
  assert.not.match(r.stdout, /\x1b\[/);
  assert.match(r.stdout, /^FAILURE: the error text shows WinHTTP 12007/);
});

test('a trace cut off mid-buffer exits 65 with what came before the damage and an EVENTS_LOST note', () => {
  const whole = join(samplesDir, 'hcw-2012-tls10.etl');
  const cut = join(dir, 'cut.etl');
  writeFileSync(cut, readFileSync(whole).subarray(0, 30000));
  const r = runCli(['analyze', cut, '--format', 'json']);
  assert.is(r.status, 65);
  assert.match(r.stderr, /cut\.etl: at byte 0x/);
  const rec = JSON.parse(r.stdout);
  assert.equal(check(rec, loadAnalyzeSchema()), []);
  assert.is(rec.inputs[0].damaged, true);
  assert.ok(rec.inputs[0].events > 0, 'events before the damage were analysed');
  assert.ok(rec.connections.length > 0);
  assert.ok(rec.findings.some((f: { code: string }) => f.code === 'EVENTS_LOST'));
});

const sample = (name: string) => join(sharedEtlDir, name);

sharedTest('real pktmon capture: packets only, truncated handshakes → NO_WINHTTP_EVENTS and CAPTURE_TRUNCATED', () => {
  const r = runCli(['analyze', sample('pktmon_nathaniel_vpn_7119f51.etl'), '--format', 'json']);
  assert.is(r.status, 0, r.stderr);
  const rec = JSON.parse(r.stdout);
  assert.equal(check(rec, loadAnalyzeSchema()), []);
  const codes = rec.findings.map((f: { code: string }) => f.code);
  assert.ok(codes.includes('NO_WINHTTP_EVENTS'));
  assert.ok(codes.includes('CAPTURE_TRUNCATED'));
  assert.not.ok(codes.includes('NO_PACKET_CAPTURE'));
  assert.not.ok(rec.findings.some((f: { severity: string }) => f.severity === 'error'), 'a truncated capture is not a failure');
  assert.is(rec.inputs[0].os_build, 19042);
  assert.ok(rec.connections.length > 0);
  assert.ok(rec.connections.every((c: { remote_port: number }) => c.remote_port === 443));
  // 128-byte snaps cut two ServerHellos before their version: the headline must not claim TLS 1.2 for those.
  const established = rec.connections.filter((c: { outcome: string }) => c.outcome === 'established');
  const unseen = established.filter((c: { server_selected_version: string | null }) => !c.server_selected_version).length;
  assert.ok(unseen > 0 && unseen < established.length, `${unseen} of ${established.length} without a version`);
  const human = runCli(['analyze', sample('pktmon_nathaniel_vpn_7119f51.etl')], { env: { COLUMNS: '200' } });
  assert.match(human.stdout.split('\n')[0]!, `(TLS 1.2; ${unseen} connection${unseen === 1 ? '' : 's'} without a visible version)`);
});

sharedTest('real netsh capture (one 802.11 SSDP frame): no WinHTTP events, no TCP connection, inconclusive', () => {
  const r = runCli(['analyze', sample('attackhost_netsh_ndis_trace.etl'), '--format', 'json']);
  assert.is(r.status, 0, r.stderr);
  const rec = JSON.parse(r.stdout);
  assert.is(rec.verdict, 'inconclusive');
  assert.equal(rec.findings.map((f: { code: string }) => f.code), ['NO_WINHTTP_EVENTS']);
  assert.is(rec.inputs[0].packets, 1);
});

sharedTest('real non-network traces analyse cleanly and report both gaps; a logger that lost events says so', () => {
  for (const name of ['tx_KernelNetwork.etl', 'perfview_smallEtlFile.etl', 'airbus_AMSITrace.etl']) {
    const r = runCli(['analyze', sample(name), '--format', 'json']);
    assert.is(r.status, 0, `${name}: ${r.stderr}`);
    const rec = JSON.parse(r.stdout);
    const codes = rec.findings.map((f: { code: string }) => f.code);
    assert.ok(codes.includes('NO_PACKET_CAPTURE') && codes.includes('NO_WINHTTP_EVENTS'), name);
    assert.is(codes.includes('EVENTS_LOST'), name === 'airbus_AMSITrace.etl', `${name}: EVENTS_LOST`);
  }
});

test.run();
