// Draws a Ladder as static SVG: lifelines in columns, one row per step in time order, time offsets on the left
// axis. Every step links to its evidence line (`#ev-<connection>-<index>`) and carries the line as a tooltip.
import { esc, offsetText } from './escape.js';
import { displayTime } from '../../common/time.js';
import type { Messages } from '../../common/i18n/catalog.js';
import { evidenceText } from '../i18n/packet-text.js';
import type { ArrowStep, Ladder, LadderStep, Lane, NoteStep } from './ladder-steps.js';
import type { ConnectionRecord } from './ladder-steps.js';

const AXIS = 78;
const HEAD_H = 50;
const TOP = HEAD_H + 22;
const MIN_WIDTH = 900;
const LANE_GAP_MIN = 190;
const RIGHT_ROOM = 150;
const CHAR_W = 6.3;
/** Notes are set in 11.5 px, errors in semibold: a little wider per character than arrow labels. */
const NOTE_CHAR_W = 6.9;

export function evidenceAnchor(connectionId: number, index: number): string {
  return `ev-${connectionId}-${index}`;
}

function rowHeight(s: LadderStep): number {
  if (s.type === 'note') return 30;
  return s.detail ? 46 : 34;
}

function textWidth(s: string): number {
  return s.length * CHAR_W + 16;
}

function clipDetail(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

interface Geometry {
  width: number;
  x: Map<Lane, number>;
}

function geometry(l: Ladder): Geometry {
  const n = l.lanes.length;
  const width = Math.max(MIN_WIDTH, AXIS + 90 + (n - 1) * LANE_GAP_MIN + RIGHT_ROOM);
  const first = AXIS + 90;
  const gap = n > 1 ? (width - first - RIGHT_ROOM) / (n - 1) : 0;
  return { width, x: new Map(l.lanes.map((h, i) => [h.lane, Math.round(first + i * gap)])) };
}

function tooltip(c: ConnectionRecord, s: LadderStep, m: Messages): string {
  const e = c.evidence[s.evidence];
  return e ? `<title>${esc(`${displayTime(e.time)}  ${e.source}\n${evidenceText(m, e)}`)}</title>` : '';
}

function arrowSvg(s: ArrowStep, g: Geometry, y: number): string {
  const x1 = g.x.get(s.from)!;
  const x2 = g.x.get(s.to)!;
  const dir = x2 > x1 ? 1 : -1;
  const tip = x2 - dir * 2;
  const head = `${tip},${y} ${tip - dir * 9},${y - 4.5} ${tip - dir * 9},${y + 4.5}`;
  const mid = (x1 + x2) / 2;
  const span = Math.abs(x2 - x1);
  const out = [
    `<line class="arrow-line${s.dashed ? ' dashed' : ''}" x1="${x1}" y1="${y}" x2="${tip - dir * 8}" y2="${y}"/>`,
    `<polygon class="arrow-head" points="${head}"/>`,
    // A label wider than its arrow goes beside the arrow's right end, where no other lifeline's label sits.
    textWidth(s.label) * 1.05 <= span
      ? `<text class="arrow-label" x="${mid}" y="${y - 7}" text-anchor="middle">${esc(s.label)}</text>`
      : `<text class="arrow-label" x="${Math.max(x1, x2) + 10}" y="${y + 4}">${esc(s.label)}</text>`,
  ];
  if (s.detail) out.push(`<text class="arrow-detail" x="${mid}" y="${y + 15}" text-anchor="middle">${esc(clipDetail(s.detail, Math.max(40, Math.floor((span + 160) / 5.6))))}</text>`);
  return out.join('');
}

function noteSvg(s: NoteStep, g: Geometry, y: number): string {
  const lx = g.x.get(s.lane)!;
  const w = Math.min(s.label.length * NOTE_CHAR_W + 16, g.width - AXIS - 12);
  const x = Math.max(AXIS + 6, Math.min(lx - 8, g.width - w - 6));
  return (
    `<rect class="note-box" x="${x}" y="${y - 11}" width="${w.toFixed(0)}" height="22" rx="4"/>` +
    `<text class="note-label" x="${x + 8}" y="${y + 4}">${esc(s.label)}</text>`
  );
}

function stepSvg(c: ConnectionRecord, l: Ladder, s: LadderStep, g: Geometry, y: number, href: string, m: Messages): string {
  const offset = s.time !== undefined && l.start !== undefined ? offsetText(Number(s.time - l.start) / 10000) : '';
  const attrs =
    s.type === 'arrow'
      ? `class="step arrow tone-${s.tone}" data-kind="${s.kind}" data-from="${s.from}" data-to="${s.to}"`
      : `class="step note tone-${s.tone}" data-kind="${s.kind}" data-lane="${s.lane}"`;
  const body = s.type === 'arrow' ? arrowSvg(s, g, y) : noteSvg(s, g, y);
  return (
    `<a href="#${href}" ${attrs} data-evidence="${s.evidence}">${tooltip(c, s, m)}` +
    `<line class="row-guide" x1="${AXIS}" y1="${y}" x2="${g.width - 4}" y2="${y}"/>` +
    `<text class="axis-label" x="${AXIS - 8}" y="${y + 4}" text-anchor="end">${esc(offset)}</text>${body}</a>`
  );
}

/** The ladder of connection `c` as an `<svg>` element (fixed pixel size; the page scrolls it on narrow screens). */
export function renderLadderSvg(c: ConnectionRecord, l: Ladder, title: string, m: Messages): string {
  const g = geometry(l);
  let y = TOP;
  const rows: string[] = [];
  for (const s of l.steps) {
    const h = rowHeight(s);
    const at = y + (s.type === 'arrow' && s.detail ? 16 : h / 2);
    rows.push(stepSvg(c, l, s, g, Math.round(at), evidenceAnchor(c.id, s.evidence), m));
    y += h;
  }
  const height = y + 16;
  const heads = l.lanes
    .map((h) => {
      const x = g.x.get(h.lane)!;
      const w = Math.max(textWidth(h.title), h.subtitle ? textWidth(h.subtitle) - 10 : 0, 120);
      return (
        `<g class="lane lane-${h.lane}" data-lane="${h.lane}">` +
        `<line class="lifeline" x1="${x}" y1="${HEAD_H + 6}" x2="${x}" y2="${height - 8}"/>` +
        `<rect class="lane-head" x="${(x - w / 2).toFixed(0)}" y="6" width="${w.toFixed(0)}" height="${HEAD_H - 6}" rx="6"/>` +
        `<text class="lane-title" x="${x}" y="24" text-anchor="middle">${esc(h.title)}</text>` +
        (h.subtitle ? `<text class="lane-subtitle" x="${x}" y="40" text-anchor="middle">${esc(h.subtitle)}</text>` : '') +
        `</g>`
      );
    })
    .join('');
  return (
    `<svg class="ladder" xmlns="http://www.w3.org/2000/svg" role="img" width="${g.width}" height="${height}" ` +
    `viewBox="0 0 ${g.width} ${height}" data-connection="${c.id}"><title>${esc(title)}</title>${heads}${rows.join('')}</svg>`
  );
}
