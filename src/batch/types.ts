// Shapes shared by the batch engine: cases, per-file and per-case rows, and the analysis it calls per case.
import type { Message } from '../common/message.js';
import type { InputFormat } from '../ingest/index.js';

/** How a case was formed from the command-line paths (see discover.ts for the rule). */
export type CaseKind = 'directory' | 'archive' | 'file' | 'missing';

export interface BatchCase {
  /** File-system-safe, unique within the run; names `cases/<id>.json`. */
  id: string;
  kind: CaseKind;
  /** The path as the user can recognise it (relative to the working directory when below it). */
  source: string;
  /** Absolute path of the directory, archive or file. */
  absPath: string;
  /** Real path of the upload folder a directory case was found in: links below it must not leave it. */
  uploadRoot?: string;
}

/** One analysable file handed to the analysis: a path on disk (extracted when it came from an archive). */
export interface CaseInputFile {
  path: string;
  format: InputFormat;
  /** How the file is named in the outputs (`upload.zip!/logs/NetTrace.etl`). */
  display: string;
}

/**
 * The analyze JSON document (issue 4, `tracedoctor analyze --format json`), as far as batch reads it: the
 * verdict, inputs, findings and connections. Batch writes the document itself unchanged.
 */
export interface AnalyzeDocument {
  verdict: 'failure' | 'ok' | 'inconclusive';
  inputs: ReadonlyArray<Readonly<Record<string, unknown>>>;
  findings: ReadonlyArray<Readonly<Record<string, unknown>>>;
  connections: ReadonlyArray<Readonly<Record<string, unknown>>>;
  [key: string]: unknown;
}

/** Format of the run-wide cases/files/connections tables; findings are always JSON Lines. */
export type TableFormat = 'csv' | 'jsonl';

/** A case's outputs made where it was analysed (see AnalyzeCaseOptions.render): the main thread only writes them. */
export interface RenderedCase {
  /** The case's analyze JSON, display paths in place, as written to `cases/<id>.json`. */
  documentText: string;
  /** The analysis columns of its cases row. */
  summary: DocumentSummary;
  /** Its rows of the connections and findings tables, as table text. */
  tables: { connections: string; findings: string };
}

/** The analysis columns of a case row: everything that comes from the analyze document. */
export type DocumentSummary = Pick<
  CaseRow,
  'verdict' | 'top_finding' | 'finding_codes' | 'server_names' | 'os_build' | 'trace_start' | 'trace_end' |
  'connections' | 'failing_connections'
>;

/**
 * What analysing one case produced: the document (or, when rendering was asked for, its outputs already made)
 * and the exit code `analyze` would have returned.
 */
export type CaseAnalysis = {
  exitCode: number;
  /**
   * Damage met while reading (the document covers what was read before it): the case's status becomes
   * `failed: <damage>` while its results are still written. `problem` is plain data, so it crosses threads.
   */
  damage?: { problem: Message; exitCode: number };
} & ({ document: AnalyzeDocument; rendered?: undefined } | { rendered: RenderedCase; document?: undefined });

/**
 * Asks the analyzer to make the case's outputs itself (in its thread, so cases scale with workers): the case
 * id, the disk → display path pairs (longest first) and the table format. Not asked when outputs are redacted
 * (pseudonyms must agree across the whole run, so redaction stays in one place).
 */
export interface RenderRequest {
  caseId: string;
  rename: ReadonlyArray<readonly [string, string]>;
  format: TableFormat;
}

/** What bounds one case's analysis: `signal` aborts when the case runs out of time (see case-limits.ts). */
export interface AnalyzeCaseOptions {
  signal?: AbortSignal;
  render?: RenderRequest;
}

/** Analyses the files of one case, as `tracedoctor analyze FILE...` would. */
export type AnalyzeCase = (files: readonly CaseInputFile[], opts?: AnalyzeCaseOptions) => Promise<CaseAnalysis>;

/** Classifies a file by its first bytes; undefined when it is neither a trace nor an export. */
/** Recognises a trace or export from its first bytes; `path` lets it look further into text files (logs with the error far down). */
export type SniffFormat = (head: Uint8Array, path?: string) => InputFormat | undefined;

/** One row of `files.csv`: every input file of the run, with what happened to it. */
export interface FileRow {
  case_id: string;
  path: string;
  size: number | undefined;
  sha256: string;
  format: string;
  /** The English text of `statusMessage` (see status.ts). */
  status: string;
  /** Not a column: the status as a catalog message, rendered in the run's language for people. */
  statusMessage: Message;
}

/** One row of `cases.csv`. */
export interface CaseRow {
  case_id: string;
  source: string;
  files: number;
  recognised_files: number;
  verdict: string;
  top_finding: string;
  finding_codes: string;
  server_names: string;
  os_build: string;
  trace_start: string;
  trace_end: string;
  connections: number | undefined;
  failing_connections: number | undefined;
  /** The English text of `statusMessage` (see status.ts). */
  status: string;
  /** Not a column: the status as a catalog message, rendered in the run's language for people. */
  statusMessage: Message;
  exit_code: number;
  reused: boolean;
}

export interface CaseOutcome {
  case: BatchCase;
  row: CaseRow;
  files: FileRow[];
  /** Set when `cases/<id>.json` holds this case's analyze document. */
  documentPath?: string;
}
