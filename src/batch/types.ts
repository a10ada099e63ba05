// Shapes shared by the batch engine: cases, per-file and per-case rows, and the analysis it calls per case.
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

/** What analysing one case produced: the document and the exit code `analyze` would have returned. */
export interface CaseAnalysis {
  document: AnalyzeDocument;
  exitCode: number;
  /**
   * Damage met while reading (the document covers what was read before it): the case's status becomes
   * `failed: <damage>` while its results are still written.
   */
  damage?: { description: string; exitCode: number };
}

/** Analyses the files of one case, as `tracedoctor analyze FILE...` would. */
export type AnalyzeCase = (files: readonly CaseInputFile[]) => Promise<CaseAnalysis>;

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
  status: string;
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
  status: string;
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
