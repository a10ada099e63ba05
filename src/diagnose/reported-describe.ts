// Turns the error messages found in the inputs into the words and steps of the REPORTED_ERROR finding:
// groups them by meaning (reported.ts), names the most likely cause first, builds the fixes and the capture.
import type { Remediation } from './types.js';
import type { TraceContext } from './context.js';
import type { FixKey, ReportedCause, ReportedError, ReportedMeaning } from './reported.js';
import { meaningOf } from './reported.js';
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { CAPTURE } from './capture.js';
import * as fix from './remediation.js';

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
export function labelOf(g: ReportedGroup): string {
  const coded = g.errors.find((e) => e.winHttpError !== undefined && (!g.row || g.row.winHttp.includes(e.winHttpError)));
  if (coded) {
    const name = WINHTTP_ERROR_NAMES[coded.winHttpError!];
    return `WinHTTP ${coded.winHttpError}${name ? ` (${name})` : ''}`;
  }
  const aadsts = g.errors.find((e) => e.aadsts)?.aadsts;
  if (aadsts) return `${aadsts} (${g.row?.label ?? 'Entra ID error'})`;
  if (g.row) return `"${quote(g.errors[0]!.text, 80)}" (${g.row.label})`;
  return `"${quote(g.errors[0]!.text, 80)}"`;
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

function where(e: ReportedError): string {
  const at = e.line !== undefined ? `line ${e.line}` : e.ref.source;
  return `${at}${e.command ? `, ${e.command}` : ''}${e.host ? ` to ${e.host}${e.port !== undefined ? `:${e.port}` : ''}` : ''}`;
}

export function captureLine(): string {
  return `${CAPTURE.netshStart} → reproduce the failing command → ${CAPTURE.netshStop}`;
}

/** `fromText`: the messages came from pasted error text, not from events of a trace. */
export function headline(groups: readonly ReportedGroup[], fromText: boolean): string {
  const g = groups[0]!;
  const first = orderedCauses(g)[0];
  const likely = first ? `; most likely ${first.short}` : '';
  const said = fromText ? 'the error text shows' : 'the trace reports';
  const why = fromText ? '' : ' but no connection in it shows why';
  return `${said} ${labelOf(g)}${why}${likely}. Next capture: ${captureLine()}`;
}

export function explainReported(groups: readonly ReportedGroup[], ctx: TraceContext): string {
  const parts = groups.map((g) => {
    const lines = g.errors.slice(0, MAX_QUOTED_LINES).map(where).join('; ') + (g.errors.length > MAX_QUOTED_LINES ? `; and ${g.errors.length - MAX_QUOTED_LINES} more` : '');
    const meaning = g.row?.meaning ?? g.errors[0]!.meaning ?? 'an error this tool does not know the cause of';
    const causes = orderedCauses(g);
    const likely = causes.length ? ` Likely causes, most likely first: ${causes.map((c, i) => `(${i + 1}) ${c.text}`).join('; ')}.` : '';
    return `${labelOf(g)} (${lines}): ${meaning}.${likely}`;
  });
  const noTrace = ctx.errorTextOnly
    ? ' The input is the error text only, not a trace: the capture below shows which of the causes it is (WebIO shows the TLS versions WinHTTP asked for, the packets the ClientHello and the server\'s answer).'
    : ' No connection in the trace explains it.';
  return parts.join(' ') + noTrace;
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
      const built = fixesOf(c.fix, g, ctx).filter((r) => !seen.has(r.text));
      if (!built.length) continue;
      steps.push({ text: `If it is ${c.short} (${labelOf(g)}):` });
      for (const r of built) {
        seen.add(r.text);
        steps.push(r);
      }
    }
  }
  steps.push({ text: 'To prove which cause it is, capture while reproducing the failing command:', command: CAPTURE.netshStart });
  steps.push({ text: 'Stop the capture after reproducing, then analyse the .etl with tracedoctor:', command: CAPTURE.netshStop });
  if (groups.some((g) => g.row?.client === 'dotnet'))
    steps.push({
      text: '.NET clients (Connect-ExchangeOnline / MSAL, Invoke-WebRequest) do not go through WinHTTP, so the trace has no WebIO events for them: the captured packets show their ClientHello — the TLS versions really offered.',
    });
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
