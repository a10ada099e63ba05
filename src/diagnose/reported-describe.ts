// Turns the error messages found in the inputs into the words and steps of the REPORTED_ERROR finding:
// groups them by meaning (reported.ts), names the most likely cause first, builds the fixes and the capture.
import type { Remediation } from './types.js';
import type { TraceContext } from './context.js';
import type { FixKey, ReportedCause, ReportedError, ReportedMeaning } from './reported.js';
import { meaningOf } from './reported.js';
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { kindsMeaning } from './error-meanings.js';
import { CAPTURE, captureStart, type CaptureRecipe } from './capture.js';
import { kindCapture } from './error-meanings.js';
import * as fix from './remediation.js';
import { joined, msg, sentences, type Message, type MessageParam } from './message.js';

const MAX_QUOTED_LINES = 4;

export interface ReportedGroup {
  /** Undefined for messages no row knows (their own meaning is quoted). */
  row?: ReportedMeaning;
  errors: ReportedError[];
}

/** Messages grouped by meaning: known failures first, then the most frequent, then text order. */
export function groupReported(reports: readonly ReportedError[]): ReportedGroup[] {
  const groups = new Map<string, ReportedGroup>();
  for (const r of reports) {
    const row = meaningOf(r);
    const key = row?.id ?? `unknown:${r.winHttpError ?? r.kinds.join(',')}`;
    const g = groups.get(key) ?? { row, errors: [] };
    g.errors.push(r);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => Number(b.row?.failure ?? false) - Number(a.row?.failure ?? false) || b.errors.length - a.errors.length);
}

/** How the message is named: its WinHTTP code when it has one, else AADSTS, else the row's label. */
export function labelOf(g: ReportedGroup): MessageParam {
  const coded = g.errors.find((e) => e.winHttpError !== undefined && (!g.row || g.row.winHttp.includes(e.winHttpError)));
  if (coded) {
    const name = WINHTTP_ERROR_NAMES[coded.winHttpError!];
    return `WinHTTP ${coded.winHttpError}${name ? ` (${name})` : ''}`;
  }
  const aadsts = g.errors.find((e) => e.aadsts)?.aadsts;
  if (aadsts) return msg('reported.label_aadsts', { aadsts, label: g.row?.label ?? msg('reported.entra_error') });
  const text = quote(g.errors[0]!.text, 80);
  return g.row ? msg('reported.label_quoted_row', { text, label: g.row.label }) : msg('reported.label_quoted', { text });
}

/** The row's causes, the one the message's own context points at moved to the front. */
export function orderedCauses(g: ReportedGroup): ReportedCause[] {
  if (!g.row) return [];
  const hit = (c: ReportedCause) =>
    c.firstIf !== undefined &&
    g.errors.some(
      (e) =>
        (c.firstIf!.command?.test(e.command ?? '') ?? false) ||
        (c.firstIf!.host?.test(e.host ?? '') ?? false) ||
        e.kinds.some((k) => c.firstIf!.kinds?.includes(k) ?? false),
    );
  return [...g.row.causes.filter(hit), ...g.row.causes.filter((c) => !hit(c))];
}

