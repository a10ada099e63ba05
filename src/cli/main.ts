// Entry point of the `tracedoctor` binary.
import type { Command } from 'commander';
import { createProgram, runProgram } from './program.js';

/** Each command's module, loaded on demand: a run loads the command it runs, not the whole tool. */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  info: async () => (await import('./info.js')).registerInfoCommand,
  events: async () => (await import('./events.js')).registerEventsCommand,
  flows: async () => (await import('./flows.js')).registerFlowsCommand,
  pcapng: async () => (await import('./pcapng.js')).registerPcapngCommand,
  analyze: async () => (await import('./analyze.js')).registerAnalyzeCommand,
  batch: async () => (await import('./batch.js')).registerBatchCommand,
  explain: async () => (await import('./explain.js')).registerExplainCommand,
  worker: async () => (await import('./worker.js')).registerWorkerCommand,
};

const program = createProgram();
// The command is the first argument that is not an option; with none (help, --version, a typo) every command
// is registered, so the program's help and its "unknown command" message list them all.
const named = process.argv.slice(2).find((a) => !a.startsWith('-'));
const load = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
for (const register of await Promise.all(load.map((l) => l()))) register(program);

// Writing to a closed pipe (`tracedoctor events … | head`) is a normal way to stop.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await runProgram(program, process.argv);
process.exitCode = code;
