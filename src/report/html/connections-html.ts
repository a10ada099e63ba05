// The connection parts of the HTML report: one block per failing connection (key facts, the ladder, the
// evidence lines the ladder links to) and the sortable, filterable table of every connection, healthy
// background folded into one row per server, process and TLS version.
import type { AnalyzeRecord } from '../analyze-json.js';
import type { Messages } from '../../common/i18n/catalog.js';
import { renderMessage, sideText } from '../i18n/render.js';
import { evidenceText } from '../i18n/packet-text.js';
import { certProblemMessage } from '../../diagnose/index.js';
import { esc } from './escape.js';
import { displayTime } from '../../common/time.js';
import { buildLadder, type ConnectionRecord } from './ladder-steps.js';
import { evidenceAnchor, renderLadderSvg } from './ladder-svg.js';

/** Ladders drawn at most; further failing connections with the same pattern point at the drawn one. */
export const MAX_LADDERS = 12;
/** Up to this many healthy connections get a row each; above it they are folded into groups. */
export const HEALTHY_ROWS_UP_TO = 40;

export function isFailing(r: AnalyzeRecord, c: ConnectionRecord): boolean {
  if (c.outcome === 'established') return false;
  return c.failed || c.finding_codes.some((code) => r.findings.some((f) => f.code === code && f.severity === 'error'));
}

function pattern(c: ConnectionRecord): string {
  return [c.outcome, c.server_name ?? c.remote_ip ?? '', c.process ?? '', [...c.finding_codes].sort().join(',')].join('|');
}

export interface FailingLayout {
  /** Connections whose ladder is drawn, each with the ids of the failing connections that share its pattern. */
  drawn: { c: ConnectionRecord; same: number[] }[];
  /** Id of a failing connection → id of the connection whose ladder stands for it. */
  representedBy: Map<number, number>;
}

export function layoutFailing(r: AnalyzeRecord): FailingLayout {
  const drawn: FailingLayout['drawn'] = [];
  const byPattern = new Map<string, FailingLayout['drawn'][number]>();
  const representedBy = new Map<number, number>();
  for (const c of r.connections) {
    if (!isFailing(r, c)) continue;
    const key = pattern(c);
    const group = byPattern.get(key) ?? (drawn.length < MAX_LADDERS ? undefined : drawn[drawn.length - 1]);
    if (group) {
      group.same.push(c.id);
      representedBy.set(c.id, group.c.id);
      continue;
    }
    const entry = { c, same: [] as number[] };
    drawn.push(entry);
    byPattern.set(key, entry);
    representedBy.set(c.id, c.id);
  }
  return { drawn, representedBy };
}

function addressOf(c: ConnectionRecord): string {
  if (!c.remote_ip) return '—';
  return `${c.remote_ip.includes(':') ? `[${c.remote_ip}]` : c.remote_ip}:${c.remote_port ?? '?'}`;
}

function processOf(c: ConnectionRecord, m: Messages): string {
  return c.process ?? (c.pid !== null ? `pid ${c.pid}` : m.t('conn.unknown'));
}

function serverDid(c: ConnectionRecord, m: Messages): string {
  const parts: string[] = [];
  if (c.server_selected_version) parts.push(m.t('conn.selected', { version: c.server_selected_version, cipher: c.cipher ?? '' }).trim());
  if (c.certificate_subject || c.certificate_issuer) parts.push(m.t('conn.certificate', { subject: c.certificate_subject ?? '?', issuer: c.certificate_issuer ?? '?' }));
  if (c.alert) parts.push(m.t('conn.alert', { alert: c.alert, from: sideText(m, c.alert_from ?? '?') }));
  if (c.reset_by) parts.push(m.t('conn.reset', { by: sideText(m, c.reset_by) }));
  if (c.dns_status !== null) parts.push(m.t('conn.dns_failed', { status: c.dns_status }));
  return parts.join('; ') || m.t('conn.nothing_seen');
}

