// `tracedoctor flows FILE [--format human|csv|jsonl]`
import { Option, type Command } from 'commander';
import { ExitCode } from '../common/errors.js';
import { NetworkAnalyzer } from '../net/index.js';
import { openPacketTrace } from '../providers/packets/trace.js';
import { writeFlowsCsv, writeFlowsHuman, writeFlowsJsonl } from '../report/flows.js';
import { NO_PACKETS_MESSAGE } from '../report/pcapng.js';
import { issueLines } from '../report/info.js';
import { endRedacting, redactingStream } from '../report/redact-stream.js';
import { redactorFor } from './redaction.js';
import { examplesHelp } from './options.js';

export function registerFlowsCommand(program: Command): void {
  program
    .command('flows')
    .description('list the TCP flows of the captured packets with their TLS handshake facts')
    .argument('<file>', '.etl file with a packet capture (netsh trace capture=yes, pktmon)')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'csv', 'jsonl']).default('human'))
    .option('--redact', 'replace IP addresses, customer host names and certificate names with pseudonyms')
    .addHelpText('after', examplesHelp(['tracedoctor flows NetTrace.etl', 'tracedoctor flows NetTrace.etl --format csv > flows.csv'], '0 read, 65 no packet capture in the trace or damaged data, 66 missing.'))
    .action(async (path: string, opts: { format: 'human' | 'csv' | 'jsonl'; redact?: boolean }) => {
      const trace = openPacketTrace(path);
      const out = opts.redact ? redactingStream(process.stdout, redactorFor(path)) : process.stdout;
      try {
        const analyzer = new NetworkAnalyzer();
        for (const p of trace.packets()) analyzer.addPacket(p);
        const flows = analyzer.flows();
        if (opts.format === 'csv') await writeFlowsCsv(flows, out);
        else if (opts.format === 'jsonl') await writeFlowsJsonl(flows, out);
        else await writeFlowsHuman(flows, out);
        if (out !== process.stdout) await endRedacting(out as ReturnType<typeof redactingStream>);
        const s = analyzer.stats;
        if (s.packets === 0) {
          process.stderr.write(`tracedoctor: ${path}: ${NO_PACKETS_MESSAGE}\n`);
          // The same status as `pcapng` on a trace without packets.
          process.exitCode = ExitCode.DATA_ERR;
        }
        else if (opts.format === 'human' || s.truncated || s.undecodable) {
          process.stderr.write(
            `tracedoctor: ${s.packets} packets (${s.duplicates} repeated appearances, ${s.truncated} truncated, ` +
              `${s.undecodable} undecodable, ${s.nonIp} not IP)\n`,
          );
        }
        if (trace.issues().length > 0) {
          for (const line of issueLines(path, trace.issues())) process.stderr.write(`tracedoctor: ${line}\n`);
          process.exitCode = ExitCode.DATA_ERR;
        }
      } finally {
        trace.close();
      }
    });
}
