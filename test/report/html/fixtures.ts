// The HTML report of every project sample, built once per test file from the real pipeline.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFiles } from '../../../src/pipeline/index.js';
import { cipherSuiteName } from '../../../src/net/index.js';
import { analyzeRecord, type AnalyzeRecord } from '../../../src/report/analyze-json.js';
import { renderAnalyzeHtml } from '../../../src/report/html/report.js';
import { messages, type Lang } from '../../../src/common/i18n/catalog.js';
import { samplesDir } from '../../helpers/paths.js';

export interface Scenario {
  name: string;
  record: AnalyzeRecord;
  html: string;
}

export const SCENARIOS = readdirSync(samplesDir).filter((f) => f.endsWith('.etl')).sort().map((f) => f.replace(/\.etl$/, ''));

const cache = new Map<string, AnalyzeRecord>();

export function recordOf(name: string): AnalyzeRecord {
  let r = cache.get(name);
  if (!r) {
    r = analyzeRecord(analyzeFiles([join(samplesDir, `${name}.etl`)]), cipherSuiteName);
    cache.set(name, r);
  }
  return r;
}

export function scenario(name: string, lang: Lang = 'en'): Scenario {
  const record = recordOf(name);
  return { name, record, html: renderAnalyzeHtml(record, { messages: messages(lang) }) };
}

/** The arrows the ladder of each scenario's failing connection must show, in this order (a subsequence). */
export const EXPECTED_ARROWS: Readonly<Record<string, readonly string[]>> = {
  'hcw-2012-tls10': ['dns-query', 'connect', 'syn', 'syn-ack', 'ack', 'connected', 'client-hello', 'rst', 'isc-result'],
  'hcw-2012-tls10-compressed': ['dns-query', 'syn', 'syn-ack', 'ack', 'client-hello', 'rst'],
  'teams-2012-misleading-dns': ['dns-query', 'syn', 'syn-ack', 'ack', 'client-hello', 'rst'],
  'win7-kb-schannel-off': ['syn', 'syn-ack', 'ack', 'client-hello', 'alert', 'rst'],
  'exo-dotnet-tls10': ['dns-answer', 'syn', 'syn-ack', 'ack', 'client-hello', 'alert', 'rst'],
  'cipher-mismatch': ['syn', 'syn-ack', 'ack', 'client-hello', 'alert', 'rst'],
  'tls-inspection-untrusted-root': ['syn', 'syn-ack', 'ack', 'client-hello', 'server-hello', 'certificate', 'ccs', 'ccs', 'alert'],
  'dns-failure': ['dns-query'],
  'proxy-pac-failure': ['dns-answer', 'syn', 'syn', 'syn'],
  'hcw-2012-no-capture': ['dns-answer', 'connect', 'connected', 'client-hello', 'isc-result'],
};

/** True when `want` appears in `got` in order (other arrows may come between). */
export function inOrder(got: readonly string[], want: readonly string[]): boolean {
  let i = 0;
  for (const g of got) if (g === want[i]) i++;
  return i === want.length;
}
