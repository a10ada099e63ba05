// `tracedoctor explain CODE` — wiring only; the meanings are the report catalogs' (report/explain.ts).
import { Option, type Command } from 'commander';
import { explainCode, renderExplanation } from '../report/explain.js';
import { outputWidth } from './output.js';
import { widthOption } from './options.js';
import { UsageError } from './program.js';
import { LANGS, langFromEnv, messages, type Lang } from '../common/i18n/catalog.js';

export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('what an error code means, its likely causes with their fixes, and the capture that proves which')
    .argument('<code>', 'WinHTTP error (12175), HRESULT (0x80072F8F), Schannel status (0x80090326, SEC_E_ILLEGAL_MESSAGE), AADSTS1002016, or a finding code')
    .addOption(widthOption())
    .addOption(new Option('--lang <lang>', 'language of the explanation (default: from LC_ALL / LANG)').choices([...LANGS]))
    .addHelpText('after', '\nExamples:\n  tracedoctor explain 12175\n  tracedoctor explain 0x80090326\n  tracedoctor explain AADSTS1002016\n  tracedoctor explain WINHTTP_TLS12_NOT_OFFERED\n\nExit status: 0 explained, 2 a code this tool does not know.\n')
    .action((code: string, opts: { width?: number; lang?: Lang }) => {
      const m = messages(opts.lang ?? langFromEnv());
      const e = explainCode(code, m);
      if (!e) throw new UsageError(`unknown code "${code}": give a WinHTTP error (12175), an HRESULT (0x80072F8F), a Schannel status (0x80090326 or SEC_E_…), an AADSTS code or a finding code`);
      process.stdout.write(renderExplanation(e, outputWidth(opts.width), m));
    });
}
