// `tracedoctor analyze FILE...` — wiring only; the work is in pipeline/ and report/.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { analyzeFiles, analysisExitCode } from '../pipeline/index.js';
import { cipherSuiteName } from '../net/index.js';
import { renderAnalyzeJson, writeAnalyzeJson } from '../report/analyze-json.js';
import { renderAnalyzeCsv, renderFindingsCsv } from '../report/analyze-csv.js';
import { renderAnalyzeHuman } from '../report/analyze-human.js';
import { renderFixReg, renderFixScript, regFileBytes, regPathFor } from '../report/fix-script.js';
import { filterConnections, OUTCOMES, type ConnectionFilter } from '../report/connection-filter.js';
import type { Outcome } from '../correlate/types.js';
import { createByteProgress } from '../batch/progress.js';
import { analyzeRecord } from '../report/analyze-json.js';
import { renderAnalyzeHtml } from '../report/html/report.js';
import { LANGS, langFromEnv, messages, type Lang, type Messages } from '../common/i18n/catalog.js';
import { TraceError } from '../common/errors.js';
import { redactorFor } from './redaction.js';
import { openOutput, outputWidth, writeOutputFile } from './output.js';
import { collect, collectNumber, widthOption } from './options.js';
import { toolVersion } from './version.js';

type Format = 'human' | 'json' | 'csv' | 'findings-csv' | 'html';

/**
 * An analysis makes short-lived objects for every event while what it keeps grows slowly; by default V8 lets
 * the old generation grow to several times what is live between full collections (a 256 MB connection-dense
 * trace: ~515 MB peak RSS for ~75 MB live). Growing it by half at each collection keeps that peak near 370 MB
 * at no measurable cost in CPU time (bench/run.mjs, dense trace).
 */
const HEAP_GROWING = '--heap-growing-percent=50';

interface AnalyzeOpts {
  format: Format;
  output?: string;
  force?: boolean;
  redact?: boolean;
  excel?: boolean;
  width?: number;
  fixScript?: string;
  failedOnly?: boolean;
  host: string[];
  pid: number[];
  outcome: Outcome[];
  lang?: Lang;
}

