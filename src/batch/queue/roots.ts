// A worker reads only below the roots it was started with (`--root`, repeatable): a job naming any other path, or
// a case folder holding a link that leads out of the roots, fails that case without reading it.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Message } from '../../common/message.js';
import { listFilesRecursive } from '../discover.js';
import { catalogMessage } from '../status.js';
import type { BatchCase } from '../types.js';

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function real(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** The roots as real paths (links resolved), so a path is compared with where it really is. */
export async function resolveRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map((r) => real(resolve(r))));
}

/** Why the case may not be read by this worker, or undefined when every file of it is below a root. */
export async function outsideRoots(c: BatchCase, roots: readonly string[], exclude: readonly string[]): Promise<Message | undefined> {
  const under = async (p: string) => {
    const r = await real(p);
    return roots.some((root) => inside(r, root));
  };
  if (!isAbsolute(c.absPath) || !(await under(c.absPath))) return catalogMessage('problem.outside_roots', { source: c.source });
  if (c.kind !== 'directory') return undefined;
  let files: string[];
  try {
    files = listFilesRecursive(c.absPath, exclude).files;
  } catch {
    return undefined; // The case itself reports the unreadable directory.
  }
  for (const f of files) if (!(await under(f))) return catalogMessage('problem.link_outside_roots', { source: c.source });
  return undefined;
}
