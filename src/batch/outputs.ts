// The run-wide outputs: cases, files and connections (CSV or JSONL) and findings.jsonl. While the run goes on,
// each case's rows are appended as it finishes (LiveTables), so a killed run leaves usable partial tables; once
// every case is done they are rewritten in case order, atomically. Connections and findings are read back from
// each case's table fragments (case-tables.ts) one case at a time, so memory holds one case's results, not the
// whole run's.
import { once } from 'node:events';
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { CsvWriter, UTF8_BOM, csvHeader } from '../report/csv.js';
import { CASE_COLUMNS, CONNECTION_COLUMNS, FILE_COLUMNS } from './rows.js';
import { readCaseTables, removeCaseTables, tableText, type Row } from './case-tables.js';
import type { CaseOutcome, FileRow, TableFormat } from './types.js';
import { openAtomicStream, writeFileAtomic } from './write.js';

export type { TableFormat } from './types.js';

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

  /** Appends rows already rendered as this table's text (CSV records or JSON Lines). */
  async writeText(text: string): Promise<void> {
    if (text !== '') await writeChunk(this.target.stream, text);
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

async function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream as NodeJS.EventEmitter, 'drain');
}

function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  return writeChunk(stream, line + '\n');
}

async function endStream(stream: NodeJS.WritableStream): Promise<void> {
  stream.end();
  await finished(stream);
}

/** The rows one case contributes to the cases and files tables, and its connections and findings as text. */
async function rowsOf(outDir: string, o: CaseOutcome, format: TableFormat) {
  const tables = await readCaseTables(outDir, o.case.id, format, o.documentPath);
  return { cases: [o.row as unknown as Row], files: o.files as unknown as Row[], ...tables };
}

const TABLES = [
  { name: 'cases', columns: CASE_COLUMNS },
  { name: 'files', columns: FILE_COLUMNS },
  { name: 'connections', columns: CONNECTION_COLUMNS },
] as const;

/** Tables of the other format from an earlier run would no longer match this run's results. */
async function removeOtherFormat(outDir: string, format: TableFormat): Promise<void> {
  const other = format === 'csv' ? 'jsonl' : 'csv';
  for (const t of TABLES) await rm(join(outDir, `${t.name}.${other}`), { force: true });
}

/** Writes cases, files, connections and findings for `outcomes` (in case order) plus the loose skipped files. */
export async function writeAggregates(
  outDir: string,
  outcomes: readonly CaseOutcome[],
  looseSkipped: readonly FileRow[],
  opts: AggregateOptions,
): Promise<string[]> {
  const [cases, files, connections] = TABLES.map((t) => new TableFile(outDir, t.name, t.columns, opts)) as [TableFile, TableFile, TableFile];
  const findings = new TableFile(outDir, 'findings', [], { format: 'jsonl', excel: false });
  const all = [cases, files, connections, findings];
  try {
    for (const o of outcomes) {
      const rows = await rowsOf(outDir, o, opts.format);
      for (const r of rows.cases) await cases.write(r);
      for (const r of rows.files) await files.write(r);
      await connections.writeText(rows.connections);
      await findings.writeText(rows.findings);
    }
    for (const f of looseSkipped) await files.write(f as unknown as Row);
    for (const t of all) await t.close();
    await removeOtherFormat(outDir, opts.format);
    await removeCaseTables(outDir);
  } catch (err) {
    for (const t of all) await t.abort();
    throw err;
  }
  return all.map((t) => t.path);
}

/**
 * The tables while a run goes on: started with their headers (and the loose skipped files), then every finished
 * case's rows are appended — findings, connections and files first, its cases row last, so a case listed in
 * cases.csv has all its rows. Appends are whole lines; an append that fails is left to the final rewrite.
 */
export class LiveTables {
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly outDir: string,
    private readonly opts: AggregateOptions,
  ) {}

  static async start(outDir: string, looseSkipped: readonly FileRow[], opts: AggregateOptions): Promise<LiveTables> {
    const live = new LiveTables(outDir, opts);
    for (const t of TABLES) {
      const head = opts.format === 'csv' ? (opts.excel ? UTF8_BOM : '') + csvHeader(t.columns) : '';
      await writeFileAtomic(live.pathOf(t.name), head + (t.name === 'files' ? tableText(opts.format, t.columns, looseSkipped as unknown as Row[]) : ''));
    }
    await writeFileAtomic(join(outDir, 'findings.jsonl'), '');
    await removeOtherFormat(outDir, opts.format);
    return live;
  }

  private pathOf(name: string): string {
    return join(this.outDir, `${name}.${this.opts.format}`);
  }

  /** Appends a finished case's rows; resolves once they (and every earlier case's) are written. */
  append(o: CaseOutcome): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        const rows = await rowsOf(this.outDir, o, this.opts.format);
        if (rows.findings !== '') await appendFile(join(this.outDir, 'findings.jsonl'), rows.findings);
        if (rows.connections !== '') await appendFile(this.pathOf('connections'), rows.connections);
        for (const t of [TABLES[1], TABLES[0]]) {
          const text = tableText(this.opts.format, t.columns, rows[t.name]);
          if (text !== '') await appendFile(this.pathOf(t.name), text);
        }
      } catch {
        // The tables are rewritten in full when the run ends; a failure there is reported (exit 74).
      }
    });
    return this.chain;
  }

  /** Waits for every append made so far. */
  settled(): Promise<void> {
    return this.chain;
  }
}