function collectOutcome(value: string, previous: Outcome[]): Outcome[] {
  if (!(OUTCOMES as readonly string[]).includes(value)) throw new InvalidArgumentError(`one of ${OUTCOMES.join(', ')}`);
  return [...previous, value as Outcome];
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('explain why connections in a trace failed: per-connection evidence, findings and the exact fix')
    .argument('<files...>', '.etl traces, text exports or pasted error text (a trace and its exports are analysed together; other traces apart)')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json', 'csv', 'findings-csv', 'html']).default('human'))
    .option('-o, --output <file>', 'write the report to this file (`-` for stdout); an existing file is kept unless --force')
    .option('--force', 'replace existing output files')
    .option('--redact', 'replace user, computer, IP address, customer domain and certificate names, paths and case ids with pseudonyms')
    .option('--excel', 'CSV formats: start with a UTF-8 byte order mark so Excel reads non-ASCII text right')
    .addOption(widthOption())
    .addOption(new Option('--lang <lang>', 'language of the human and HTML reports (default: from LC_ALL / LANG)').choices([...LANGS]))
    .option('--fix-script <file>', 'also write the fix as a commented PowerShell script (and the registry values as a .reg next to it)')
    .option('--failed-only', 'list only the failing connections')
    .option('--host <name>', 'list only connections to this server name or address (`*.example.com` for subdomains; repeatable)', collect, [])
    .option('--pid <n>', 'list only connections of this process id (repeatable)', collectNumber('a process id'), [])
    .option('--outcome <outcome>', `list only connections with this outcome (${OUTCOMES.join(', ')}; repeatable)`, collectOutcome, [])
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tracedoctor analyze NetTrace.etl\n' +
        '  tracedoctor analyze NetTrace.etl error.txt --fix-script fix.ps1\n' +
        '  tracedoctor analyze NetTrace.etl --format csv -o connections.csv --excel\n' +
        '  tracedoctor analyze NetTrace.etl --format html -o report.html --lang ja\n' +
        '  tracedoctor analyze NetTrace.etl --failed-only --host outlook.office365.com\n' +
        '\nExit status: 0 nothing failing, 1 a failure was diagnosed, 2 usage error,\n' +
        '  65 no input could be analysed or the data read was damaged (everything before the damage is reported),\n' +
        '  66 input missing, 74 output not written (or it exists and --force was not given).\n',
    )
    .action((files: string[], opts: AnalyzeOpts) => {
      setFlagsFromString(HEAP_GROWING);
      const said = messages(opts.lang ?? langFromEnv());
      let full: ReturnType<typeof analyzeFiles>;
      try {
        full = analyzeWithProgress(files);
      } catch (err) {
        // Nothing could be read: said in the language asked for, with the exit code the error carries.
        if (!(err instanceof TraceError)) throw err;
        process.stderr.write(`tracedoctor: ${err.describe(said)}\n`);
        process.exitCode = err.exitCode;
        return;
      }
      const out = openOutput(opts.output, !!opts.force);
      const filter: ConnectionFilter = { failedOnly: opts.failedOnly, hosts: opts.host, pids: opts.pid, outcomes: opts.outcome };
      const result = filterConnections(full, filter);
      const redactor = opts.redact ? redactorFor(...files) : undefined;
      const redact = (text: string) => (redactor ? redactor.text(text) : text);
      try {
        const color = opts.format === 'human' && out.stdout && process.stdout.isTTY === true && !process.env.NO_COLOR;
        // Unredacted JSON is written a connection at a time: a large trace gives a report of tens of MB.
        const lang = messages(opts.lang ?? langFromEnv());
        // JSON and CSV are English, as always, unless a language is asked for; then they say which.
        const asked = { lang: opts.lang };
        if (opts.format === 'json' && !redactor) writeAnalyzeJson(result, cipherSuiteName, (t) => out.write(t), undefined, asked);
        else if (opts.format === 'html') {
          // The page is drawn from the analyze record; --redact redacts that record, as batch does for its cases.
          const record = analyzeRecord(result, cipherSuiteName, { lang: lang.lang });
          const shown = redactor ? (redactor.value(record) as typeof record) : record;
          out.write(renderAnalyzeHtml(shown, { messages: lang, version: toolVersion() }));
        } else {
          const csv = { excel: !!opts.excel, lang: opts.lang };
          const text =
            opts.format === 'json'
              ? renderAnalyzeJson(result, cipherSuiteName, asked)
              : opts.format === 'csv'
                ? renderAnalyzeCsv(result, cipherSuiteName, csv)
                : opts.format === 'findings-csv'
                  ? renderFindingsCsv(result, cipherSuiteName, csv)
                  : renderAnalyzeHuman(result, { color, cipherName: cipherSuiteName, width: outputWidth(opts.width), messages: lang });
          // Redaction works on the rendered text, so every format is covered the same way; pseudonyms never
          // contain quotes, commas or line breaks, so JSON and CSV stay well-formed.
          out.write(redact(text));
        }
      } finally {
        out.close();
      }
      if (opts.fixScript) writeFixScript(opts.fixScript, full, redact, !!opts.force, messages(opts.lang ?? langFromEnv()));
      for (const r of full.rejected) if (r !== full.damage) process.stderr.write(`tracedoctor: ${said.t('stderr.not_analysed', { error: redact(r.describe(said)) })}\n`);
      if (full.damage) process.stderr.write(`tracedoctor: ${said.t('stderr.damage', { error: redact(full.damage.describe(said)) })}\n`);
      process.exitCode = analysisExitCode(full);
    });
}

function writeFixScript(path: string, r: ReturnType<typeof analyzeFiles>, redact: (t: string) => string, force: boolean, m: Messages): void {
  const reg = renderFixReg(r, m);
  writeOutputFile(path, redact(renderFixScript(r, m)), force);
  let wrote = path;
  if (reg) {
    const regPath = regPathFor(path);
    writeOutputFile(regPath, regFileBytes(redact(reg)), force);
    wrote += ` and ${regPath}`;
  }
  process.stderr.write(`tracedoctor: wrote the fix to ${wrote}\n`);
}

/** Runs the analysis with a byte progress bar on stderr when it is a terminal (silent otherwise). */
function analyzeWithProgress(files: string[]): ReturnType<typeof analyzeFiles> {
  const sizes = new Map<string, number>();
  for (const f of files) {
    try {
      sizes.set(f, statSync(f).size);
    } catch {
      // A missing file is reported by the analysis itself.
    }
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const bar = createByteProgress(total, { label: 'analysing' });
  let before = 0;
  try {
    return analyzeFiles(files, {
      onProgress: (_path, offset) => bar.update(before + offset),
      onInput: (s) => {
        before += sizes.get(s.path) ?? 0;
        bar.update(before);
      },
    });
  } finally {
    bar.stop();
  }
}