function factsHtml(c: ConnectionRecord, m: Messages): string {
  const row = (k: Parameters<Messages['t']>[0], v: string) => `<dt>${esc(m.t(k))}</dt><dd>${esc(v)}</dd>`;
  return (
    `<dl class="facts">` +
    row('conn.client', c.client_stack === 'winhttp' ? 'WinHTTP (WebIO)' : c.client_stack === 'dotnet' ? m.t('conn.dotnet') : m.t('conn.unknown')) +
    row('conn.enabled', c.winhttp_enabled_protocols ? `${c.winhttp_enabled_protocols} ${c.winhttp_enabled_protocol_names.join(' | ')}` : m.t('conn.not_in_trace')) +
    row('conn.offered', c.client_offered_versions.length ? `${c.client_offered_versions.join(', ')} — ${m.t('conn.suites', { count: c.client_cipher_suites.length })}` : m.t('conn.no_client_hello')) +
    row('conn.server_did', serverDid(c, m)) +
    (c.winhttp_errors.length ? row('conn.winhttp_errors', c.winhttp_errors.join(', ')) : '') +
    (c.cert_errors.length ? row('conn.cert_errors', c.cert_errors.map((e) => renderMessage(m, certProblemMessage(e))).join('; ')) : '') +
    row('conn.outcome', `${c.outcome}${c.finding_codes.length ? ` (${c.finding_codes.join(', ')})` : ''}`) +
    `</dl>`
  );
}

function evidenceTable(c: ConnectionRecord, m: Messages): string {
  const rows = c.evidence
    .map((e, i) => `<tr id="${evidenceAnchor(c.id, i)}"><td class="num">${i + 1}</td><td class="time"><time>${esc(displayTime(e.time))}</time></td><td class="src">${esc(e.source)}</td><td>${esc(evidenceText(m, e))}</td></tr>`)
    .join('');
  const cut = c.evidence_cut ? `<p class="note-cut">${esc(m.t('conn.evidence_cut', { count: c.evidence_cut }))}</p>` : '';
  return (
    `<details class="evidence collapsible" open><summary>${esc(m.t('conn.evidence', { count: c.evidence.length }))}</summary>` +
    `<div class="scroll"><table class="evidence-table"><thead><tr><th>#</th><th>${esc(m.t('conn.time'))}</th><th>${esc(m.t('conn.source'))}</th><th>${esc(m.t('conn.text'))}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></div>${cut}</details>`
  );
}

function failingBlock(entry: FailingLayout['drawn'][number], m: Messages): string {
  const c = entry.c;
  const title = `#${c.id} ${processOf(c, m)} → ${c.server_name ?? m.t('conn.no_name')} ${addressOf(c)}`;
  const ladder = buildLadder(c, m);
  const same = entry.same.length
    ? `<p class="same">${esc(m.t('conn.same_pattern', { count: entry.same.length, ids: entry.same.slice(0, 30).map((id) => `#${id}`).join(', ') + (entry.same.length > 30 ? ', …' : '') }))}</p>`
    : '';
  return (
    `<article class="connection" id="conn-${c.id}" data-connection="${c.id}"><h3>${esc(title)}</h3>${factsHtml(c, m)}` +
    `<h4>${esc(m.t('conn.ladder'))}</h4><div class="scroll ladder-wrap">${renderLadderSvg(c, ladder, m.t('conn.ladder_title', { title }), m)}</div>` +
    `${same}${evidenceTable(c, m)}</article>`
  );
}

export function failingHtml(r: AnalyzeRecord, layout: FailingLayout, m: Messages): string {
  if (!layout.drawn.length) return '';
  const total = layout.representedBy.size;
  return `<section id="failing"><h2>${esc(m.t('section.failing', { count: total }))}</h2>${layout.drawn.map((e) => failingBlock(e, m)).join('')}</section>`;
}

interface TableRow {
  id?: number;
  count: number;
  server: string;
  address: string;
  process: string;
  offered: string;
  selected: string;
  outcome: string;
  findings: string;
  href?: string;
}

