// Turns the command-line paths into cases.
//
// The case rule (also in the README):
// - A directory argument is a folder of uploads. Each directory directly inside it is one case (every file below
//   it, recursively, archives included); each ZIP archive directly inside it is one case; each other file
//   directly inside it that is a trace or export is a case of its own. Other loose files are listed in files.csv
//   as `skipped: not a trace or export` and form no case.
// - A file argument is one case: a ZIP archive (recognised by content) with everything in it, or the file alone.
// - A glob (`uploads/*.zip`, quoted so the shell leaves it alone) is expanded by tracedoctor, and each match is
//   treated as if it had been given as an argument.
// - A path that does not exist is a case whose status is `failed: …` with exit class 66.
// Case ids are the base names (archive names without `.zip`), reduced to `A-Z a-z 0-9 . _ -`, made unique with
// `-2`, `-3` … in path order, so the same inputs always get the same ids.
import { closeSync, openSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isUploadArchive } from './archive.js';
import { stripArchiveExtension } from './archive-detect.js';
import type { BatchCase, CaseKind, FileRow, SniffFormat } from './types.js';

/** Bytes read from each file to classify it. */
export const HEAD_BYTES = 64 * 1024;

export interface Discovery {
  cases: BatchCase[];
  /** Loose files of a directory argument that are neither traces, exports nor archives. */
  looseSkipped: FileRow[];
}

/** The first `bytes` of a file (fewer if it is shorter). */
export function readHeadBytes(path: string, bytes = HEAD_BYTES): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** How a path is shown: relative to the working directory when below it, absolute otherwise. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

async function expandArguments(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    // Glob patterns use `/`; on Windows a typed `uploads\*.zip` means the same.
    const pattern = process.platform === 'win32' ? p.replace(/\\/g, '/') : p;
    if (statOrUndefined(abs) || !isDynamicPattern(pattern)) {
      out.push(abs);
      continue;
    }
    const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: false, dot: false, expandDirectories: false });
    if (matches.length === 0) out.push(abs);
    else out.push(...matches.map((m) => resolve(m)).sort());
  }
  return out;
}

function caseIdBase(kind: CaseKind, abs: string, mapName: (name: string) => string): string {
  let name = basename(abs);
  if (kind === 'archive') name = stripArchiveExtension(name);
  return mapName(name).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100) || 'case';
}

function classifyFile(abs: string, sniff: SniffFormat): 'archive' | 'trace' | 'other' | 'unreadable' {
  let head: Uint8Array;
  try {
    head = readHeadBytes(abs);
  } catch {
    return 'unreadable';
  }
  if (isUploadArchive(head)) return 'archive';
  return sniff(head, abs) !== undefined ? 'trace' : 'other';
}

export interface DiscoverOptions {
  cwd?: string;
  /** Rewrites each case's base name before ids are made unique (redaction of customer names in folder names). */
  mapName?: (name: string) => string;
  /** Absolute paths never taken as input, e.g. the output directory when it sits inside an upload folder. */
  exclude?: readonly string[];
}

/** Applies the case rule above; `sniff` recognises traces and exports by content. */
export async function discoverCases(
  paths: readonly string[],
  sniff: SniffFormat,
  opts: DiscoverOptions = {},
): Promise<Discovery> {
  const cwd = opts.cwd ?? process.cwd();
  const mapName = opts.mapName ?? ((name: string) => name);
  const excluded = new Set((opts.exclude ?? []).map((p) => resolve(p)));
  const found: Array<{ kind: CaseKind; abs: string }> = [];
  const looseSkipped: FileRow[] = [];
  const seen = new Set<string>();
  const add = (kind: CaseKind, abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    found.push({ kind, abs });
  };

  for (const abs of await expandArguments(paths, cwd)) {
    const st = statOrUndefined(abs);
    if (!st) add('missing', abs);
    else if (st.isDirectory()) {
      const children = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const child of children) {
        const childAbs = join(abs, child.name);
        if (excluded.has(childAbs)) continue;
        const cst = statOrUndefined(childAbs);
        if (!cst) continue;
        if (cst.isDirectory()) {
          add('directory', childAbs);
          continue;
        }
        if (!cst.isFile()) continue;
        const cls = classifyFile(childAbs, sniff);
        if (cls === 'archive') add('archive', childAbs);
        else if (cls === 'trace' || cls === 'unreadable') add('file', childAbs);
        else {
          looseSkipped.push({
            case_id: '',
            path: displayPath(childAbs, cwd),
            size: cst.size,
            sha256: '',
            format: '',
            status: 'skipped: not a trace or export',
          });
        }
      }
    } else {
      add(classifyFile(abs, sniff) === 'archive' ? 'archive' : 'file', abs);
    }
  }

  found.sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
  const used = new Set<string>();
  const cases = found.map(({ kind, abs }) => {
    const base = caseIdBase(kind, abs, mapName);
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    used.add(id.toLowerCase());
    return { id, kind, source: displayPath(abs, cwd), absPath: abs };
  });
  return { cases, looseSkipped };
}

/**
 * Every regular file below `dir`, recursively, in a stable order; symbolic links to directories are not followed
 * and `exclude`d directories are left out.
 */
export function listFilesRecursive(dir: string, exclude: readonly string[] = []): string[] {
  const out: string[] = [];
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const walk = (d: string) => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(d, e.name);
      if (excluded.has(p)) continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
      else if (e.isSymbolicLink() && statOrUndefined(p)?.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}
