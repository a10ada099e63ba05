// Entry point of the `tracedoctor` binary.
import { createProgram, runProgram } from './program.js';
import { registerInfoCommand } from './info.js';
import { registerEventsCommand } from './events.js';
import { registerFlowsCommand } from './flows.js';
import { registerPcapngCommand } from './pcapng.js';
import { registerAnalyzeCommand } from './analyze.js';
import { registerBatchCommand } from './batch.js';
import { registerExplainCommand } from './explain.js';
import { registerWorkerCommand } from './worker.js';

const program = createProgram();
// Commands register themselves here, one line each.
registerInfoCommand(program);
registerEventsCommand(program);
registerFlowsCommand(program);
registerPcapngCommand(program);
registerAnalyzeCommand(program);
registerBatchCommand(program);
registerExplainCommand(program);
registerWorkerCommand(program);

// Writing to a closed pipe (`tracedoctor events … | head`) is a normal way to stop.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await runProgram(program, process.argv);
process.exitCode = code;
