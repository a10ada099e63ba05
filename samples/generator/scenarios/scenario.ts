// What a scenario is: a named trace the generator can rebuild byte for byte.
import type { OsProfile } from '../os-profiles.js';
import type { TraceBuilder } from '../trace-builder.js';

export interface Scenario {
  /** File name without `.etl`. */
  name: string;
  title: string;
  os: OsProfile;
  /** What an analysis of the trace should conclude (README text). */
  diagnosis: string;
  build(): TraceBuilder;
}