function rowOf(c: ConnectionRecord, m: Messages, href?: string): TableRow {
  return {
    id: c.id,
    count: 1,
    server: c.server_name ?? '—',
    address: addressOf(c),
    process: processOf(c, m),
    offered: c.client_offered_versions.join(', ') || '—',
    selected: [c.server_selected_version, c.cipher].filter(Boolean).join(' ') || '—',
    outcome: c.outcome,
    findings: c.finding_codes.join(', ') || '—',
    ...(href ? { href } : {}),
  };
}

function foldHealthy(healthy: ConnectionRecord[], m: Messages): TableRow[] {
  const groups = new Map<string, TableRow>();
  for (const c of healthy) {
    const row = rowOf(c, m);
    const key = [row.server, row.process, row.offered, row.selected].join('|');
    const g = groups.get(key);
    if (g) {
      g.count++;
      if (g.address !== row.address) g.address = m.t('table.several');
    } else {
      groups.set(key, { ...row, id: undefined as unknown as number });
    }
  }
  return [...groups.values()].map(({ id: _id, ...rest }) => rest);
}

export function tableHtml(r: AnalyzeRecord, layout: FailingLayout, m: Messages): string {
  const healthy = r.connections.filter((c) => c.outcome === 'established');
  const others = r.connections.filter((c) => c.outcome !== 'established');
  const rows: TableRow[] = others.map((c) => rowOf(c, m, layout.representedBy.has(c.id) ? `conn-${layout.representedBy.get(c.id)}` : undefined));
  rows.push(...(healthy.length <= HEALTHY_ROWS_UP_TO ? healthy.map((c) => rowOf(c, m)) : foldHealthy(healthy, m)));
  const cols = [
    ['id', 'table.id', 'num'],
    ['server', 'table.server', 'text'],
    ['address', 'table.address', 'text'],
    ['process', 'table.process', 'text'],
    ['offered', 'table.offered', 'text'],
    ['selected', 'table.selected', 'text'],
    ['outcome', 'table.outcome', 'text'],
    ['findings', 'table.findings', 'text'],
  ] as const;
  const body = rows
    .map((row) => {
      const idCell = row.id !== undefined ? (row.href ? `<a href="#${row.href}">#${row.id}</a>` : `#${row.id}`) : `×${row.count}`;
      return (
        `<tr${row.id !== undefined ? ` id="row-${row.id}"` : ' class="folded"'} data-outcome="${esc(row.outcome)}">` +
        `<td class="num" data-value="${row.id ?? 0}">${idCell}</td><td>${esc(row.server)}</td><td>${esc(row.address)}</td><td>${esc(row.process)}</td>` +
        `<td>${esc(row.offered)}</td><td>${esc(row.selected)}</td><td><span class="outcome outcome-${esc(row.outcome)}">${esc(row.outcome)}</span></td><td>${esc(row.findings)}</td></tr>`
      );
    })
    .join('');
  const outcomes = [...new Set(r.connections.map((c) => c.outcome))].sort();
  const folded = healthy.length > HEALTHY_ROWS_UP_TO ? `<p class="folded-note">${esc(m.t('table.folded', { count: healthy.length }))}</p>` : '';
  return (
    `<section id="connections"><h2>${esc(m.t('section.connections', { count: r.connections.length }))}</h2>${folded}` +
    `<div class="table-tools js-only"><label>${esc(m.t('table.filter'))} <input type="search" id="conn-filter" autocomplete="off"></label> ` +
    `<label>${esc(m.t('table.outcome'))} <select id="conn-outcome"><option value="">${esc(m.t('table.all'))}</option>` +
    outcomes.map((o) => `<option value="${esc(o)}">${esc(o)}</option>`).join('') +
    `</select></label> <span id="conn-count" class="count"></span></div>` +
    `<div class="scroll"><table class="connections sortable" id="conn-table"><thead><tr>` +
    cols.map(([key, label, type]) => `<th data-sort="${type}" data-key="${key}" scope="col">${esc(m.t(label))}</th>`).join('') +
    `</tr></thead><tbody>${body}</tbody></table></div></section>`
  );
}