function quote(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

/** Where a message was found: its line (or source), the command and the host it was about. */
function where(e: ReportedError): MessageParam {
  let at: MessageParam = e.line !== undefined ? msg('reported.at_line', { line: e.line }) : e.ref.source;
  if (e.command) at = msg('reported.at_command', { at, command: e.command });
  if (e.host) at = msg('reported.at_host', { at, host: `${e.host}${e.port !== undefined ? `:${e.port}` : ''}` });
  return at;
}

/** The capture family of a group: that of its first message's first kind. */
function recipeOf(g: ReportedGroup): CaptureRecipe {
  return kindCapture(g.errors[0]?.kinds[0] ?? '');
}

export function captureLine(g: ReportedGroup): Message {
  return msg('reported.capture_line', { start: captureStart(recipeOf(g)), stop: CAPTURE.netshStop });
}

/** `fromText`: the messages came from pasted error text, not from events of a trace. */
export function headline(groups: readonly ReportedGroup[], fromText: boolean): Message {
  const g = groups[0]!;
  const first = orderedCauses(g)[0];
  const said = { label: labelOf(g), capture: captureLine(g) };
  if (fromText) return first ? msg('reported.headline_text_likely', { ...said, cause: first.short }) : msg('reported.headline_text', said);
  return first ? msg('reported.headline_trace_likely', { ...said, cause: first.short }) : msg('reported.headline_trace', said);
}

export function explainReported(groups: readonly ReportedGroup[], ctx: TraceContext): MessageParam {
  const parts = groups.map((g) => {
    const quoted = g.errors.slice(0, MAX_QUOTED_LINES).map(where);
    const lines = joined('items', [...quoted, g.errors.length > MAX_QUOTED_LINES && msg('reported.and_more', { count: g.errors.length - MAX_QUOTED_LINES })]);
    // A message no row knows: what its kinds mean (error-meanings.ts).
    const meaning = g.row?.meaning ?? g.errors[0]!.meaning ?? kindsMeaning(g.errors[0]!.kinds) ?? msg('reported.unknown_meaning');
    const causes = orderedCauses(g);
    const likely = causes.length ? msg('reported.likely_causes', { causes: joined('clause', causes.map((c, i) => msg('reported.numbered_cause', { n: i + 1, cause: c.text }))) }) : undefined;
    return sentences(msg('reported.message_means', { label: labelOf(g), lines, meaning }), likely);
  });
  return sentences(...parts, msg(ctx.errorTextOnly ? 'reported.error_text_only' : 'reported.no_connection_explains'));
}

function fixesOf(key: FixKey, g: ReportedGroup, ctx: TraceContext): Remediation[] {
  const e = g.errors.find((x) => x.host) ?? g.errors[0]!;
  switch (key) {
    case 'winhttpTls12':
      return fix.winhttpDefaultProtocols(ctx);
    case 'schannelTls12':
      return fix.schannelTls12Client();
    case 'cipherSuites':
      return fix.cipherSuites(ctx);
    case 'dotnetTls12':
      return fix.dotnetStrongCrypto(ctx);
    case 'dns':
      return fix.dnsResolution(e.host);
    case 'proxy':
      return fix.proxySettings(undefined, undefined);
    case 'proxyAuth':
      return fix.proxyCredentials();
    case 'signIn':
      return fix.modernSignIn();
    case 'tcp':
      return fix.tcpConnect(e.host, e.port);
    case 'certificate': {
      const kinds = g.errors.flatMap((x) => x.kinds).join(' ');
      return fix.certificateTrust({
        untrusted: /unknown_ca|trust_failure/.test(kinds) || g.errors.some((x) => x.winHttpError === 12045),
        revocation: /revocation|revoked/.test(kinds) || g.errors.some((x) => x.winHttpError === 12057),
        nameMismatch: /cn_mismatch/.test(kinds) || g.errors.some((x) => x.winHttpError === 12038),
      });
    }
  }
}

/** The fixes of every likely cause (each builder once), then the capture that tells the causes apart. */
export function remediateReported(groups: readonly ReportedGroup[], ctx: TraceContext): Remediation[] {
  const steps: Remediation[] = [];
  const used = new Set<FixKey>();
  const seen = new Set<string>();
  // Every cause of the main message; for the other messages their most likely cause (all are named in the text).
  for (const [i, g] of groups.entries()) {
    for (const c of orderedCauses(g).slice(0, i === 0 ? undefined : 1)) {
      if (used.has(c.fix)) continue;
      used.add(c.fix);
      // A step several causes share is given once (the same message is the same step).
      const built = fixesOf(c.fix, g, ctx).filter((r) => !seen.has(JSON.stringify(r.text)));
      if (!built.length) continue;
      steps.push({ text: msg('reported.if_it_is', { cause: c.short, label: labelOf(g) }), heading: true });
      for (const r of built) {
        seen.add(JSON.stringify(r.text));
        steps.push(r);
      }
    }
  }
  const recipe = groups[0] ? recipeOf(groups[0]) : 'tls';
  // The capture is for every cause: under a heading of its own, not the last cause's.
  if (steps.some((s) => s.heading)) steps.push({ text: msg('reported.to_tell_apart'), heading: true });
  steps.push({ text: msg('step.prove_cause_capture_tells', { tells: msg(`capture.tells.${recipe}`, { proxy_show: CAPTURE.winhttpProxyShow }) }), command: captureStart(recipe) });
  steps.push({ text: msg('step.stop_and_analyse'), command: CAPTURE.netshStop });
  if (groups.some((g) => g.row?.client === 'dotnet')) steps.push({ text: msg('step.dotnet_packets_only') });
  return steps;
}

/** WinRM client events that report a failed operation (137 name, 138 timeout, 142 operation failed, 172 SSL/cert). */
const WINRM_FAILURE_EVENTS: ReadonlySet<number> = new Set([137, 138, 142, 172]);

/**
 * The error messages of the inputs: pasted error text when there is some, else the WinRM failure events and
 * the WinHTTP errors no connection took up (only those whose meaning a row knows, so a trace's stray errors
 * do not become a finding of their own).
 */
export function reportedErrors(ctx: TraceContext): ReportedError[] {
  if (ctx.reportedErrors?.length) return ctx.reportedErrors;
  const out: ReportedError[] = [];
  for (const e of ctx.facts.unattachedErrors) {
    const r: ReportedError = { kinds: [`winhttp_${e.code}`], winHttpError: e.code, text: e.ref.text, ref: e.ref };
    if (meaningOf(r)) out.push(r);
  }
  for (const w of ctx.facts.winrmEvents) {
    if (!WINRM_FAILURE_EVENTS.has(w.id)) continue;
    const code = w.errorCode !== undefined && w.errorCode >= 12000 && w.errorCode < 12200 ? w.errorCode : undefined;
    const kinds = w.id === 137 ? ['winrm_name_not_resolved'] : w.id === 138 ? ['winrm_timeout'] : /internal error in the SSL library/i.test(w.text) ? ['ssl_internal_error'] : [];
    const r: ReportedError = { kinds, winHttpError: code, text: w.text, host: w.host, port: w.port, ref: w.ref };
    if (meaningOf(r)) out.push(r);
  }
  return out;
}
