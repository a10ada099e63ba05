// Turns the manifest message templates into regular expressions that read a rendered message back into named
// fields. `%1`…`%n` become lazy captures; a blank between two literal words must be there, blanks next to a value
// and `%n`/`%t` (netsh breaks lines at `%n`) may be absent, since values can be empty. Rows with more literal
// text are tried first, so a generic template never shadows a specific one; cheap substring tests on the literal
// words skip most rows, and each message shape remembers the template that read it.
import type { Fields } from '../../decode/types.js';
import type { MapSchema, MapTable } from '../../decode/schema.js';
import { bundledTemplateRows, type TemplateRow } from './templates-source.js';
import { convertValue } from './values.js';
import { LEGACY_TEMPLATES } from './templates-legacy.js';
import { JAPANESE_TEMPLATES } from './templates-ja.js';
import { PROVIDER_GUIDS } from '../../windows/provider-guids.js';

export interface CompiledTemplate {
  provider: string;
  guid: string;
  id: number;
  version: number;
  names: string[];
  types: string[];
  /** Value map of each field (by position), if it has one. */
  maps: (MapSchema | undefined)[];
  template: string;
  re: RegExp;
  /**
   * The same template allowing text after it (newer builds append fields; pktmon prints packet lines below):
   * a trailing placeholder takes one token (up to a blank, comma or semicolon), the rest goes to the last group.
   */
  tolerant: RegExp;
  /** Placeholder numbers of each capture group, in order (several for a run of adjacent placeholders). */
  groups: number[][];
  /** Longest literal word; a message without it cannot match. */
  anchor: string;
  /** Every literal word, in template order: all must occur in the message, in this order. */
  words: string[];
  literalLength: number;
}

interface ProviderTable {
  name: string;
  guid: string;
  rows: readonly TemplateRow[];
  maps: MapTable;
  compiled?: CompiledTemplate[];
  /** Message shape (numbers blanked) → the template that read it last, or null for "none"; bounded. */
  shapes: Map<string, CompiledTemplate | null>;
}

/** Distinct message shapes remembered per provider; a trace has few, a runaway file must not grow this. */
const MAX_SHAPES = 4096;

/** A message with its numbers blanked: lines of the same event differ only there, so they share a template. */
function shapeOf(message: string): string {
  return message.replace(/0x[0-9a-f]+|\d+/gi, '#');
}

/** Cheap pre-check before any regex: the literal words occur in the message in template order. */
function hasWordsInOrder(message: string, words: string[]): boolean {
  let at = 0;
  for (const w of words) {
    const i = message.indexOf(w, at);
    if (i < 0) return false;
    at = i + w.length;
  }
  return true;
}

const BY_NAME = new Map<string, ProviderTable>();
for (const p of bundledTemplateRows()) {
  BY_NAME.set(p.name.toLowerCase(), { ...p, rows: [...p.rows, ...(LEGACY_TEMPLATES[p.name] ?? []), ...(JAPANESE_TEMPLATES[p.name] ?? [])], shapes: new Map() });
}

const PLACEHOLDER = /%(\d+)(?:![^!]*!)?|%n|%t|%%|%[rb.!]/g;

type Token = { kind: 'lit'; text: string } | { kind: 'ph'; n: number } | { kind: 'space' };

function tokenize(template: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  const lit = (text: string) => {
    for (const part of text.split(/(\s+)/)) {
      if (part === '') continue;
      out.push(/^\s+$/.test(part) ? { kind: 'space' } : { kind: 'lit', text: part });
    }
  };
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(template); m; m = PLACEHOLDER.exec(template)) {
    lit(template.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) out.push({ kind: 'ph', n: Number(m[1]) });
    else if (m[0] === '%%') lit('%');
    else if (m[0] === '%.') lit('.');
    else if (m[0] === '%!') lit('!');
    else out.push({ kind: 'space' }); // %n, %t, %r, %b
  }
  lit(template.slice(last));
  return out;
}

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileTemplate(provider: string, guid: string, row: TemplateRow, mapTable?: MapTable): CompiledTemplate | undefined {
  const [id, version, names, types, template, mapNames] = row;
  const tokens = tokenize(template);
  let src = '^\\s*';
  const groups: number[][] = [];
  const words: string[] = [];
  let endsWithPlaceholder = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lit') {
      src += escapeRe(t.text);
      words.push(t.text);
      endsWithPlaceholder = false;
    } else if (t.kind === 'space') {
      // Between literals a blank is required; around values it may be absent (empty values).
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      src += prev?.kind === 'lit' && next?.kind === 'lit' ? '\\s+' : '\\s*';
    } else {
      // Placeholders separated only by blanks/line breaks (`%3 %4 … %10`) are one run: splitting it by lazy
      // matching would cut a multi-word value at its first blank, so the run is captured whole and split later.
      const run = [t.n];
      let j = i + 1;
      for (;;) {
        let k = j;
        while (tokens[k]?.kind === 'space') k++;
        const nt = tokens[k];
        if (k > j && nt?.kind === 'ph') {
          run.push(nt.n);
          j = k + 1;
        } else break;
      }
      i = j - 1;
      groups.push(run);
      src += '([\\s\\S]*?)';
      endsWithPlaceholder = true;
    }
  }
  const tolerantSrc = (endsWithPlaceholder ? src.replace(/\(\[\\s\\S\]\*\?\)$/, '([^\\s,;]*)') : src) + '([\\s\\S]*)$';
  src += '\\s*$';
  const anchor = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const literalLength = words.reduce((n, w) => n + w.length, 0);
  if (literalLength === 0 && groups.length <= 1) return undefined; // `%1` alone says nothing about the event
  try {
    return {
      provider,
      guid,
      id,
      version,
      names: names ? names.split(',') : [],
      types: types ? types.split(',') : [],
      maps: (mapNames ?? '').split(',').map((m) => (m ? mapTable?.get(m) : undefined)),
      template,
      re: new RegExp(src),
      tolerant: new RegExp(tolerantSrc),
      groups,
      anchor,
      words,
      literalLength,
    };
  } catch {
    return undefined;
  }
}

