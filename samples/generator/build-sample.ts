// Renders one scenario to ETL bytes (in memory) or to a file.
import { writeFileSync } from 'node:fs';
import { MemorySink } from './etl-writer.js';
import type { Scenario } from './scenarios/scenario.js';

export interface BuiltSample {
  bytes: Buffer;
  /** Records in data buffers (the header-buffer events not counted). */
  records: number;
  buffers: number;
}

export function renderScenario(s: Scenario): BuiltSample {
  const sink = new MemorySink();
  const { records, buffers } = s.build().write(sink);
  return { bytes: sink.bytes(), records, buffers };
}

export function writeScenario(s: Scenario, path: string): BuiltSample {
  const built = renderScenario(s);
  writeFileSync(path, built.bytes);
  return built;
}
