// A fuzz worker with planted faults, for the harness's own test: `scan` of every third input never answers (a
// hang), `info` of every input throws (a crash); the other targets answer at once.
import { parentPort } from 'node:worker_threads';
import type { WorkRequest, WorkResult } from './worker.js';

parentPort!.on('message', (req: WorkRequest) => {
  if (req.target === 'scan' && req.id % 3 === 0) for (;;);
  const result: WorkResult = req.target === 'info' ? { id: req.id, ok: false, error: 'TypeError: planted\n    at info (/x/dist/src/planted.js:1:1)' } : { id: req.id, ok: true, outcome: 'read' };
  parentPort!.postMessage(result);
});
