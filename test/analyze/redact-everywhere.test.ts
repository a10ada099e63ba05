// --redact on every command and format: a customer case folder, a TLS-inspecting proxy's certificate names and
// every address must not survive in any output; Microsoft service names and public CAs stay readable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { samplesDir } from '../helpers/paths.js';
import { createRedactor } from '../../src/report/redact.js';

const root = mkdtempSync(join(tmpdir(), 'td-redact-'));
const caseDir = join(root, 'uploads', 'Contoso-Case-2411050012');
mkdirSync(caseDir, { recursive: true });
const trace = join(caseDir, 'NetTrace.etl');
copyFileSync(join(samplesDir, 'tls-inspection-untrusted-root.etl'), trace);

/** Every identifier the unredacted outputs carry: addresses, the proxy CA's names, the case folder. */
function identifiers(): string[] {
  const json = runCli(['analyze', trace, '--format', 'json']).stdout;
  const flows = runCli(['flows', trace, '--format', 'jsonl']).stdout;
  const ids = new Set<string>(['Contoso', 'Contoso-Case-2411050012', 'uploads', 'Contoso Ltd', 'Contoso Proxy Root CA']);
  for (const m of (json + flows).matchAll(/\b(?:10|172|192|52|40|13|20)\.\d+\.\d+\.\d+\b/g)) ids.add(m[0]);
  assert.match(json, /O=Contoso Ltd, CN=Contoso Proxy Root CA/, 'the plain report names the proxy CA');
  return [...ids];
}

test('no original identifier in any output of analyze, events or flows with --redact', () => {
  const ids = identifiers();
  assert.ok(ids.length > 6);
  const ps1 = join(root, 'fix.ps1');
  const outputs: Record<string, string> = {};
  for (const f of ['human', 'json', 'csv', 'findings-csv']) outputs[`analyze ${f}`] = runCli(['analyze', trace, '--format', f, '--redact', '--fix-script', ps1, '--force']).stdout;
  outputs['fix script'] = readFileSync(ps1, 'utf8');
  for (const f of ['jsonl', 'csv']) outputs[`events ${f}`] = runCli(['events', trace, '--format', f, '--redact']).stdout;
  for (const f of ['human', 'csv', 'jsonl']) outputs[`flows ${f}`] = runCli(['flows', trace, '--format', f, '--redact']).stdout;
  const stderr = runCli(['analyze', trace, join(caseDir, 'missing.txt'), '--redact']).stderr;
  outputs['analyze warnings'] = stderr;
  for (const [name, text] of Object.entries(outputs)) {
    assert.ok(text.length > 0, `${name}: some output`);
    for (const id of ids) assert.not.ok(text.toLowerCase().includes(id.toLowerCase()), `${name}: "${id}" must not appear`);
  }
  assert.match(outputs['analyze json']!, /outlook\.office365\.com/, 'the service name stays readable');
  assert.match(outputs['analyze json']!, /CERTIFICATE_VALIDATION_FAILED/);
  assert.match(outputs['analyze json']!, /"certificate_issuer": "C=US, O=org-\d+, CN=name-\d+"/);
});

test('distinguished names: customer components replaced consistently, public CAs and service host names kept', () => {
  const r = createRedactor();
  const a = r.text('issuer C=US, O=Contoso Ltd, OU=IT Security, L=Redmond, CN=Contoso Proxy Root CA');
  const b = r.text('CN=Contoso Proxy Root CA, O=Contoso Ltd');
  assert.not.match(a + b, /Contoso|IT Security|Redmond/);
  assert.is(/CN=(name-\d+)/.exec(a)![1], /CN=(name-\d+)/.exec(b)![1], 'same CN, same pseudonym');
  assert.match(a, /C=US/);
  const ca = 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US';
  assert.is(r.text(ca), ca);
  assert.is(r.text('CN=outlook.office365.com'), 'CN=outlook.office365.com');
  assert.match(r.text('CN=proxy01.contoso.local'), /^CN=host-\d+\.tenant-\d+\.example$/);
});

test('paths: folders of absolute and input paths replaced, capture folders and file names kept', () => {
  const r = createRedactor();
  r.learnPath('cases/Fabrikam-77/NetTrace.etl');
  const t = r.text('read /srv/support/Fabrikam-77/NetTrace.etl and cases/Fabrikam-77/NetTrace.etl; tracefile=C:\\temp\\NetTrace.etl; D:\\Fabrikam\\logs\\x.txt');
  assert.not.match(t, /Fabrikam|support|srv|logs/, t);
  assert.match(t, /NetTrace\.etl/);
  assert.match(t, /C:\\temp\\NetTrace\.etl/);
});

test('pcapng --redact is refused with a clear message (exit 2), nothing written', () => {
  const out = join(root, 'x.pcapng');
  const r = runCli(['pcapng', trace, '-o', out, '--redact']);
  assert.is(r.status, 2);
  assert.match(r.stderr, /pcapng --redact is not supported: packet payloads/);
  assert.throws(() => readFileSync(out));
});

test.run();
