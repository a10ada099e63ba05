// Writes the run-wide outputs once every case is done: cases, files and connections (CSV or JSONL) and
// findings.jsonl. Connections and findings are read back from each case's analyze JSON one case at a time, so
// memory holds one case's results, not the whole run's.
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { CsvWriter } from '../report/csv.js';
import { CASE_COLUMNS, CONNECTION_COLUMNS, FILE_COLUMNS } from './rows.js';
import { connectionCsvRow } from '../report/analyze-csv.js';
import type { AnalyzeDocument, CaseOutcome, FileRow } from './types.js';
import { openAtomicStream } from './write.js';

export type TableFormat = 'csv' | 'jsonl';

export interface AggregateOptions {
  format: TableFormat;
  excel: boolean;
}

/** Writes rows as CSV or JSON Lines into `<dir>/<name>.<format>`, atomically. */
// With no columns (findings), each JSON line is the whole object as given.
class TableFile {
  private readonly target;
  private readonly csv?: CsvWriter;
  readonly path: string;

  constructor(dir: string, name: string, private readonly columns: readonly string[], opts: AggregateOptions) {
    this.path = join(dir, `${name}.${opts.format}`);
    this.target = openAtomicStream(this.path);
    if (opts.format === 'csv') this.csv = new CsvWriter(this.target.stream, columns, { excel: opts.excel });
  }

  async write(row: Readonly<Record<string, unknown>>): Promise<void> {
    if (this.csv) return this.csv.writeRow(row);
    if (this.columns.length === 0) return writeLine(this.target.stream, JSON.stringify(row));
    const ordered: Record<string, unknown> = {};
    for (const c of this.columns) ordered[c] = row[c] ?? null;
    await writeLine(this.target.stream, JSON.stringify(ordered));
  }

  async close(): Promise<void> {
    if (this.csv) await this.csv.end();
    else await endStream(this.target.stream);
    await this.target.commit();
  }

  async abort(): Promise<void> {
    await this.target.abort();
  }
}

async function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  if (!stream.write(line + '\n')) await once(stream as NodeJS.EventEmitter, 'drain');
}

async function endStream(stream: NodeJS.WritableStream): Promise<void> {
  stream.end();
  await finished(stream);
}

/** One connections row: the analyze CSV columns (arrays joined with `;` by the CSV writer, kept in JSONL). */
function connectionRow(caseId: string, conn: Readonly<Record<string, unknown>>, findings: AnalyzeDocument['findings']): Record<string, unknown> {
  return { case_id: caseId, ...connectionCsvRow(conn, findings as Parameters<typeof connectionCsvRow>[1]) };
}

/** Writes cases, files, connections and findings for `outcomes` (in case order) plus the loose skipped files. */
export async function writeAggregates(
  outDir: string,
  outcomes: readonly CaseOutcome[],
  looseSkipped: readonly FileRow[],
  opts: AggregateOptions,
): Promise<string[]> {
  const cases = new TableFile(outDir, 'cases', CASE_COLUMNS, opts);
  const files = new TableFile(outDir, 'files', FILE_COLUMNS, opts);
  const connections = new TableFile(outDir, 'connections', CONNECTION_COLUMNS, opts);
  const findings = new TableFile(outDir, 'findings', [], { format: 'jsonl', excel: false });
  const all = [cases, files, connections];
  try {
    for (const o of outcomes) {
      await cases.write(o.row as unknown as Record<string, unknown>);
      for (const f of o.files) await files.write(f as unknown as Record<string, unknown>);
      if (!o.documentPath) continue;
      const doc = JSON.parse(await readFile(o.documentPath, 'utf8')) as AnalyzeDocument;
      for (const conn of doc.connections ?? []) await connections.write(connectionRow(o.case.id, conn, doc.findings ?? []));
      for (const finding of doc.findings ?? []) await findings.write({ case_id: o.case.id, ...finding });
    }
    for (const f of looseSkipped) await files.write(f as unknown as Record<string, unknown>);
    for (const t of [...all, findings]) await t.close();
    // Tables of the other format from an earlier run would no longer match this run's results.
    const other = opts.format === 'csv' ? 'jsonl' : 'csv';
    for (const name of ['cases', 'files', 'connections']) await rm(join(outDir, `${name}.${other}`), { force: true });
  } catch (err) {
    for (const t of [...all, findings]) await t.abort();
    throw err;
  }
  return [...all, findings].map((t) => t.path);
}
