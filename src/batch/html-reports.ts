// `batch --html`: after the run, each case's analyze JSON is drawn as `cases/<case>.html` and `index.html` lists
// every case (verdict, top finding, server names, link to its report). The documents are already redacted when
// the run is, so the pages are too. One case's document is in memory at a time.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalyzeRecord } from '../report/analyze-json.js';
import { renderAnalyzeHtml } from '../report/html/report.js';
import { renderBatchIndexHtml, type IndexCase } from '../report/html/index-page.js';
import type { Messages } from '../common/i18n/catalog.js';
import type { CaseOutcome } from './types.js';
import { writeFileAtomic } from './write.js';

export const INDEX_FILE = 'index.html';

/** Writes the case pages and index.html into `outDir`; returns the paths written. */
export async function writeHtmlReports(outDir: string, casesDir: string, outcomes: readonly CaseOutcome[], m: Messages): Promise<string[]> {
  const written: string[] = [];
  const index: IndexCase[] = [];
  for (const o of outcomes) {
    const entry: IndexCase = {
      id: o.row.case_id,
      source: o.row.source,
      verdict: o.row.verdict,
      topFinding: o.row.top_finding,
      servers: o.row.server_names,
      status: o.row.statusMessage,
    };
    if (o.documentPath) {
      const doc = JSON.parse(await readFile(o.documentPath, 'utf8')) as AnalyzeRecord;
      const page = join(casesDir, `${o.case.id}.html`);
      await writeFileAtomic(page, renderAnalyzeHtml(doc, { messages: m }));
      written.push(page);
      entry.report = `${casesDir.slice(outDir.length + 1).replace(/\\/g, '/')}/${encodeURIComponent(o.case.id)}.html`;
      const top = doc.findings?.find((f) => f.code === o.row.top_finding);
      if (top) entry.topTitle = top.title;
    }
    index.push(entry);
  }
  const indexPath = join(outDir, INDEX_FILE);
  await writeFileAtomic(indexPath, renderBatchIndexHtml(index, m));
  written.push(indexPath);
  return written;
}
