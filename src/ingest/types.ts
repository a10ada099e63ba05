// The uniform view of any input: an ETL file or one of the text exports, yielding decoded events.
import type { ReadIssue } from '../etl/types.js';
import type { TraceEvent } from '../decode/types.js';
import type { InputMeta } from '../text/types.js';
import type { TextFormat } from '../text/formats.js';

export type { InputMeta } from '../text/types.js';

/** An ETL file or one of the text formats of text/formats.ts. */
export type InputFormat = 'etl' | TextFormat;

export interface TraceInput {
  path: string;
  format: InputFormat;
  meta: InputMeta;
  /** Events in file order (ETL: time order). Each call starts a new pass over the file. */
  events(): Generator<TraceEvent>;
  /** What could not be read (damaged buffers, unparseable lines); grows while iterating. */
  issues: ReadIssue[];
  close(): void;
}