/**
 * Values of a placeholder run: one per line when the text has line breaks (netsh prints list values such as
 * WinRM 172's errors on their own lines); else, for non-text values (numbers, pointers), one per blank-separated
 * token when the counts agree; else the whole text for the first placeholder — text values may contain blanks,
 * so `Encountered an internal error …` must not be cut into words.
 */
function splitRun(text: string, types: (string | undefined)[]): string[] {
  const count = types.length;
  if (count === 1) return [text.trim()];
  if (/\n/.test(text)) {
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && l !== '.');
    if (lines.length <= count) return lines;
  }
  const textual = types.some((t) => t === undefined || /String/.test(t));
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (!textual && tokens.length === count) return tokens;
  return [text.trim()];
}

function compiled(table: ProviderTable): CompiledTemplate[] {
  if (!table.compiled) {
    table.compiled = table.rows
      .map((r) => compileTemplate(table.name, table.guid, r, table.maps))
      .filter((c): c is CompiledTemplate => c !== undefined)
      .sort((a, b) => b.literalLength - a.literalLength || b.version - a.version);
  }
  return table.compiled;
}

/** Provider GUID for a provider name we hold templates for (and a few more that netsh traces carry). */
export function providerGuid(name: string): string | undefined {
  return BY_NAME.get(name.toLowerCase())?.guid ?? EXTRA_PROVIDER_GUIDS[name.toLowerCase()];
}

/** Providers seen in netsh/tracerpt exports whose messages we do not parse, by name → GUID (providers-and-exports.md §1.2). */
const EXTRA_PROVIDER_GUIDS: Record<string, string> = {
  'microsoft-windows-wininet': PROVIDER_GUIDS.wininet,
  'microsoft-windows-wininet-capture': PROVIDER_GUIDS.wininetCapture,
  schannel: PROVIDER_GUIDS.schannelWpp,
  'microsoft-windows-winsock-afd': PROVIDER_GUIDS.winsockAfd,
  'microsoft-windows-winsock-nameresolution': PROVIDER_GUIDS.winsockNameResolution,
  'microsoft-windows-capi2': PROVIDER_GUIDS.capi2,
  'microsoft-windows-networking-correlation': PROVIDER_GUIDS.networkingCorrelation,
  'microsoft-windows-wlan-autoconfig': PROVIDER_GUIDS.wlanAutoconfig,
};

/** Canonical spelling of a provider name we know (exports vary case). */
export function canonicalProviderName(name: string): string {
  return BY_NAME.get(name.toLowerCase())?.name ?? name;
}

export interface TemplateMatch {
  template: CompiledTemplate;
  fields: Fields;
  /** Text after the template (tolerant match only): packet lines, hex dumps, fields of newer builds. */
  rest?: string;
  /** Typed fields whose text did not convert (a sign the lazy captures split the message wrongly). */
  misfits: number;
}

const ENDPOINT_SUFFIX = /^(\S+)\s*\(local=(\S+)\s+remote=(\S+?)\)$/;
const TYPED = /^(U?Int(8|16|32|64)|HexInt(32|64)|Pointer|SizeT|Boolean)$/;

/** True when the template prints field `name` (has a placeholder for it). */
function printed(t: CompiledTemplate, name: string): boolean {
  const i = t.names.indexOf(name);
  return i >= 0 && t.groups.some((run) => run.includes(i + 1));
}

