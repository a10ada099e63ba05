// A case's rows of the run-wide connections and findings tables, rendered once as table text (CSV records or
// JSON Lines, without the header) where the case's document is made — in the analysis thread when it can be —
// and kept as fragment files in `<out>/.parts` until the run's tables are written in case order. So the main
// thread neither parses a case's document again nor renders its rows twice, and batch scales with its workers.
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { csvHeader, toCsv } from '../report/csv.js';
import { connectionCsvRow } from '../report/analyze-csv.js';
import { CONNECTION_COLUMNS } from './rows.js';
import type { AnalyzeDocument, TableFormat } from './types.js';

export type Row = Record<string, unknown>;

/** The connections and findings table text of one case. */
export interface CaseTables {
  connections: string;
  findings: string;
}

/** The rows one case contributes to the connections and findings tables. */
export function caseRows(caseId: string, doc: AnalyzeDocument): { connections: Row[]; findings: Row[] } {
  const findings = (doc.findings ?? []) as Parameters<typeof connectionCsvRow>[1];
  return {
    connections: (doc.connections ?? []).map((conn) => ({ case_id: caseId, ...connectionCsvRow(conn, findings) })),
    findings: (doc.findings ?? []).map((finding) => ({ case_id: caseId, ...finding })),
  };
}

/** Rows as table text without a header: CSV records, or one JSON object per line in column order. */
export function tableText(format: TableFormat, columns: readonly string[], rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  if (format === 'csv') return toCsv(columns, rows).slice(csvHeader(columns).length);
  return rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) + '\n').join('');
}

/** Findings are JSON Lines in every format: each line the whole finding with its case id first. */
function findingsText(rows: readonly Row[]): string {
  return rows.map((f) => JSON.stringify(f) + '\n').join('');
}

export function renderCaseTables(caseId: string, doc: AnalyzeDocument, format: TableFormat): CaseTables {
  const rows = caseRows(caseId, doc);
  return { connections: tableText(format, CONNECTION_COLUMNS, rows.connections), findings: findingsText(rows.findings) };
}

/** Where a run keeps its cases' table fragments; removed when the run's tables are written. */
export function partsDir(outDir: string): string {
  return join(outDir, '.parts');
}

function partPath(outDir: string, caseId: string, table: keyof CaseTables, format: TableFormat): string {
  return join(partsDir(outDir), `${caseId}.${table}.${table === 'findings' ? 'jsonl' : format}`);
}

export async function writeCaseTables(outDir: string, caseId: string, format: TableFormat, tables: CaseTables): Promise<void> {
  await mkdir(partsDir(outDir), { recursive: true });
  await writeFile(partPath(outDir, caseId, 'connections', format), tables.connections);
  await writeFile(partPath(outDir, caseId, 'findings', format), tables.findings);
}

/**
 * A case's table text: its fragments when this run wrote them, otherwise rendered from its analyze document
 * (a case reused from an earlier run, or analysed by a queue worker elsewhere); empty without a document.
 */
export async function readCaseTables(outDir: string, caseId: string, format: TableFormat, documentPath: string | undefined): Promise<CaseTables> {
  if (!documentPath) return { connections: '', findings: '' };
  try {
    return {
      connections: await readFile(partPath(outDir, caseId, 'connections', format), 'utf8'),
      findings: await readFile(partPath(outDir, caseId, 'findings', format), 'utf8'),
    };
  } catch {
    const doc = JSON.parse(await readFile(documentPath, 'utf8')) as AnalyzeDocument;
    return renderCaseTables(caseId, doc, format);
  }
}

export async function removeCaseTables(outDir: string): Promise<void> {
  await rm(partsDir(outDir), { recursive: true, force: true });
}
