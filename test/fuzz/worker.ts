// The fuzz worker thread: writes each input it is sent to its own scratch file, runs the target on it and answers
// with how it ended. The harness terminates the thread when an answer does not come in time (a hang).
import { parentPort, workerData } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { runTarget, type Target } from './targets.js';

export interface WorkRequest {
  id: number;
  target: Target;
  bytes: Uint8Array;
}
export interface WorkResult {
  id: number;
  ok: boolean;
  outcome?: 'read' | 'refused';
  error?: string;
}

const scratch = (workerData as { scratch: string }).scratch;
parentPort!.on('message', (req: WorkRequest) => {
  let result: WorkResult;
  try {
    writeFileSync(scratch, req.bytes);
    result = { id: req.id, ok: true, outcome: runTarget(req.target, scratch) };
  } catch (err) {
    result = { id: req.id, ok: false, error: (err as Error)?.stack ?? String(err) };
  }
  parentPort!.postMessage(result);
});
