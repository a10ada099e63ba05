// Runs the tracedoctor CLI in this process and reports its wall time, CPU time (all threads) and peak RSS on stderr as one
// `BENCH {json}` line (stdout stays the command's own output).
import { fileURLToPath } from 'node:url';

const started = process.hrtime.bigint();
process.on('exit', (code) => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stderr.write(`\nBENCH ${JSON.stringify({ ms, cpuMs, maxRssKB: process.resourceUsage().maxRSS, code })}\n`);
});
const cli = fileURLToPath(new URL('../bin/tracedoctor.js', import.meta.url));
process.argv = [process.argv[0], cli, ...process.argv.slice(2)];
await import('../dist/src/cli/main.js');
