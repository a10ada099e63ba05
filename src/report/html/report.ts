// `analyze --format html`: one self-contained page. The answer first (verdict, the cause in one sentence, the fix
// with copy buttons and a .reg snippet), then each failing connection with its ladder, the timeline of all
// connections, the connection table, the gaps with their capture commands, and the inputs.
// Drawn from the analyze record (the JSON output's data), so batch can draw a case again from its JSON.
import type { AnalyzeRecord } from '../analyze-json.js';
import type { Messages } from '../../common/i18n/catalog.js';
import { failingHtml, layoutFailing, tableHtml } from './connections-html.js';
import { htmlDocument } from './document.js';
import { esc } from './escape.js';
import { displayTime } from '../../common/time.js';
import { gapsHtml, inputsHtml, otherFindingsHtml, verdictHtml } from './findings-html.js';
import { renderTimelineSvg } from './timeline-svg.js';

export interface HtmlReportOptions {
  messages: Messages;
  /** Tool version for the footer. */
  version?: string;
}

function headerHtml(r: AnalyzeRecord, m: Messages): string {
  const files = r.inputs.map((i) => i.path.split(/[\\/]/).pop() ?? i.path);
  const starts = r.inputs.map((i) => i.start_time).filter((t): t is string => !!t).sort();
  const meta = [files.join(', '), starts[0] ? m.t('header.trace_start', { time: displayTime(starts[0]) }) : undefined].filter(Boolean).join(' · ');
  return `<header class="top"><span class="brand">tracedoctor</span><span class="meta">${esc(meta)}</span></header>`;
}

function tocHtml(r: AnalyzeRecord, failing: boolean, m: Messages): string {
  const links: [string, string][] = [['verdict', m.t('section.verdict')]];
  if (r.findings.some((f) => f.kind !== 'gap') && r.findings.filter((f) => f.kind !== 'gap').length > 1) links.push(['findings', m.t('section.other_findings_short')]);
  if (failing) links.push(['failing', m.t('section.failing_short')]);
  if (r.connections.length) links.push(['timeline', m.t('section.timeline')], ['connections', m.t('section.connections_short')]);
  links.push(['gaps', m.t('section.gaps')], ['inputs', m.t('section.inputs')]);
  return `<nav class="toc">${links.map(([id, label]) => `<a href="#${id}">${esc(label)}</a>`).join('')}</nav>`;
}

export function renderAnalyzeHtml(r: AnalyzeRecord, o: HtmlReportOptions): string {
  const m = o.messages;
  const layout = layoutFailing(r);
  const hrefOf = (c: AnalyzeRecord['connections'][number]) => {
    const drawn = layout.representedBy.get(c.id);
    return drawn !== undefined ? `conn-${drawn}` : `row-${c.id}`;
  };
  const timeline = r.connections.length
    ? `<section id="timeline"><h2>${esc(m.t('section.timeline'))}</h2><p class="legend">${esc(m.t('timeline.legend'))}</p><div class="scroll">${renderTimelineSvg(r.connections, m, hrefOf)}</div></section>`
    : '';
  const s = r.summary;
  const footer =
    `<footer>${esc(m.t('footer.counts', { connections: s.connections, established: s.established, failed: s.failed, packets: s.packets, observations: s.observations }))}` +
    `${s.items_cut ? ' · ' + esc(m.t('footer.cut', { count: s.items_cut })) : ''} · tracedoctor${o.version ? ' ' + esc(o.version) : ''}</footer>`;
  const body = [
    headerHtml(r, m),
    tocHtml(r, layout.drawn.length > 0, m),
    verdictHtml(r, m),
    otherFindingsHtml(r, m),
    failingHtml(r, layout, m),
    timeline,
    r.connections.length ? tableHtml(r, layout, m) : '',
    gapsHtml(r, m),
    inputsHtml(r, m),
    footer,
  ].join('\n');
  const top = r.findings.find((f) => f.severity === 'error' && f.kind !== 'gap');
  // Browsers and validators want short titles: the verdict and the finding's code.
  const title = `${m.t(`verdict.${r.verdict}` as 'verdict.failure')}${top && r.verdict === 'failure' ? ': ' + top.code : ''} — tracedoctor`;
  return htmlDocument(title, body, m);
}
