// analyze's outputs as a support engineer uses them: commands printed whole, the terminal width, --fix-script,
// -o rules, the CSV columns, --excel, findings-csv, filters and grouped healthy connections.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../helpers/csv.js';
import { runCli } from '../helpers/cli.js';
import { samplesDir } from '../helpers/paths.js';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { renderAnalyzeHuman } from '../../src/report/analyze-human.js';

const dir = mkdtempSync(join(tmpdir(), 'td-output-'));
const hcw = join(samplesDir, 'hcw-2012-tls10.etl');
const healthy = join(samplesDir, 'healthy-tls12.etl');
const PIPED = { COLUMNS: undefined };

interface Step { text: string; powershell: string | null; command: string | null; registry: { path: string; name: string; value: number } | null; kb: string | null }
const hcwJson = JSON.parse(runCli(['analyze', hcw, '--format', 'json']).stdout) as { findings: { code: string; severity: string; title: string; remediation: Step[] }[] };
const steps = hcwJson.findings.flatMap((f) => f.remediation);

/** Lines of prose: not a command line and carrying no registry path (those are kept whole on purpose). */
const prose = (out: string) => out.split('\n').filter((l) => !/^\s*(PS)?> /.test(l) && !/HK(LM|CU)/.test(l));

test('commands are printed whole on one line; no quoted registry path is broken', () => {
  for (const width of ['60', '80', '100']) {
    const out = runCli(['analyze', hcw, '--width', width]).stdout;
    const lines = out.split('\n');
    for (const s of steps) {
      if (s.powershell) assert.ok(lines.some((l) => l.trimStart() === `PS> ${s.powershell}`), `whole at ${width}: ${s.powershell}`);
      if (s.command && !s.text.includes(s.command)) assert.ok(lines.some((l) => l.trimStart() === `> ${s.command}`), `whole at ${width}: ${s.command}`);
    }
    for (const l of lines) if (l.includes("'HKLM:")) assert.is((l.match(/'/g) ?? []).length % 2, 0, `balanced quotes: ${l}`);
    assert.ok(lines.some((l) => l.includes('Internet Settings\\WinHttp\\DefaultSecureProtocols')), 'the path is whole in the prose too');
  }
});

test('human width: --width, then COLUMNS, 100 when piped', () => {
  const widest = (out: string) => Math.max(...prose(out).map((l) => l.length));
  const piped = runCli(['analyze', hcw], { env: PIPED }).stdout;
  assert.ok(widest(piped) <= 100 && widest(piped) > 80, `piped: ${widest(piped)}`);
  const cols = runCli(['analyze', hcw], { env: { COLUMNS: '72' } }).stdout;
  assert.ok(widest(cols) <= 72, `COLUMNS=72: ${widest(cols)}`);
  const opt = runCli(['analyze', hcw, '--width', '76'], { env: { COLUMNS: '130' } }).stdout;
  assert.ok(widest(opt) <= 76 && widest(opt) > 72, `--width 76 beats COLUMNS: ${widest(opt)}`);
  assert.is(runCli(['analyze', hcw, '--width', '7']).status, 2);
});

test('--fix-script writes a copy-safe commented .ps1 and a .reg with exactly the registry values of the diagnosis', () => {
  const ps1 = join(dir, 'fix.ps1');
  const r = runCli(['analyze', hcw, '--fix-script', ps1]);
  assert.is(r.status, 1);
  const bytes = readFileSync(ps1);
  assert.equal([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = bytes.toString('utf8').slice(1);
  assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), 'CRLF line ends');
  const lines = text.split('\r\n').filter((l) => l !== '');
  const executable = lines.filter((l) => !l.startsWith('#'));
  const registry = hcwJson.findings.filter((f) => f.severity === 'error').flatMap((f) => f.remediation).filter((s) => s.registry);
  assert.ok(registry.length >= 2);
  assert.equal(executable, ["$ErrorActionPreference = 'Stop'", ...registry.map((s) => s.powershell!)]);
  assert.ok(registry.some((s) => s.registry!.path.includes('Wow6432Node')), 'the 32-bit key of a 64-bit machine');
  for (const s of hcwJson.findings.filter((f) => f.severity === 'error').flatMap((f) => f.remediation)) assert.ok(text.includes(`# `) && text.includes(s.text), `commented: ${s.text}`);
  const reg = readFileSync(join(dir, 'fix.reg'));
  assert.equal([...reg.subarray(0, 2)], [0xff, 0xfe], 'UTF-16LE BOM');
  const regText = reg.subarray(2).toString('utf16le');
  assert.match(regText, /^Windows Registry Editor Version 5\.00\r\n/);
  for (const s of registry) {
    assert.ok(regText.includes(`[${s.registry!.path.replace(/^HKLM\\/, 'HKEY_LOCAL_MACHINE\\')}]`), s.registry!.path);
    assert.ok(regText.includes(`"${s.registry!.name}"=dword:${s.registry!.value.toString(16).padStart(8, '0')}`));
  }
  // An existing script is not replaced without --force.
  assert.is(runCli(['analyze', hcw, '--fix-script', ps1]).status, 74);
  assert.is(runCli(['analyze', hcw, '--fix-script', ps1, '--force']).status, 1);
});

test('-o refuses an existing file without --force (74); -o - is stdout', () => {
  const out = join(dir, 'report.txt');
  writeFileSync(out, 'keep me');
  const r = runCli(['analyze', hcw, '-o', out]);
  assert.is(r.status, 74);
  assert.match(r.stderr, /exists; use --force/);
  assert.is(readFileSync(out, 'utf8'), 'keep me');
  assert.is(runCli(['analyze', hcw, '-o', out, '--force']).status, 1);
  assert.match(readFileSync(out, 'utf8'), /^FAILURE/);
  const dash = runCli(['analyze', hcw, '-o', '-']);
  assert.match(dash.stdout, /^FAILURE/);
  assert.not.ok(existsSync(join(process.cwd(), '-')));
  rmSync(out);
});

test('CSV: input, cause, first fix, KB, cipher suites, certificate and Schannel status columns; --excel BOM', () => {
  const r = runCli(['analyze', hcw, '--format', 'csv', '--excel']);
  assert.ok(r.stdout.startsWith('\uFEFF'));
  const rows = parseCsv(r.stdout.slice(1));
  for (const c of ['input', 'cause_title', 'first_fix', 'kb', 'client_cipher_suites', 'certificate_subject', 'certificate_issuer', 'security_status']) assert.ok(c in rows[0]!, c);
  const row = rows[0]!;
  assert.is(row.input, hcw);
  assert.is(row.cause_title, hcwJson.findings.find((f) => f.code === 'WINHTTP_TLS12_NOT_OFFERED')!.title);
  assert.match(row.first_fix!, /KB3140245/);
  assert.match(row.kb!, /KB3140245/);
  assert.match(row.client_cipher_suites!, /TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA;/);
});

test('findings-csv lists findings that name no connection (pasted error text)', () => {
  const pasted = join(dir, 'error.txt');
  writeFileSync(pasted, 'New-PSSession : [outlook.office365.com] Connecting to remote server outlook.office365.com failed with the following error message : Encountered an internal error in the SSL library.\n');
  const conns = runCli(['analyze', pasted, '--format', 'csv']);
  assert.is(conns.stdout.trim().split('\n').length, 1, 'no connection in text');
  const r = runCli(['analyze', pasted, '--format', 'findings-csv']);
  assert.is(r.status, 1);
  const rows = parseCsv(r.stdout);
  const f = rows.find((x) => x.code === 'REPORTED_ERROR')!;
  assert.ok(f, 'REPORTED_ERROR row');
  assert.is(f.connection, '');
  assert.is(f.input, pasted);
  assert.ok(f.first_fix!.length > 0);
  const both = parseCsv(runCli(['analyze', hcw, '--format', 'findings-csv']).stdout);
  assert.ok(both.some((x) => x.code === 'WINHTTP_TLS12_NOT_OFFERED' && x.connection === '1' && x.server_name === 'outlook.office365.com'));
});

test('filters: --failed-only, --host, --pid, --outcome narrow the listed connections', () => {
  const ids = (args: string[]) => (JSON.parse(runCli(['analyze', hcw, healthy, '--format', 'json', ...args]).stdout) as { connections: { pid: number; outcome: string }[] }).connections;
  assert.is(ids([]).length, 2);
  assert.equal(ids(['--failed-only']).map((c) => c.outcome), ['tls_failed']);
  assert.equal(ids(['--outcome', 'established']).map((c) => c.pid), [4876]);
  assert.equal(ids(['--pid', '3968']).map((c) => c.pid), [3968]);
  assert.is(ids(['--host', '*.office365.com']).length, 2);
  assert.is(ids(['--host', 'login.microsoftonline.com']).length, 0);
  assert.is(runCli(['analyze', hcw, '--outcome', 'sideways']).status, 2);
});

test('healthy connections are grouped by server and process, with plurals', () => {
  const r = analyzeFiles([healthy]);
  const one = r.connections[0]!;
  const many = [1, 2, 3].map((id) => ({ ...one, id }));
  const out = renderAnalyzeHuman({ ...r, connections: many }, { color: false, cipherName: (id) => `0x${id.toString(16)}` });
  assert.match(out, new RegExp(`3 connections from pid 4876 to outlook\\.office365\\.com succeeded \\(TLS 1\\.2\\) \\(#1, #2, #3\\)`));
  assert.match(out, /OK: 3 connections completed/);
  const single = renderAnalyzeHuman(r, { color: false, cipherName: (id) => `0x${id.toString(16)}` });
  assert.match(single, /OK: 1 connection completed/);
  assert.match(single, /1 TCP flow \(/);
});

test.run();
