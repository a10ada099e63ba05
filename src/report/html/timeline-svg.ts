// The timeline of every connection: one bar per connection from first to last sight, coloured by outcome.
// Healthy background traffic is folded into one density row (and so is the tail of a very long failure list),
// so a trace of 10,000 connections still draws a page, not a wall.
import { isoToFiletime } from '../../common/time.js';
import type { Messages } from '../../common/i18n/catalog.js';
import { esc, offsetText } from './escape.js';
import type { ConnectionRecord } from './ladder-steps.js';

const WIDTH = 900;
const LABEL_W = 250;
const ROW_H = 20;
const AXIS_H = 26;
const BINS = 120;
/** Up to this many connections every one gets its own row. */
const ALL_ROWS_UP_TO = 40;
/** Connections that did not complete get rows up to this count; the rest are folded too. */
const MAX_ROWS = 150;

export interface TimelineRow {
  label: string;
  outcome: string;
  start: bigint;
  end: bigint;
  href: string;
  id?: number;
}

interface Span {
  start: bigint;
  end: bigint;
}

function span(c: ConnectionRecord): Span | undefined {
  const start = isoToFiletime(c.first_seen);
  const end = isoToFiletime(c.last_seen);
  return start !== undefined && end !== undefined ? { start, end } : undefined;
}

function rowLabel(c: ConnectionRecord): string {
  const who = c.process ?? (c.pid !== null ? `pid ${c.pid}` : '?');
  const label = `#${c.id} ${c.server_name ?? c.remote_ip ?? '?'} (${who})`;
  return label.length > 40 ? label.slice(0, 39) + '…' : label;
}

function densityRow(spans: Span[], t0: bigint, total: bigint, y: number, x: (t: bigint) => number, cls: string): string {
  const bins = new Array<number>(BINS).fill(0);
  for (const s of spans) {
    const b = total === 0n ? 0 : Number(((s.start - t0) * BigInt(BINS - 1)) / total);
    bins[Math.max(0, Math.min(BINS - 1, b))]!++;
  }
  const peak = Math.max(1, ...bins);
  const binW = (WIDTH - LABEL_W - 10) / BINS;
  return bins
    .map((n, i) =>
      n === 0 ? '' : `<rect class="${cls}" x="${(x(t0) + i * binW).toFixed(1)}" y="${(y + ROW_H - 4 - ((ROW_H - 6) * n) / peak).toFixed(1)}" width="${Math.max(1, binW - 0.5).toFixed(1)}" height="${(((ROW_H - 6) * n) / peak).toFixed(1)}"/>`,
    )
    .join('');
}

/** The timeline SVG, or '' when no connection has a time. `hrefOf` names where a bar links to. */
export function renderTimelineSvg(connections: readonly ConnectionRecord[], m: Messages, hrefOf: (c: ConnectionRecord) => string): string {
  const timed = connections.map((c) => ({ c, s: span(c) })).filter((x): x is { c: ConnectionRecord; s: Span } => x.s !== undefined);
  if (!timed.length) return '';
  const t0 = timed.reduce((a, x) => (x.s.start < a ? x.s.start : a), timed[0]!.s.start);
  const t1 = timed.reduce((a, x) => (x.s.end > a ? x.s.end : a), timed[0]!.s.end);
  const total = t1 - t0;
  const x = (t: bigint) => LABEL_W + (total === 0n ? 0 : (Number(t - t0) / Number(total)) * (WIDTH - LABEL_W - 10));

  const everyone = timed.length <= ALL_ROWS_UP_TO;
  const notHealthy = timed.filter((t) => t.c.outcome !== 'established');
  const rowed = everyone ? timed : notHealthy.slice(0, MAX_ROWS);
  const foldedHealthy = everyone ? [] : timed.filter((t) => t.c.outcome === 'established');
  const foldedOther = everyone ? [] : notHealthy.slice(MAX_ROWS);

  const out: string[] = [];
  let y = AXIS_H;
  for (const { c, s } of rowed) {
    const bx = x(s.start);
    const bw = Math.max(3, x(s.end) - bx);
    out.push(
      `<a href="#${esc(hrefOf(c))}" class="tl-row" data-outcome="${esc(c.outcome)}"><title>${esc(`#${c.id} ${c.server_name ?? ''} ${c.outcome} ${c.first_seen} → ${c.last_seen}`)}</title>` +
        `<text class="tl-label" x="4" y="${y + 14}">${esc(rowLabel(c))}</text>` +
        `<rect class="tl-bar outcome-${esc(c.outcome)}" x="${bx.toFixed(1)}" y="${y + 4}" width="${bw.toFixed(1)}" height="${ROW_H - 8}" rx="2"/></a>`,
    );
    y += ROW_H;
  }
  const folded = (spans: Span[], label: string, cls: string) => {
    out.push(`<g class="tl-folded"><text class="tl-label" x="4" y="${y + 14}">${esc(label)}</text>${densityRow(spans, t0, total, y, x, cls)}</g>`);
    y += ROW_H;
  };
  if (foldedOther.length) folded(foldedOther.map((t) => t.s), m.t('timeline.folded_other', { count: foldedOther.length }), 'tl-bar outcome-incomplete');
  if (foldedHealthy.length) folded(foldedHealthy.map((t) => t.s), m.t('timeline.folded_healthy', { count: foldedHealthy.length }), 'tl-bar outcome-established');

  const ticks: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const t = t0 + (total * BigInt(i)) / 4n;
    const tx = x(t);
    ticks.push(
      `<line class="tl-tick" x1="${tx.toFixed(1)}" y1="${AXIS_H - 6}" x2="${tx.toFixed(1)}" y2="${y}"/>` +
        `<text class="axis-label" x="${tx.toFixed(1)}" y="${AXIS_H - 10}" text-anchor="${i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}">${esc(offsetText(Number(t - t0) / 10000))}</text>`,
    );
  }
  const height = y + 6;
  return (
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" role="img" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">` +
    `<title>${esc(m.t('timeline.title'))}</title>${ticks.join('')}${out.join('')}</svg>`
  );
}
