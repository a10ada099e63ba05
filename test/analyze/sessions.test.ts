// Several inputs analysed together: traces of different machines or times are never joined (each connection is
// exactly what that trace alone gives, and names its input); a trace and its own netsh TXT or pasted error text are.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplesDir } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { openInput } from '../../src/ingest/index.js';
import { formatNetshLine } from '../../src/text/render/netsh-text.js';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { connectionRecord } from '../../src/report/analyze-json.js';
import { SessionPlan } from '../../src/pipeline/sessions.js';

const tmp = mkdtempSync(join(tmpdir(), 'td-sessions-'));
const sample = (n: string) => join(samplesDir, `${n}.etl`);
const cipher = (id: number) => `0x${id.toString(16)}`;

/** Connection records without the fields that depend on the other inputs (the id's position, the input name). */
function records(paths: string[], input?: string) {
  const r = analyzeFiles(paths);
  return r.connections
    .filter((c) => input === undefined || c.input === input)
    .map((c) => {
      const { id: _id, input: _input, ...rest } = connectionRecord(c, cipher);
      return rest;
    });
}

function errorCodes(paths: string[]): string[] {
  return [...new Set(analyzeFiles(paths).findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort();
}

for (const [a, b] of [
  ['dns-failure', 'proxy-pac-failure'],
  ['hcw-2012-tls10', 'healthy-tls12'],
  ['hcw-2012-tls10', 'hcw-2012-tls10-compressed'],
]) {
  test(`${a} + ${b}: each trace's connections are exactly its own, and no finding is lost`, () => {
    const both = [sample(a!), sample(b!)];
    assert.equal(records(both, sample(a!)), records([sample(a!)]), `${a}'s connections`);
    assert.equal(records(both, sample(b!)), records([sample(b!)]), `${b}'s connections`);
    const union = [...new Set([...errorCodes([sample(a!)]), ...errorCodes([sample(b!)])])].sort();
    assert.equal(errorCodes(both), union);
    for (const c of analyzeFiles(both).connections) assert.ok(c.input === sample(a!) || c.input === sample(b!), 'every connection names its input');
  });
}

function netshText(etl: string): string {
  const input = openInput(etl);
  const lines: string[] = [];
  for (const ev of input.events()) lines.push(formatNetshLine(ev));
  input.close();
  const path = join(tmp, `${etl.split('/').pop()}.txt`);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

test('an .etl and its own netsh TXT are one capture session: connections name the trace', () => {
  const etl = sample('hcw-2012-tls10');
  const txt = netshText(etl);
  const r = analyzeFiles([etl, txt]);
  assert.ok(r.connections.length > 0);
  for (const c of r.connections) assert.is(c.input, etl);
  assert.equal(errorCodes([etl, txt]), errorCodes([etl]));
});

test("an .etl and another trace's netsh TXT stay apart", () => {
  const etl = sample('hcw-2012-tls10');
  const txt = netshText(sample('dns-failure'));
  const r = analyzeFiles([txt, etl]);
  assert.ok(r.connections.some((c) => c.input === txt));
  assert.ok(r.connections.some((c) => c.input === etl));
  assert.equal(records([txt, etl], etl), records([etl]));
});

test('session plan: a zone-less export joins the trace at a whole-zone offset, not at another build or day', () => {
  const hour = 36_000_000_000n;
  const start = 133_752_716_400_000_000n;
  const plan = new SessionPlan();
  plan.trace('t.etl');
  plan.traceRange('t.etl', start, start + hour / 6n, 9200);
  assert.is(plan.textExport('local.txt', 'netsh_txt', start + 9n * hour + hour / 60n, 9200), 't.etl', 'UTC+9 local time');
  assert.is(plan.textExport('other-build.txt', 'netsh_txt', start + hour / 60n, 17763), 'other-build.txt');
  assert.is(plan.textExport('next-day.txt', 'netsh_txt', start + 30n * hour, 9200), 'next-day.txt');
  assert.is(plan.textExport('utc.xml', 'tracerpt_xml', start + 9n * hour, 9200), 'utc.xml', 'tracerpt times are UTC: no zone offset');
  assert.is(plan.textExport('untimed.txt', 'netsh_txt', undefined), 'untimed.txt');
});

test('session plan: pasted error text joins the only trace, and stands alone beside two', () => {
  const one = new SessionPlan();
  one.trace('t.etl');
  assert.is(one.errorText('err.txt'), 't.etl');
  const two = new SessionPlan();
  two.trace('a.etl');
  two.trace('b.etl');
  assert.is(two.errorText('err.txt'), 'err.txt');
});

test('batch: a case holding two traces keeps each trace\'s connections apart', () => {
  const cases = join(tmp, 'uploads');
  const caseDir = join(cases, 'case-two-traces');
  const out = join(tmp, 'out');
  copyInto(sample('dns-failure'), join(caseDir, 'dns-failure.etl'));
  copyInto(sample('proxy-pac-failure'), join(caseDir, 'proxy-pac-failure.etl'));
  const r = runCli(['batch', cases, '--out-dir', out]);
  assert.is(r.status, 1, r.stderr);
  const doc = JSON.parse(readFileSync(join(out, 'cases', 'case-two-traces.json'), 'utf8')) as { connections: { input: string; last_seen: string }[]; findings: { code: string }[] };
  const inputs = new Set(doc.connections.map((c) => c.input.split(/[\\/]/).pop()));
  assert.equal([...inputs].sort(), ['dns-failure.etl', 'proxy-pac-failure.etl']);
  assert.ok(doc.findings.some((f) => f.code === 'DNS_NAME_NOT_RESOLVED'));
  assert.ok(doc.findings.some((f) => f.code === 'PROXY_MISCONFIGURED'));
});

function copyInto(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

test.run();