function fieldsOf(t: CompiledTemplate, m: RegExpExecArray): { fields: Fields; misfits: number } {
  const fields: Fields = {};
  let misfits = 0;
  const values: [number, string][] = [];
  t.groups.forEach((run, i) =>
    splitRun(
      m[i + 1]!,
      run.map((n) => t.types[n - 1]),
    ).forEach((v, k) => values.push([run[k]!, v])),
  );
  values.forEach(([n, captured]) => {
    const name = t.names[n - 1] ?? `Field${n}`;
    if (name in fields) return;
    const type = t.types[n - 1];
    let raw = captured.trim();
    // Newer TCPIP builds print the endpoints after the connection pointer: `0xFFFF… (local=a:p remote=b:q)`.
    const ep = ENDPOINT_SUFFIX.exec(raw);
    if (ep) {
      raw = ep[1]!;
      // The template's own address placeholders, when it prints them, take precedence.
      if (!printed(t, 'LocalAddress')) fields.LocalAddress = ep[2]!;
      if (!printed(t, 'RemoteAddress')) fields.RemoteAddress = ep[3]!;
    }
    const value = convertValue(name, type, raw, t.provider, t.maps[n - 1]);
    if (type && TYPED.test(type) && typeof value === 'string' && !/^0x[0-9A-F]+$/.test(value)) misfits++;
    fields[name] = value;
  });
  return { fields, misfits };
}

function matchOne(t: CompiledTemplate, message: string): TemplateMatch | undefined {
  const strict = t.re.exec(message);
  let best: TemplateMatch | undefined;
  if (strict) {
    best = { template: t, ...fieldsOf(t, strict) };
    if (best.misfits === 0) return best;
  }
  const loose = t.tolerant.exec(message);
  if (loose) {
    const rest = loose[loose.length - 1]!.trim();
    const cand: TemplateMatch = { template: t, ...fieldsOf(t, loose), ...(rest ? { rest } : {}) };
    if (!best || cand.misfits < best.misfits) best = cand;
  }
  return best;
}

/** Longest message we try templates on; longer ones (hex dumps) are matched on their first line only. */
const MAX_MATCH_LENGTH = 8192;

/** Reads `message` of `provider` back into fields with the best-matching template, if any. */
export function matchMessage(provider: string, message: string): TemplateMatch | undefined {
  const table = BY_NAME.get(provider.toLowerCase());
  if (!table || message.length > MAX_MATCH_LENGTH) return undefined;
  const shape = shapeOf(message);
  const remembered = table.shapes.get(shape);
  if (remembered === null) return undefined;
  if (remembered) {
    const m = matchOne(remembered, message);
    if (m) return m;
  }
  // A clean match wins at once; otherwise keep the candidate with the fewest misfits.
  let best: TemplateMatch | undefined;
  for (const t of compiled(table)) {
    if (t.anchor && !message.includes(t.anchor)) continue;
    if (!hasWordsInOrder(message, t.words)) continue;
    const m = matchOne(t, message);
    if (!m) continue;
    if (m.misfits === 0 && m.rest === undefined) {
      best = m;
      break;
    }
    if (!best || m.misfits < best.misfits || (m.misfits === best.misfits && best.rest !== undefined && m.rest === undefined)) best = m;
  }
  if (table.shapes.size >= MAX_SHAPES) table.shapes.clear();
  table.shapes.set(shape, best ? best.template : null);
  return best;
}

/** Every compiled template of a provider (for tests and for rendering). */
export function templatesOf(provider: string): CompiledTemplate[] {
  const table = BY_NAME.get(provider.toLowerCase());
  return table ? compiled(table) : [];
}

/** Field names and in-types of (provider, id, version) as far as the template table knows them. */
export function fieldNamesOf(provider: string, id: number, version: number): { name: string; type: string; map?: MapSchema }[] | undefined {
  const table = BY_NAME.get(provider.toLowerCase());
  if (!table) return undefined;
  let best: TemplateRow | undefined;
  for (const r of table.rows) {
    if (r[0] !== id) continue;
    if (r[1] === version) {
      best = r;
      break;
    }
    if (!best || r[1] > best[1]) best = r;
  }
  if (!best || !best[2]) return undefined;
  const types = best[3].split(',');
  const maps = (best[5] ?? '').split(',');
  return best[2].split(',').map((name, i) => {
    const map = maps[i] ? table.maps.get(maps[i]!) : undefined;
    return { name, type: types[i] ?? '', ...(map ? { map } : {}) };
  });
}

/**
 * The message netsh would print for (provider, id, version) with these fields, for exports that carry the
 * fields but no rendered text (tracerpt XML without RenderingInfo). Undefined when no template is known.
 */
export function renderMessage(provider: string, id: number, version: number, fields: Fields): string | undefined {
  const table = BY_NAME.get(provider.toLowerCase());
  if (!table) return undefined;
  const rows = table.rows.filter((r) => r[0] === id && r[4] !== '');
  const row = rows.find((r) => r[1] === version) ?? rows.sort((a, b) => b[1] - a[1])[0];
  if (!row) return undefined;
  const names = row[2] ? row[2].split(',') : [];
  return row[4]
    .replace(/%(\d+)(?:![^!]*!)?|%n|%t|%%/g, (m, n?: string) => {
      if (n === undefined) return m === '%n' ? '\n' : m === '%t' ? '\t' : '%';
      const v = fields[names[Number(n) - 1] ?? ''];
      if (v === undefined || v === null) return '';
      return typeof v === 'object' ? '' : String(v);
    })
    .trim();
}
