// Where the project's own text-export examples live, and small helpers to read them through openInput.
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths.js';
import { openInput } from '../../src/ingest/index.js';
import type { TraceEvent } from '../../src/decode/types.js';
import type { TraceInput } from '../../src/ingest/index.js';

export const fixturesDir = join(projectRoot, 'test', 'fixtures', 'text');
export const fixture = (name: string) => join(fixturesDir, name);

/** Opens `path`, reads every event, closes it. */
export function readAll(path: string): { input: TraceInput; events: TraceEvent[] } {
  const input = openInput(path);
  try {
    const events = [...input.events()];
    return { input, events };
  } finally {
    input.close();
  }
}

export function byId(events: TraceEvent[], provider: string, id: number): TraceEvent[] {
  return events.filter((e) => e.provider === provider && e.id === id);
}
