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
// - Nothing is dropped silently and nothing blocks: a fifo, socket or device gets a files.csv row
//   `skipped: not a regular file` (it is never opened); a symbolic link (to a file or a directory) that resolves
//   outside the directory argument it was found in is not followed (`skipped: link outside the upload folder`);
//   a link to a directory inside it is not followed either (its target is read where it is).
// Case ids are the base names (archive names without `.zip`), reduced to `A-Z a-z 0-9 . _ -`, made unique with
// `-2`, `-3` … in path order, so the same inputs always get the same ids.
import { closeSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isUploadArchive } from './archive.js';
import { stripArchiveExtension } from './archive-detect.js';
import { statusOf, type RowStatus } from './status.js';
import type { BatchCase, CaseKind, FileRow, SniffFormat } from './types.js';

/** Bytes read from each file to classify it. */
export const HEAD_BYTES = 64 * 1024;

export interface Discovery {
  cases: BatchCase[];
  /** Loose files of a directory argument that are neither traces, exports nor archives, and paths never read. */
  looseSkipped: FileRow[];
}

const NOT_REGULAR = statusOf('status.not_regular');
const LINK_OUTSIDE = statusOf('status.link_outside');
const BROKEN_LINK = statusOf('status.broken_link');
const DIRECTORY_LINK = statusOf('status.directory_link');

/** Why a path below an upload folder is not read, or undefined when it is a regular file or a directory to walk. */
export interface PathVerdict {
  kind: 'file' | 'directory' | 'skipped';
  status?: RowStatus;
  size?: number;
}

function isInside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * What a path found below `rootReal` (the real path of the upload folder) is. Links are resolved and must stay
 * inside the folder; nothing is opened, so a fifo or device never blocks.
 */
export function judgePath(abs: string, rootReal: string, followDirectoryLinks: boolean): PathVerdict {
  let lst: Stats;
  try {
    lst = lstatSync(abs);
  } catch {
    return { kind: 'skipped', status: BROKEN_LINK };
  }
  let st = lst;
  if (lst.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(abs);
      st = statSync(abs);
    } catch {
      return { kind: 'skipped', status: BROKEN_LINK, size: undefined };
    }
    if (!isInside(real, rootReal)) return { kind: 'skipped', status: LINK_OUTSIDE };
    // A link back to the folder itself would make one case of every case.
    if (st.isDirectory() && (!followDirectoryLinks || real === rootReal)) return { kind: 'skipped', status: DIRECTORY_LINK };
  }
  if (st.isDirectory()) return { kind: 'directory' };
  if (!st.isFile()) return { kind: 'skipped', status: NOT_REGULAR };
  return { kind: 'file', size: st.size };
}

function realOrSelf(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
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
  const looseSkipped: FileRow[] = [];
  const seen = new Set<string>();
  const found: Array<{ kind: CaseKind; abs: string; uploadRoot?: string }> = [];
  const add = (kind: CaseKind, abs: string, uploadRoot?: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    found.push({ kind, abs, ...(uploadRoot !== undefined ? { uploadRoot } : {}) });
  };
  const skip = (abs: string, size: number | undefined, status: RowStatus) =>
    looseSkipped.push({ case_id: '', path: displayPath(abs, cwd), size, sha256: '', format: '', ...status });

  for (const abs of await expandArguments(paths, cwd)) {
    const st = statOrUndefined(abs);
    if (!st) add('missing', abs);
    else if (st.isDirectory()) {
      const root = realOrSelf(abs);
      const children = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const child of children) {
        const childAbs = join(abs, child.name);
        if (excluded.has(childAbs)) continue;
        // A link to a directory inside the folder is a case like the directory itself.
        const v = judgePath(childAbs, root, true);
        if (v.kind === 'skipped') skip(childAbs, v.size, v.status!);
        else if (v.kind === 'directory') add('directory', childAbs, root);
        else {
          const cls = classifyFile(childAbs, sniff);
          if (cls === 'archive') add('archive', childAbs);
          else if (cls === 'trace' || cls === 'unreadable') add('file', childAbs);
          else skip(childAbs, v.size, statusOf('status.not_a_trace'));
        }
      }
    } else if (!st.isFile()) {
      skip(abs, undefined, NOT_REGULAR);
    } else {
      add(classifyFile(abs, sniff) === 'archive' ? 'archive' : 'file', abs);
    }
  }

  found.sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
  const used = new Set<string>();
  const cases = found.map(({ kind, abs, uploadRoot }) => {
    const base = caseIdBase(kind, abs, mapName);
    let id = base;
    for (let n = 2; used.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    used.add(id.toLowerCase());
    return { id, kind, source: displayPath(abs, cwd), absPath: abs, ...(uploadRoot !== undefined ? { uploadRoot } : {}) };
  });
  return { cases, looseSkipped };
}

export interface CaseListing {
  files: string[];
  /** Paths below the case directory that are not read, with why (fifos, devices, links leaving the folder). */
  skipped: Array<{ path: string; size: number | undefined; status: RowStatus }>;
}

/**
 * Every regular file below `dir`, recursively, in a stable order, and every path that is not read; `exclude`d
 * directories are left out. `rootReal` is the real path of the upload folder links must stay inside.
 */
export function listFilesRecursive(dir: string, exclude: readonly string[] = [], rootReal = realOrSelf(dir)): CaseListing {
  const listing: CaseListing = { files: [], skipped: [] };
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const walk = (d: string) => {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(d, e.name);
      if (excluded.has(p)) continue;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) listing.files.push(p);
      else {
        const v = judgePath(p, rootReal, false);
        if (v.kind === 'file') listing.files.push(p);
        else listing.skipped.push({ path: p, size: v.size, status: v.status ?? NOT_REGULAR });
      }
    }
  };
  walk(dir);
  return listing;
}
