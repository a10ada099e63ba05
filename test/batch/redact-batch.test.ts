import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sniffFormat } from '../../src/ingest/index.js';
import { runBatch } from '../../src/batch/run.js';
import { fakeAnalyzer, netshText, createScratch } from './fixtures.js';
import { buildZip } from './zip-writer.js';

const scratch = createScratch();

const SECRETS = ['10.20.30.40', '172.16.9.8', 'fe80::abcd:1234:5678:9abc', 'mail.contoso.com', 'contoso', 'jdoe',
  'SRV-EX01', 'fabrikam', 'S-1-5-21-1111111111-2222222222-3333333333'];

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

test('--redact leaves no original address, host, user or tenant in any output file', async () => {
  const root = scratch.dir('tracedoctor-redact-');
  const uploads = join(root, 'uploads');
  const caseDir = join(uploads, 'contoso.com-ticket-7');
  mkdirSync(caseDir, { recursive: true });
  const trace = netshText(
    'WinHttpSendRequest to mail.contoso.com (10.20.30.40:443) RESET by server',
    'user CONTOSO\\jdoe profile C:\\Users\\jdoe\\AppData\\Local\\Temp SID S-1-5-21-1111111111-2222222222-3333333333-1104',
    'Computer: SRV-EX01 source 172.16.9.8 link-local fe80::abcd:1234:5678:9abc',
    'proxy wpad.fabrikam.local, then outlook.office365.com and login.microsoftonline.com',
  );
  writeFileSync(join(caseDir, 'NetTrace.txt'), trace);
  writeFileSync(join(uploads, 'jdoe@contoso.com.zip'), buildZip([{ name: 'SRV-EX01/NetTrace.txt', data: trace }]));
  const outDir = join(root, 'out');
  const analyzer = fakeAnalyzer();
  const result = await runBatch(
    { paths: ['uploads'], outDir, cwd: root, redact: true, concurrency: 2, analysisVersion: 'test' },
    { analyze: analyzer.analyze, sniff: sniffFormat },
  );
  assert.is(result.outcomes.length, 2);
  assert.ok(result.outcomes.every((o) => o.row.status === 'ok'), 'both cases analysed');

  const files = allFiles(outDir);
  assert.is(files.length, 7, 'three tables, findings, state and two case documents');
  for (const file of [...files, ...files.map((f) => f.slice(outDir.length))]) {
    const text = file.startsWith(outDir) ? readFileSync(file, 'utf8') : file;
    for (const secret of SECRETS) {
      assert.not.ok(text.toLowerCase().includes(secret.toLowerCase()), `"${secret}" found in ${file}`);
    }
  }
  const findings = readFileSync(join(outDir, 'findings.jsonl'), 'utf8');
  assert.match(findings, /outlook\.office365\.com/, 'Microsoft service names stay readable');
  assert.match(findings, /login\.microsoftonline\.com/);
  assert.match(findings, /wpad\.tenant-\d+\.example/);
  const connections = readFileSync(join(outDir, 'connections.csv'), 'utf8');
  assert.match(connections, /192\.0\.2\.\d+/);

  // One pseudonym per original across all files of the run.
  const docs = readdirSync(join(outDir, 'cases')).map((n) => readFileSync(join(outDir, 'cases', n), 'utf8'));
  const servers = docs.map((d) => /"server_name": "([^"]+)"/.exec(d)?.[1]);
  assert.is(servers.length, 2);
  assert.is(servers[0], servers[1]);
  assert.match(servers[0]!, /^host-\d+\.tenant-\d+\.example$|^mail\.tenant-\d+\.example$/);
});

test('results written with --redact are not reused by a later run', async () => {
  const root = scratch.dir('tracedoctor-redact-');
  mkdirSync(join(root, 'uploads', 'c1'), { recursive: true });
  writeFileSync(join(root, 'uploads', 'c1', 'NetTrace.txt'), netshText('to 10.1.1.1'));
  const analyzer = fakeAnalyzer();
  const opts = { paths: ['uploads'], outDir: join(root, 'out'), cwd: root, analysisVersion: 'test' };
  await runBatch({ ...opts, redact: true }, { analyze: analyzer.analyze, sniff: sniffFormat });
  await runBatch({ ...opts, redact: true }, { analyze: analyzer.analyze, sniff: sniffFormat });
  await runBatch(opts, { analyze: analyzer.analyze, sniff: sniffFormat });
  assert.is(analyzer.calls.length, 3);
  await runBatch(opts, { analyze: analyzer.analyze, sniff: sniffFormat });
  assert.is(analyzer.calls.length, 3, 'an unredacted run is reused by the next unredacted run');
});

test.after(() => scratch.removeAll());

test.run();
