// `batch --html`: index.html over all cases — verdict, top finding, server names, a link to each case's report.
import type { Messages } from '../../common/i18n/catalog.js';
import type { Message } from '../../common/message.js';
import { renderMessage } from '../i18n/render.js';
import { htmlDocument } from './document.js';
import { esc } from './escape.js';

export interface IndexCase {
  id: string;
  source: string;
  verdict: string;
  topFinding: string;
  topTitle?: string;
  servers: string;
  /** The case's status, shown in the page's language (the tables keep its English text). */
  status: Message;
  /** Path of the case's report relative to index.html, when one was written. */
  report?: string;
}

export function renderBatchIndexHtml(cases: readonly IndexCase[], m: Messages): string {
  const rows = cases
    .map((c) => {
      const name = c.report ? `<a href="${esc(c.report)}">${esc(c.id)}</a>` : esc(c.id);
      const verdict = c.verdict ? m.t(`verdict.${c.verdict}` as 'verdict.failure') : '—';
      return (
        `<tr data-outcome="${esc(c.verdict || 'none')}"><td>${name}</td><td class="verdict-${esc(c.verdict)}">${esc(verdict)}</td>` +
        `<td>${c.topFinding ? `<code class="code">${esc(c.topFinding)}</code>${c.topTitle ? ' ' + esc(c.topTitle) : ''}` : '—'}</td>` +
        `<td>${esc(c.servers || '—')}</td><td>${esc(renderMessage(m, c.status))}</td><td class="path">${esc(c.source)}</td></tr>`
      );
    })
    .join('');
  const verdicts = [...new Set(cases.map((c) => c.verdict || 'none'))].sort();
  const failures = cases.filter((c) => c.verdict === 'failure').length;
  const body =
    `<header class="top"><span class="brand">tracedoctor</span><span class="meta">${esc(m.t('index.meta', { cases: cases.length, failures }))}</span></header>` +
    `<h1>${esc(m.t('index.title'))}</h1>` +
    `<div class="table-tools js-only"><label>${esc(m.t('table.filter'))} <input type="search" id="conn-filter" autocomplete="off"></label> ` +
    `<label>${esc(m.t('index.verdict'))} <select id="conn-outcome"><option value="">${esc(m.t('table.all'))}</option>` +
    verdicts.map((v) => `<option value="${esc(v)}">${esc(v === 'none' ? '—' : m.t(`verdict.${v}` as 'verdict.failure'))}</option>`).join('') +
    `</select></label> <span id="conn-count" class="count"></span></div>` +
    `<div class="scroll"><table class="cases sortable" id="conn-table"><thead><tr>` +
    (['index.case', 'index.verdict', 'index.top_finding', 'index.servers', 'index.status', 'index.source'] as const)
      .map((k) => `<th data-sort="text" scope="col">${esc(m.t(k))}</th>`)
      .join('') +
    `</tr></thead><tbody>${rows}</tbody></table></div>`;
  return htmlDocument(`${m.t('index.title')} — tracedoctor`, body, m);
}
