// Column sets of the batch outputs and the per-case summary drawn from an analyze document.
import { ANALYZE_CSV_COLUMNS } from '../report/analyze-csv.js';
import type { AnalyzeDocument, CaseRow, DocumentSummary } from './types.js';

export const CASE_COLUMNS: readonly (keyof CaseRow)[] = [
  'case_id', 'source', 'files', 'recognised_files', 'verdict', 'top_finding', 'finding_codes', 'server_names',
  'os_build', 'trace_start', 'trace_end', 'connections', 'failing_connections', 'status', 'exit_code', 'reused',
];

export const FILE_COLUMNS = ['case_id', 'path', 'size', 'sha256', 'format', 'status'] as const;

/** The analyze connection fields, exactly the columns of `analyze --format csv`. */
export const CONNECTION_FIELDS: readonly string[] = ANALYZE_CSV_COLUMNS;

export const CONNECTION_COLUMNS: readonly string[] = ['case_id', ...CONNECTION_FIELDS];

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** First non-empty value among `keys` of a record, looking one level into `meta`/`header` objects too. */
function pick(rec: Readonly<Record<string, unknown>>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = str(rec[k]);
    if (v !== undefined) return v;
  }
  for (const nested of ['meta', 'header', 'trace']) {
    const inner = rec[nested];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const v = pick(inner as Record<string, unknown>, keys);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

function unique(values: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const v of values) if (v) out.add(v);
  return [...out];
}

/** True for a connection the analysis did not see complete. */
function isFailing(conn: Readonly<Record<string, unknown>>): boolean {
  if (typeof conn.outcome === 'string') return !['established', 'negotiated', 'closed', 'ok'].includes(conn.outcome);
  return conn.established === false;
}

/** The analysis columns of a case row: everything that comes from the analyze document. */
export function summariseDocument(doc: AnalyzeDocument): DocumentSummary {
  const starts = unique(doc.inputs.map((i) => pick(i, ['trace_start', 'start', 'start_time', 'first_event']))).sort();
  const ends = unique(doc.inputs.map((i) => pick(i, ['trace_end', 'end', 'end_time', 'last_event']))).sort();
  const codes = unique(doc.findings.map((f) => str(f.code)));
  const summary = doc.summary as Record<string, unknown> | undefined;
  const firstError = doc.findings.find((f) => f.severity === 'error');
  return {
    verdict: doc.verdict,
    top_finding: str(summary?.top_finding) ?? str(firstError?.code) ?? '',
    finding_codes: codes.join(';'),
    server_names: unique(doc.connections.map((c) => str(c.server_name))).join(';'),
    os_build: unique(doc.inputs.map((i) => pick(i, ['os_build', 'osBuild', 'build', 'os_version', 'osVersion']))).join(';'),
    trace_start: starts[0] ?? '',
    trace_end: ends[ends.length - 1] ?? '',
    connections: doc.connections.length,
    failing_connections: doc.connections.filter(isFailing).length,
  };
}
