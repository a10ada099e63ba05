// Entry point of the `tracedoctor` binary.
import { createProgram, runProgram } from './program.js';

const program = createProgram();
// Commands register themselves here, one line each.

// Writing to a closed pipe (`tracedoctor events … | head`) is a normal way to stop.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await runProgram(program, process.argv);
process.exitCode = code;
