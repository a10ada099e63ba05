// One redactor per command run, with the input paths' folder names learned first (case folders name customers).
import { createRedactor, type Redactor } from '../report/redact.js';

export function redactorFor(...paths: string[]): Redactor {
  const r = createRedactor();
  for (const p of paths) r.learnPath(p);
  return r;
}
