// What one fuzz input is run through: the work of `info`, `events` and `analyze` as library calls, with the
// checks the CLI relies on. A bad input must end in a TraceError (65 or 66) naming the file — anything else thrown,
// or output that is not valid JSON, is a finding.
import { openEtl } from '../../src/etl/index.js';
import { EventDecoder } from '../../src/decode/index.js';
import { buildInfo, infoJson, issueLines } from '../../src/report/info.js';
import { eventJsonLine, selectedEvents } from '../../src/report/events.js';
import { openInput, sniffPath } from '../../src/ingest/index.js';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { renderAnalyzeJson } from '../../src/report/analyze-json.js';
import { cipherSuiteName } from '../../src/net/index.js';
import { TraceError } from '../../src/common/errors.js';

export const TARGETS = ['scan', 'info', 'events', 'analyze'] as const;
export type Target = (typeof TARGETS)[number];

/** The CLI command that reproduces a target's run on a saved input. */
export function commandFor(target: Target, file: string): string {
  const cmd = target === 'scan' ? 'info' : target;
  return `node bin/tracedoctor.js ${cmd}${target === 'analyze' ? ' --format json' : target === 'info' ? ' --format json' : ''} ${file}`;
}

/** A broken promise of the CLI found by an input (not a thrown exception). */
export class OracleFailure extends Error {
  override name = 'OracleFailure';
}

function checkJson(text: string, what: string): void {
  try {
    JSON.parse(text);
  } catch (err) {
    throw new OracleFailure(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function checkIssues(issues: readonly { offset?: number }[]): void {
  for (const i of issues) {
    if (i.offset !== undefined && (!Number.isInteger(i.offset) || i.offset < 0)) throw new OracleFailure(`issue with offset ${i.offset}`);
  }
}

/** The record walk alone (what `info` counts), with every record fully read. */
function scan(path: string): void {
  const f = openEtl(path);
  try {
    f.scan((r) => {
      r.toRawEvent();
    });
    checkIssues(f.issues);
  } finally {
    f.close();
  }
}

function info(path: string): void {
  if (sniffPath(path) !== 'etl') return scan(path);
  const f = openEtl(path);
  try {
    checkJson(infoJson(buildInfo(f, new EventDecoder(path))), 'info JSON');
    checkIssues(f.issues);
    issueLines(path, f.issues);
  } finally {
    f.close();
  }
}

function events(path: string): void {
  if (sniffPath(path) !== 'etl') {
    const input = openInput(path);
    try {
      for (const ev of input.events()) checkJson(eventJsonLine(ev), 'event JSON line');
      checkIssues(input.issues);
    } finally {
      input.close();
    }
    return;
  }
  const f = openEtl(path);
  try {
    for (const ev of selectedEvents(f, new EventDecoder(path), { providers: [], ids: [] })) checkJson(eventJsonLine(ev), 'event JSON line');
    checkIssues(f.issues);
  } finally {
    f.close();
  }
}

function analyze(path: string): void {
  const r = analyzeFiles([path]);
  checkJson(renderAnalyzeJson(r, cipherSuiteName), 'analyze JSON');
  if (r.damage !== undefined && (r.damage.file === undefined || r.damage.offset === undefined)) {
    throw new OracleFailure(`damage reported without file and offset: ${r.damage.message}`);
  }
}

const RUN: Record<Target, (path: string) => void> = { scan, info, events, analyze };

/** Runs one target: `read` for a read to the end, `refused` for a typed refusal (exit 65/66); throws for a finding. */
export function runTarget(target: Target, path: string): 'read' | 'refused' {
  try {
    RUN[target](path);
    return 'read';
  } catch (err) {
    if (err instanceof TraceError && (err.exitCode === 65 || err.exitCode === 66) && err.file !== undefined) return 'refused';
    throw err;
  }
}
