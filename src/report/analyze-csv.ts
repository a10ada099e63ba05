// `analyze --format csv`: one row per connection, the JSON connection fields flattened (lists joined with `;`),
// with what a support engineer files next to them: the input it came from, the title of the cause, the first
// fix and the KB. `--format findings-csv`: one row per finding and connection it names, and one row for each
// finding that names no connection (pasted error text, gaps), so no finding is left out of a spreadsheet.
import type { AnalysisResult } from '../pipeline/index.js';
import { connectionRecord, findingRecord } from './analyze-json.js';
import { toCsv, type CsvOptions } from './csv.js';
import { messages, type Lang } from '../common/i18n/catalog.js';

export interface AnalyzeCsvOptions extends CsvOptions {
  /** The language asked for (`--lang`) of the title, explanation and fix cells; English without it. Headers never change. */
  lang?: Lang;
}

function findingRecords(r: AnalysisResult, lang: Lang | undefined) {
  const m = messages(lang ?? 'en');
  return r.findings.map((f) => findingRecord(f, m));
}

export const ANALYZE_CSV_COLUMNS = [
  'id',
  'input',
  'first_seen',
  'last_seen',
  'pid',
  'process',
  'client_stack',
  'server_name',
  'remote_ip',
  'remote_port',
  'local_port',
  'destination_class',
  'packets',
  'packet_appearances',
  'winhttp_enabled_protocols',
  'app_secure_protocols',
  'client_offered_versions',
  'client_cipher_suites',
  'server_selected_version',
  'cipher',
  'certificate_subject',
  'certificate_issuer',
  'alert',
  'alert_from',
  'established',
  'reset_by',
  'winhttp_errors',
  'security_status',
  'truncated',
  'outcome',
  'finding_codes',
  'cause_title',
  'first_fix',
  'kb',
] as const;

type FindingRec = ReturnType<typeof findingRecord>;
type ConnectionRec = Readonly<Record<string, unknown>>;

/** The first step of a fix as one cell: its text, and the command to run when there is one. */
function firstFix(f: FindingRec): string | null {
  const step = (f.remediation ?? []).find((r) => !('heading' in r && r.heading));
  if (!step) return null;
  const run = step.powershell ?? step.command;
  return run && !step.text.includes(run) ? `${step.text} ${run}` : step.text;
}

function kbs(f: FindingRec): string[] {
  return [...new Set((f.remediation ?? []).map((r) => r.kb).filter((k): k is string => !!k))];
}

/**
 * A connection row from the JSON records (also used for batch's connections.csv): the connection's fields and
 * its cause — the first error finding that names it, else the first finding that does.
 */
export function connectionCsvRow(conn: ConnectionRec, findings: readonly FindingRec[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of ANALYZE_CSV_COLUMNS) row[c] = conn[c];
  const mine = findings.filter((f) => Array.isArray(f.connections) && f.connections.includes(conn.id as number));
  const cause = mine.find((f) => f.severity === 'error') ?? mine[0];
  row.cause_title = cause?.title ?? null;
  row.first_fix = cause ? firstFix(cause) : null;
  row.kb = cause ? kbs(cause) : [];
  return row;
}

export function renderAnalyzeCsv(r: AnalysisResult, cipherName: (id: number) => string, opts: AnalyzeCsvOptions = {}): string {
  const findings = findingRecords(r, opts.lang);
  return toCsv(
    ANALYZE_CSV_COLUMNS,
    r.connections.map((c) => connectionCsvRow(connectionRecord(c, cipherName), findings)),
    opts,
  );
}

export const FINDINGS_CSV_COLUMNS = [
  'code',
  'severity',
  'kind',
  'title',
  'explanation',
  'first_fix',
  'kb',
  'connection',
  'input',
  'process',
  'pid',
  'server_name',
  'remote_ip',
  'outcome',
  'first_evidence_time',
  'first_evidence',
] as const;

export function renderFindingsCsv(r: AnalysisResult, cipherName: (id: number) => string, opts: AnalyzeCsvOptions = {}): string {
  const byId = new Map(r.connections.map((c) => [c.id, connectionRecord(c, cipherName)]));
  const rows: Record<string, unknown>[] = [];
  for (const f of findingRecords(r, opts.lang)) {
    const base = {
      code: f.code,
      severity: f.severity,
      kind: f.kind,
      title: f.title,
      explanation: f.explanation,
      first_fix: firstFix(f),
      kb: kbs(f),
      first_evidence_time: f.evidence[0]?.time ?? null,
      first_evidence: f.evidence[0] ? `${f.evidence[0].source}: ${f.evidence[0].text}` : null,
    };
    const conns = f.connections.map((id) => byId.get(id)).filter((c) => c !== undefined);
    if (conns.length === 0) rows.push({ ...base, input: r.inputs.length === 1 ? r.inputs[0]!.path : null });
    for (const c of conns)
      rows.push({ ...base, connection: c.id, input: c.input, process: c.process, pid: c.pid, server_name: c.server_name, remote_ip: c.remote_ip, outcome: c.outcome });
  }
  return toCsv(FINDINGS_CSV_COLUMNS, rows, opts);
}
