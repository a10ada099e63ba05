// The one CSV writer every command uses: RFC 4180 (CRLF records, quotes doubled, fields with a comma, quote or
// line break quoted) through csv-stringify, with spreadsheet formula injection neutralised.
//
// Why neutralise: support engineers open these files in Excel/LibreOffice, and a trace can carry attacker-chosen
// text (server names, URLs, process names). A cell that starts with `=`, `+`, `-`, `@`, TAB or CR is treated as a
// formula by spreadsheets, so such text cells get a leading `'`. Values that are JavaScript numbers are written as
// plain numerals and left alone: `-5` as a number is data, not a formula.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';

export interface CsvOptions {
  /** Start the output with a UTF-8 byte order mark, so Excel reads non-ASCII text (server names, 日本語) right. */
  excel?: boolean;
}

/** UTF-8 byte order mark written first when `excel` is set. */
export const UTF8_BOM = '\uFEFF';

// The full-width forms are included because some spreadsheets normalise them to the ASCII ones.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Prefixes `'` to text a spreadsheet would evaluate as a formula; other text is returned unchanged. */
export function neutralizeCell(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

/** Text of a value before neutralisation (see `formatCell`). */
function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(plainText).join(';');
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * The text of one cell: numbers and bigints as numerals, booleans as `true`/`false`, dates as ISO-8601 UTC,
 * arrays joined with `;`, other objects as JSON, null/undefined as an empty cell. Everything that is not a
 * number is neutralised.
 */
export function formatCell(value: unknown): string {
  const text = plainText(value);
  return typeof value === 'number' || typeof value === 'bigint' ? text : neutralizeCell(text);
}

/** A row is either values in column order or an object keyed by column name. */
export type CsvRow = readonly unknown[] | Readonly<Record<string, unknown>>;

function cellsOf(columns: readonly string[], row: CsvRow): string[] {
  if (Array.isArray(row)) return columns.map((_c, i) => formatCell((row as readonly unknown[])[i]));
  const record = row as Readonly<Record<string, unknown>>;
  return columns.map((c) => formatCell(record[c]));
}

/** One CSV record (with its CRLF terminator). */
export function csvLine(cells: readonly string[]): string {
  return stringify([cells as string[]], { record_delimiter: '\r\n', quote_record_delimiter: true });
}

/** The header line for `columns` (column names are neutralised like any other text). */
export function csvHeader(columns: readonly string[]): string {
  return csvLine(columns.map(neutralizeCell));
}

/** A whole CSV document as one string: header, then one record per row. */
export function toCsv(columns: readonly string[], rows: Iterable<CsvRow>, opts: CsvOptions = {}): string {
  const parts = [opts.excel ? UTF8_BOM : '', csvHeader(columns)];
  for (const row of rows) parts.push(csvLine(cellsOf(columns, row)));
  return parts.join('');
}

/**
 * Streams CSV records to `out`, honouring back-pressure; the header (and BOM) is written by the constructor.
 * `end()` ends the stream and resolves once it has flushed.
 */
export class CsvWriter {
  private ended = false;

  constructor(
    private readonly out: Writable,
    readonly columns: readonly string[],
    opts: CsvOptions = {},
  ) {
    out.write((opts.excel ? UTF8_BOM : '') + csvHeader(columns));
  }

  async writeRow(row: CsvRow): Promise<void> {
    if (!this.out.write(csvLine(cellsOf(this.columns, row)))) await once(this.out, 'drain');
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    this.out.end();
    await finished(this.out);
  }
}
