// `tracedoctor pcapng FILE -o OUT.pcapng [--force]`
import type { Command } from 'commander';
import { ExitCode, TraceError } from '../common/errors.js';
import { UsageError } from './program.js';

/** Why `pcapng --redact` is refused rather than half done. */
export const PCAPNG_REDACT_REFUSAL =
  'pcapng --redact is not supported: packet payloads (TLS certificates, SNI, HTTP, DNS, Kerberos) carry names that ' +
  'rewriting addresses would leave in place. Share `tracedoctor analyze --redact` or `flows --redact` output instead.';
import { openPacketTrace } from '../providers/packets/trace.js';
import { exportPcapng } from '../report/pcapng.js';
import { issueLines } from '../report/info.js';
import { examplesHelp } from './options.js';

export function registerPcapngCommand(program: Command): void {
  program
    .command('pcapng')
    .description(
      'export the captured packets to pcapng for Wireshark (an existing output file is kept unless --force: exit 74)',
    )
    .argument('<file>', '.etl file with a packet capture (netsh trace capture=yes, pktmon)')
    .requiredOption('-o, --output <file>', 'pcapng file to write')
    .option('--force', 'replace the output file if it exists')
    .addHelpText('after', examplesHelp(['tracedoctor pcapng NetTrace.etl -o NetTrace.pcapng', 'tracedoctor pcapng PktMon.etl -o pktmon.pcapng --force'], '0 written, 2 usage error (--redact), 65 no packets or damaged data, 66 missing, 74 output exists or cannot be written.'))
    .option('--redact', 'refused: packet payloads carry names, certificates and credentials that cannot be rewritten safely')
    .action((path: string, opts: { output: string; force?: boolean; redact?: boolean }) => {
      if (opts.redact) throw new UsageError(PCAPNG_REDACT_REFUSAL);
      const trace = openPacketTrace(path);
      try {
        const result = exportPcapng(
          { packets: () => trace.packets(), components: () => trace.extractor.components },
          opts.output,
          { force: !!opts.force },
        );
        process.stderr.write(
          `tracedoctor: wrote ${result.frames} frames on ${result.interfaces.length} interfaces to ${opts.output}\n`,
        );
        if (trace.issues().length > 0) {
          for (const line of issueLines(path, trace.issues())) process.stderr.write(`tracedoctor: ${line}\n`);
          process.exitCode = ExitCode.DATA_ERR;
        }
      } catch (err) {
        if (err instanceof TraceError && err.file === undefined) throw new TraceError(err.message, err.exitCode, path, err.offset);
        throw err;
      } finally {
        trace.close();
      }
    });
}
