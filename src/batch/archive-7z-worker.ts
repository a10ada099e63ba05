// Runs one 7-Zip command (the WebAssembly build of 7-Zip, npm `7z-wasm`) in a worker thread: 7-Zip's calls are
// synchronous, so a long CAB or 7z extraction must not block the batch's event loop (queue locks are renewed
// there), and a hostile archive that keeps 7-Zip busy can be ended by terminating the thread.
import { parentPort, workerData } from 'node:worker_threads';
import sevenZipExport, { type SevenZipModuleFactory } from '7z-wasm';

// The package is CommonJS with an ES-style `export default` declaration: at run time the default import is the factory.
const SevenZip = sevenZipExport as unknown as SevenZipModuleFactory;

export interface SevenZipRequest {
  args: string[];
  /** Host directories made visible to 7-Zip: `root` on disk appears at `at`. */
  mounts: Array<{ root: string; at: string }>;
}

export interface SevenZipReply {
  exitCode: number;
  output: string[];
}

async function run(request: SevenZipRequest): Promise<SevenZipReply> {
  const output: string[] = [];
  let exitCode = 0;
  const sevenZip = await SevenZip({
    print: (line: string) => output.push(line),
    printErr: (line: string) => output.push(line),
    onExit: (code: number) => {
      exitCode = code;
    },
  });
  for (const m of request.mounts) {
    sevenZip.FS.mkdir(m.at);
    sevenZip.FS.mount(sevenZip.NODEFS, { root: m.root }, m.at);
  }
  try {
    const rc = sevenZip.callMain(request.args) as unknown;
    if (typeof rc === 'number') exitCode = rc;
  } catch (err) {
    const status = (err as { status?: number }).status;
    exitCode = typeof status === 'number' ? status : 2;
    // A bare number is a C++ exception escaping 7-Zip: it has stopped reading a damaged archive.
    if (typeof status !== 'number') output.push(typeof err === 'number' ? 'ERROR: 7-Zip stopped reading the archive (damaged data)' : String((err as Error)?.message ?? err));
  }
  return { exitCode, output };
}

parentPort!.postMessage(await run(workerData as SevenZipRequest));
