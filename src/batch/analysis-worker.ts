// Runs case after case in a worker thread: the pipeline is synchronous and CPU-bound, so threads are what lets
// `--concurrency` use several CPUs, and a case that exhausts its heap ends its worker, not the run. A case keeps
// nothing here once its reply is sent: the pipeline's state is made per call, module caches hold only values
// that depend on their key alone (and are bounded), so a case's results never depend on the cases before it.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { ExitCode, TraceError } from '../common/errors.js';
import { cipherSuiteName } from '../net/index.js';
import { analyzeFiles, analysisExitCode } from '../pipeline/index.js';
import { analyzeRecord } from '../report/analyze-json.js';
import type { SimulatedCase, WorkerMessage, WorkerReply, WorkerRequest } from './analysis.js';
import type { AnalyzeDocument, RenderRequest, RenderedCase } from './types.js';
import { documentJson, replaceStrings } from './display-paths.js';
import { summariseDocument } from './rows.js';
import { renderCaseTables } from './case-tables.js';
import { catalogMessage } from './status.js';

/** The test hook of WorkerRequest: a case that never ends, or one that needs ever more memory. */
function simulate(kind: SimulatedCase): never {
  const kept: number[][] = [];
  for (;;) if (kind === 'allocate') kept.push(new Array<number>(1 << 16).fill(kept.length));
}

/** The case's outputs made here, in the analysis thread, so the main thread only writes them. */
function render(analysed: AnalyzeDocument, r: RenderRequest): RenderedCase {
  const doc = replaceStrings(analysed, r.rename) as AnalyzeDocument;
  return { documentText: documentJson(doc), summary: summariseDocument(doc), tables: renderCaseTables(r.caseId, doc, r.format) };
}

function run(request: WorkerRequest): WorkerReply {
  if (request.simulate) simulate(request.simulate);
  try {
    const result = analyzeFiles(request.paths);
    const exitCode = analysisExitCode(result);
    const document = analyzeRecord(result, cipherSuiteName, { lang: request.lang }) as unknown as AnalyzeDocument;
    return {
      ok: true,
      ...(request.render ? { rendered: render(document, request.render) } : { document }),
      exitCode,
      ...(result.damage ? { damage: { problem: result.damage.describedMessage(), exitCode: result.damage.exitCode } } : {}),
    };
  } catch (err) {
    if (err instanceof TraceError) return { ok: false, problem: err.describedMessage(), exitCode: err.exitCode };
    const e = err as Error;
    return { ok: false, problem: catalogMessage('problem.internal', { reason: e?.stack ?? String(err) }), exitCode: 70 };
  }
}

const MB = 1024 * 1024;

parentPort!.on('message', (request: WorkerRequest) => {
  const reply = run(request);
  const message: WorkerMessage = { reply, heapUsedMb: getHeapStatistics().used_heap_size / MB };
  parentPort!.postMessage(message);
});
