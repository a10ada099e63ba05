// The finding catalog: one table row per finding — code, severity, title, when it applies, how it is
// explained, which milestones it quotes as evidence, and how it is fixed.
import type { Connection, KeyFact } from '../correlate/types.js';
import type { EvidenceRef } from '../providers/observations.js';
import type { Remediation, Severity } from './types.js';
import { joined, msg, sentences, type Message, type MessageParam } from './message.js';
import type { TraceContext } from './context.js';
import { isWindows7Family, needsKb3140245, osLabel } from './context.js';
import { maskOffersModernTls } from '../windows/sp-prot.js';
import { FAILED_OUTCOMES, hasCertProblem, PROXY_WINHTTP_ERRORS } from '../correlate/outcome.js';
import { certFixNeeds, certReasons } from './cert-reasons.js';
import { isRelevantName, WINRM_NAME_ERROR_EVENTS } from '../correlate/relevance.js';
import { parseEndpoint } from '../correlate/endpoint.js';
import { codeText } from './codes.js';
import { codeMessage } from './code-glosses.js';
import { DNS_STATUS_NAMES, SOCKET_ERROR_NAMES } from '../windows/win32-errors.js';
import { SECURITY_STATUS, SECURITY_STATUS_NAMES } from '../windows/security-status.js';
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { client, more, maskText, offered, serverReaction, who } from './describe.js';
import * as fix from './remediation.js';
import { CAPTURE } from './capture.js';
import { explainReported, groupReported, headline, remediateReported, reportedErrors } from './reported-describe.js';
import { filetimeToIso } from '../common/time.js';
import { ALERT } from '../net/registry/tls-alerts.js';
import { TLS_VERSION } from '../net/registry/tls-versions.js';

export interface ConnectionRule<C extends string = string> {
  scope: 'connection';
  code: C;
  severity: Severity;
  kind: 'cause' | 'note';
  title: Message;
  /** Runs only on connections no other error finding explained. */
  fallback?: boolean;
  when(c: Connection, ctx: TraceContext): boolean;
  /** Milestones quoted as evidence, in this order of preference. */
  evidence: readonly KeyFact[];
  explain(cs: Connection[], ctx: TraceContext): MessageParam;
  remediation(cs: Connection[], ctx: TraceContext): Remediation[];
}

export interface TraceMatch {
  connections: Connection[];
  evidence: EvidenceRef[];
}

export interface TraceRule<C extends string = string> {
  scope: 'trace';
  code: C;
  severity: Severity;
  kind: 'cause' | 'gap' | 'note';
  title: Message;
  match(ctx: TraceContext): TraceMatch | undefined;
  explain(m: TraceMatch, ctx: TraceContext): MessageParam;
  remediation(m: TraceMatch, ctx: TraceContext): Remediation[];
  /** Severity of this match when it depends on what was found (defaults to `severity`). */
  severityOf?(m: TraceMatch, ctx: TraceContext): Severity;
  /** The answer in one sentence for the first line of a report. */
  headline?(m: TraceMatch, ctx: TraceContext): MessageParam;
}

export type Rule = ConnectionRule | TraceRule;

// The two constructors keep each rule's code as its literal type, so FindingCode below is the catalog's own list.
function connectionRule<C extends string>(rule: ConnectionRule<C>): ConnectionRule<C> {
  return rule;
}
function traceRule<C extends string>(rule: TraceRule<C>): TraceRule<C> {
  return rule;
}

const TLS12 = TLS_VERSION['TLS 1.2'];
const TLS_PORTS: ReadonlySet<number> = new Set([443, 5986, 8443]);
/** ECDHE with AES-GCM (TLS 1.2) and the TLS 1.3 AEAD suites: what Microsoft 365 front ends accept. */
const MODERN_SUITES: ReadonlySet<number> = new Set([0xc02f, 0xc030, 0xc02b, 0xc02c, 0x1301, 0x1302, 0x1303]);
const PUBLIC_ISSUER = /microsoft|digicert|baltimore|globalsign|entrust|sectigo|comodo|let's encrypt|isrg|godaddy|verisign|symantec|geotrust|thawte|amazon|google trust/i;

function maxOffered(c: Connection): number | undefined {
  return c.clientOfferedVersionCodes?.[0];
}
function legacyOnly(c: Connection): boolean {
  const m = maxOffered(c);
  return m !== undefined && m < TLS12;
}
function failing(c: Connection): boolean {
  return !c.established && (FAILED_OUTCOMES.has(c.outcome) || legacyOnly(c) || c.versionMismatchReported === true);
}
function errs(c: Connection): string {
  return c.winhttpErrors.length ? c.winhttpErrors.map((e) => codeText(e, WINHTTP_ERROR_NAMES)).join(', ') : '';
}
/** What the ClientHello (or its absence) and the answer to it were, as one sentence. */
function wireLine(c: Connection): Message {
  const reaction = serverReaction(c);
  if (c.clientOfferedVersions.length === 0) {
    return c.flow ? msg(c.truncated ? 'wire.capture_no_hello_cut' : 'wire.capture_no_hello', { reaction }) : msg('wire.no_hello');
  }
  const cut = c.clientHelloTruncated === true;
  const key = c.clientHelloSource === 'webio' ? (cut ? 'wire.webio_hello_cut' : 'wire.webio_hello') : cut ? 'wire.hello_cut' : 'wire.hello';
  return msg(key, { offered: offered(c), reaction });
}
/** The connection went to a Microsoft 365 / Entra endpoint (or nothing says where it went). */
function isMicrosoft365(c: Connection): boolean {
  return c.destinationClass === undefined || c.destinationClass === 'microsoft365';
}

/** What the kind of destination means for a failed connection (nothing to add for a Microsoft 365 endpoint). */
function destinationNote(c: Connection): Message | undefined {
  const at: MessageParam = c.remoteIp ? `${c.remoteIp}${c.remotePort !== undefined ? `:${c.remotePort}` : ''}` : msg('phrase.that_address');
  switch (c.destinationClass) {
    case 'loopback':
      return msg('dest.loopback', { at });
    case 'private':
      return msg('dest.private', { at });
    case 'internet':
      return msg('dest.internet', { host: c.serverName ?? at });
    default:
      return undefined;
  }
}

/** What the client itself reported (WinHTTP errors, the version-mismatch event, WinRM's message), as one sentence. */
function symptom(c: Connection): Message | undefined {
  const parts: Message[] = [];
  if (c.winhttpErrors.length) parts.push(msg('symptom.winhttp', { errors: errs(c) }));
  if (c.versionMismatchReported) parts.push(msg('symptom.version_mismatch'));
  const winrm = c.winrmEvents?.find((w) => w.errorCode || /fail|cannot|error/i.test(w.text));
  if (winrm) parts.push(msg('symptom.winrm', { text: winrm.text.length > 160 ? winrm.text.slice(0, 157) + '…' : winrm.text }));
  return parts.length ? msg('symptom.sentence', { parts: joined('clause', parts) }) : undefined;
}
function cipherName(ctx: TraceContext, id: number): string {
  return ctx.naming ? ctx.naming.cipherSuiteName(id) : '0x' + id.toString(16).toUpperCase().padStart(4, '0');
}

/** Adds the reference behind a connection's milestone, when it has one. */
function pushKey(out: EvidenceRef[], c: Connection, fact: KeyFact): void {
  const ref = c.keyEvidence?.get(fact);
  if (ref) out.push(ref);
}

// ---------------------------------------------------------------------------------------------------------------
// Connection rules
// ---------------------------------------------------------------------------------------------------------------

const winhttpTls12NotOffered = connectionRule({
  scope: 'connection',
  code: 'WINHTTP_TLS12_NOT_OFFERED',
  severity: 'error',
  kind: 'cause',
  title: msg('title.WINHTTP_TLS12_NOT_OFFERED'),
  when: (c) =>
    c.winhttpEnabledProtocols !== undefined &&
    c.winhttpEnabledProtocols !== 0 &&
    !maskOffersModernTls(c.winhttpEnabledProtocols) &&
    !c.established &&
    (failing(c) || (c.serverName !== undefined && isRelevantName(c.serverName))),
  evidence: ['credentials', 'app_protocols', 'client_hello', 'alert', 'reset', 'socket_closed', 'winhttp_error', 'version_mismatch', 'winrm_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    const kb = needsKb3140245(ctx);
    const os = msg(kb === true ? 'winhttp_tls12.os_needs_kb' : kb === false ? 'winhttp_tls12.os_has_tls12' : 'winhttp_tls12.os_unknown', { os: osLabel(ctx.osBuild) });
    const app =
      c.appSecureProtocols !== undefined && c.appSecureProtocols !== c.winhttpEnabledProtocols
        ? msg('winhttp_tls12.app_option', { mask: maskText(c.appSecureProtocols) })
        : undefined;
    return sentences(
      msg('winhttp_tls12.asked', { who: who(c), mask: maskText(c.winhttpEnabledProtocols!) }),
      wireLine(c),
      msg(isMicrosoft365(c) ? 'winhttp_tls12.m365_refuses' : 'winhttp_tls12.server_refuses'),
      symptom(c),
      app,
      os,
      msg('winhttp_tls12.remoting'),
      more(cs),
    );
  },
  remediation: (cs, ctx) => fix.winhttpDefaultProtocols(ctx, cs.find((c) => c.appSecureProtocols !== undefined)?.appSecureProtocols),
});

const schannelTls12Disabled = connectionRule({
  scope: 'connection',
  code: 'SCHANNEL_TLS12_DISABLED',
  severity: 'error',
  kind: 'cause',
  title: msg('title.SCHANNEL_TLS12_DISABLED'),
  when: (c) => c.winhttpEnabledProtocols !== undefined && maskOffersModernTls(c.winhttpEnabledProtocols) && legacyOnly(c) && !c.established,
  evidence: ['credentials', 'client_hello', 'alert', 'reset', 'socket_closed', 'winhttp_error', 'winrm_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    return sentences(
      msg('schannel_tls12.asked', { who: who(c), mask: maskText(c.winhttpEnabledProtocols!), offered: offered(c), reaction: serverReaction(c) }),
      isWindows7Family(ctx) ? msg('schannel_tls12.refuses_default', { os: osLabel(ctx.osBuild) }) : msg('schannel_tls12.refuses'),
      symptom(c),
      more(cs),
    );
  },
  remediation: () => fix.schannelTls12Client(),
});

const clientLegacyTlsOnly = connectionRule({
  scope: 'connection',
  code: 'CLIENT_LEGACY_TLS_ONLY',
  severity: 'error',
  kind: 'cause',
  title: msg('title.CLIENT_LEGACY_TLS_ONLY'),
  when: (c) => c.winhttpEnabledProtocols === undefined && legacyOnly(c) && !c.established,
  evidence: ['client_hello', 'alert', 'reset', 'dns_success', 'winhttp_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    const stack = c.clientStack === 'dotnet' ? 'legacy_tls.stack_dotnet' : ctx.stats.webioEvents > 0 ? 'legacy_tls.stack_not_winhttp' : 'legacy_tls.stack_unknown';
    const entra = c.serverName !== undefined && /login\.|microsoftonline|msauth|msftauth/i.test(c.serverName);
    return sentences(
      msg('legacy_tls.offered_only', { who: who(c), offered: offered(c), reaction: serverReaction(c) }),
      msg(isMicrosoft365(c) ? 'legacy_tls.m365_refuses' : 'legacy_tls.servers_refuse'),
      entra && msg('legacy_tls.entra_aadsts'),
      msg(stack),
      msg('legacy_tls.netfx_default'),
      symptom(c),
      more(cs),
    );
  },
  remediation(cs, ctx) {
    const steps = fix.dotnetStrongCrypto(ctx);
    if (cs.some((c) => c.clientStack !== 'dotnet') && ctx.stats.webioEvents === 0) {
      steps.push({ text: msg('step.if_winhttp_client') });
      steps.push(...fix.winhttpDefaultProtocols(ctx));
    }
    return steps;
  },
});

const noSharedCipherSuite = connectionRule({
  scope: 'connection',
  code: 'NO_SHARED_CIPHER_SUITE',
  severity: 'error',
  kind: 'cause',
  title: msg('title.NO_SHARED_CIPHER_SUITE'),
  when(c) {
    if (c.established) return false;
    const m = maxOffered(c);
    const modern = m !== undefined && m >= TLS12;
    const suitesKnown = c.clientCipherSuites.length > 0 && !c.clientHelloTruncated;
    const refused = c.alertFrom === 'server' && (c.alertDescription === ALERT.handshake_failure || c.alertDescription === ALERT.insufficient_security) && !c.serverSelectedVersion;
    if (modern && refused && suitesKnown && !c.clientCipherSuites.some((s) => MODERN_SUITES.has(s))) return true;
    const mask = c.winhttpEnabledProtocols;
    return c.securityStatus.some((s) => s >>> 0 === SECURITY_STATUS.SEC_E_ALGORITHM_MISMATCH) && (mask === undefined || mask === 0 || maskOffersModernTls(mask));
  },
  evidence: ['client_hello', 'alert', 'security_context_error', 'credentials', 'winhttp_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    const suites = c.clientCipherSuites;
    const names = suites.slice(0, 6).map((s) => cipherName(ctx, s)).join(', ');
    const list: MessageParam = suites.length > 6 ? msg('cipher.list_cut', { names, count: suites.length }) : names;
    return sentences(
      suites.length
        ? msg('cipher.offered', { who: who(c), offered: offered(c), count: suites.length, list, reaction: serverReaction(c) })
        : msg('cipher.algorithm_mismatch', { who: who(c), status: codeText(SECURITY_STATUS.SEC_E_ALGORITHM_MISMATCH, SECURITY_STATUS_NAMES) }),
      msg(isMicrosoft365(c) ? 'cipher.m365_requires' : 'cipher.servers_require'),
      symptom(c),
      more(cs),
    );
  },
  remediation: (_cs, ctx) => fix.cipherSuites(ctx),
});

const certificateValidationFailed = connectionRule({
  scope: 'connection',
  code: 'CERTIFICATE_VALIDATION_FAILED',
  severity: 'error',
  kind: 'cause',
  title: msg('title.CERTIFICATE_VALIDATION_FAILED'),
  when: (c) => hasCertProblem(c),
  evidence: ['certificate', 'cert_error', 'alert', 'security_context_error', 'winhttp_error', 'winrm_error'],
  explain(cs) {
    const c = cs[0]!;
    const reasons = certReasons(c);
    const alert = c.alertFrom === 'client' && c.alert ? (c.alert === 'encrypted' ? msg('cert.client_encrypted_alert') : msg('cert.client_alert', { alert: c.alert })) : undefined;
    const issuer = c.certificateIssuer;
    const m365 = isMicrosoft365(c);
    const inspectKey = c.certificateSubject ? (m365 ? 'cert.inspected_for_m365' : 'cert.inspected_for') : m365 ? 'cert.inspected_m365' : 'cert.inspected';
    const inspect =
      issuer && !PUBLIC_ISSUER.test(issuer)
        ? msg(inspectKey, { subject: c.certificateSubject ?? '', issuer })
        : issuer
          ? msg('cert.issued_by', { issuer })
          : undefined;
    return sentences(msg('cert.rejected', { who: who(c), reasons: joined('items', [...reasons, alert]) }), inspect, symptom(c), more(cs));
  },
  remediation(cs) {
    const c = cs[0]!;
    const needs = certFixNeeds(cs);
    return fix.certificateTrust({
      issuer: c.certificateIssuer,
      untrusted: needs.untrusted || (c.certificateIssuer !== undefined && !PUBLIC_ISSUER.test(c.certificateIssuer)),
      revocation: needs.revocation,
      nameMismatch: needs.nameMismatch,
      microsoft365: isMicrosoft365(c),
    });
  },
});

const dnsNameNotResolved = connectionRule({
  scope: 'connection',
  code: 'DNS_NAME_NOT_RESOLVED',
  severity: 'error',
  kind: 'cause',
  title: msg('title.DNS_NAME_NOT_RESOLVED'),
  when: (c) => c.outcome === 'dns_failed',
  evidence: ['dns_failure', 'winhttp_error', 'winrm_error'],
  explain(cs) {
    const c = cs[0]!;
    const lookup = { client: c.process ?? (c.pid !== undefined ? msg('phrase.process_id', { pid: c.pid }) : msg('phrase.the_client')), name: c.serverName ?? msg('phrase.the_server_name') };
    return sentences(
      c.dnsStatus !== undefined ? msg('dns.lookup_failed_status', { ...lookup, status: codeMessage(c.dnsStatus, DNS_STATUS_NAMES) }) : msg('dns.lookup_failed', lookup),
      symptom(c),
      more(cs),
    );
  },
  remediation: (cs) => fix.dnsResolution(cs[0]!.serverName),
});

const tcpConnectFailed = connectionRule({
  scope: 'connection',
  code: 'TCP_CONNECT_FAILED',
  severity: 'error',
  kind: 'cause',
  title: msg('title.TCP_CONNECT_FAILED'),
  when: (c) => c.outcome === 'tcp_failed',
  evidence: ['socket_connect', 'syn_unanswered', 'tcp_failure', 'reset', 'socket_error', 'winhttp_error'],
  explain(cs) {
    const c = cs[0]!;
    const why = c.synUnanswered
      ? c.flow && c.flow.retransmissions > 0
        ? msg('tcp.syn_unanswered_retransmitted', { count: c.flow.retransmissions })
        : msg('tcp.syn_unanswered')
      : c.resetBy === 'server' || c.keyEvidence?.has('reset')
        ? msg('tcp.refused_reset')
        : c.connectError !== undefined
          ? msg('tcp.connect_error', { error: codeMessage(c.connectError, SOCKET_ERROR_NAMES) })
          : c.winhttpErrors.includes(12029)
            ? msg('tcp.winhttp_cannot_connect')
            : msg('tcp.timed_out');
    return sentences(msg('tcp.failed', { who: who(c), why }), destinationNote(c), symptom(c), more(cs));
  },
  remediation: (cs) => fix.tcpConnect(cs[0]!.serverName ?? cs[0]!.remoteIp, cs[0]!.remotePort, cs[0]!.destinationClass),
});

const tlsHandshakeFailed = connectionRule({
  scope: 'connection',
  code: 'TLS_HANDSHAKE_FAILED',
  severity: 'error',
  kind: 'cause',
  title: msg('title.TLS_HANDSHAKE_FAILED'),
  fallback: true,
  // A reset counts as a failed handshake only where TLS was expected (a ClientHello, WebIO credentials, a TLS port).
  when: (c) =>
    c.outcome === 'tls_failed' ||
    c.outcome === 'cert_failed' ||
    (c.outcome === 'reset' && ((c.clientOfferedVersionCodes?.length ?? 0) > 0 || c.winhttpEnabledProtocols !== undefined || TLS_PORTS.has(c.remotePort ?? 0))),
  evidence: ['credentials', 'client_hello', 'server_hello', 'alert', 'reset', 'security_context_error', 'socket_closed', 'winhttp_error', 'version_mismatch', 'winrm_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    return sentences(
      msg('tls.not_completed', { who: who(c) }),
      c.winhttpEnabledProtocols !== undefined && msg('tls.winhttp_enabled', { mask: maskText(c.winhttpEnabledProtocols) }),
      wireLine(c),
      c.securityStatus.length > 0 && msg('tls.schannel_returned', { statuses: c.securityStatus.map((s) => codeText(s, SECURITY_STATUS_NAMES)).join(', ') }),
      symptom(c),
      msg('tls.no_known_cause'),
      ctx.packets === 0 && msg(c.clientHelloSource === 'webio' ? 'tls.capture_would_show_wire' : 'tls.capture_would_show_hello'),
      more(cs),
    );
  },
  remediation: (_cs, ctx) => [
    { text: msg('step.capture_again_packets_winhttp'), command: CAPTURE.netshStart },
    { text: msg('step.schannel_logging'), command: CAPTURE.schannelLogging },
    ...(ctx.osBuild !== undefined && ctx.osBuild <= 9200 ? fix.winhttpDefaultProtocols(ctx).slice(0, 1) : []),
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// Trace rules
// ---------------------------------------------------------------------------------------------------------------

const proxyMisconfigured = traceRule({
  scope: 'trace',
  code: 'PROXY_MISCONFIGURED',
  severity: 'error',
  kind: 'cause',
  title: msg('title.PROXY_MISCONFIGURED'),
  match(ctx) {
    const f = ctx.facts;
    const pacFail = f.proxyEvents.filter((p) => p.what === 'pac_failed' || (p.error !== undefined && PROXY_WINHTTP_ERRORS.has(p.error)));
    const loose = f.unattachedErrors.filter((e) => PROXY_WINHTTP_ERRORS.has(e.code));
    const conns = ctx.connections.filter((c) => c.outcome === 'proxy_failed' || c.winhttpErrors.some((e) => PROXY_WINHTTP_ERRORS.has(e)));
    const proxies = proxyEndpoints(ctx);
    // A direct connection that died at TCP while a proxy was configured, or a connection to the proxy that failed.
    const blocked = proxies.length
      ? ctx.connections.filter((c) => c.outcome === 'tcp_failed' && !conns.includes(c))
      : [];
    const pacPids = new Set(pacFail.map((p) => p.pid));
    const afterPac = pacFail.length ? ctx.connections.filter((c) => c.pid !== undefined && pacPids.has(c.pid) && failing(c) && !conns.includes(c) && !blocked.includes(c)) : [];
    if (!pacFail.length && !loose.length && !conns.length && !blocked.length) return undefined;
    const all = [...conns, ...blocked, ...afterPac];
    const evidence = [...pacFail.map((p) => p.ref), ...loose.map((e) => e.ref)];
    for (const c of all) for (const k of ['winhttp_error', 'socket_connect', 'syn_unanswered', 'tcp_failure'] as const) pushKey(evidence, c, k);
    return { connections: all, evidence };
  },
  explain(m, ctx) {
    const f = ctx.facts;
    const pacFail = f.proxyEvents.find((p) => p.what === 'pac_failed' || (p.error !== undefined && PROXY_WINHTTP_ERRORS.has(p.error)));
    const code = pacFail?.error ?? f.unattachedErrors.find((e) => PROXY_WINHTTP_ERRORS.has(e.code))?.code ?? m.connections.flatMap((c) => c.winhttpErrors).find((e) => PROXY_WINHTTP_ERRORS.has(e));
    const proxies = proxyEndpoints(ctx);
    const parts: Message[] = [];
    if (pacFail || code !== undefined) {
      const key = pacFail?.url ? (code !== undefined ? 'proxy.pac_unusable_url_code' : 'proxy.pac_unusable_url') : code !== undefined ? 'proxy.pac_unusable_code' : 'proxy.pac_unusable';
      parts.push(msg(key, { url: pacFail?.url ?? '', error: code !== undefined ? codeText(code, WINHTTP_ERROR_NAMES) : '' }));
    }
    if (proxies.length) parts.push(msg('proxy.configured', { proxies: proxies.map((p) => p.text).join(', ') }));
    const c = m.connections[0];
    if (c) {
      const then =
        c.outcome === 'tcp_failed'
          ? msg(proxies.some((p) => p.ip === c.remoteIp && p.port === c.remotePort) ? 'proxy.then_unreachable' : 'proxy.then_direct_failed', { who: who(c) })
          : msg('proxy.then_outcome', { who: who(c), outcome: c.outcome });
      parts.push(then);
    }
    return sentences(msg('proxy.explained', { parts: joined('clause', parts) }), more(m.connections));
  },
  remediation(_m, ctx) {
    const proxies = proxyEndpoints(ctx);
    const pac = ctx.facts.proxyEvents.find((p) => p.url)?.url;
    return fix.proxySettings(proxies[0]?.text, pac);
  },
});

function proxyEndpoints(ctx: TraceContext): { text: string; ip?: string; port?: number }[] {
  const out = new Map<string, { text: string; ip?: string; port?: number }>();
  for (const p of ctx.facts.proxyEvents) {
    if (!p.proxy || p.what === 'direct') continue;
    for (const part of p.proxy.split(/[;\s]+/)) {
      const t = part.replace(/^[a-z]+=/i, '').replace(/^https?:\/\//i, '').trim();
      if (!t || /^direct$/i.test(t)) continue;
      const ep = parseEndpoint(t);
      out.set(t, { text: t, ip: ep?.ip, port: ep?.port });
    }
  }
  return [...out.values()];
}

const misleadingErrorMessage = traceRule({
  scope: 'trace',
  code: 'MISLEADING_ERROR_MESSAGE',
  severity: 'warning',
  kind: 'note',
  title: msg('title.MISLEADING_ERROR_MESSAGE'),
  match(ctx) {
    const reports: EvidenceRef[] = [];
    for (const w of ctx.facts.winrmEvents) if (WINRM_NAME_ERROR_EVENTS.has(w.id) || /name cannot be resolved/i.test(w.text)) reports.push(w.ref);
    for (const e of ctx.facts.unattachedErrors) if (e.code === 12007) reports.push(e.ref);
    for (const c of ctx.connections) if (c.remoteIp && c.winhttpErrors.includes(12007)) pushKey(reports, c, 'winhttp_error');
    if (!reports.length) return undefined;
    // A name that really failed to resolve makes the message true, not misleading.
    if (ctx.connections.some((c) => c.outcome === 'dns_failed')) return undefined;
    const tlsFailed = ctx.connections.filter((c) => c.remoteIp && ['tls_failed', 'reset', 'cert_failed'].includes(c.outcome));
    if (!tlsFailed.length) return undefined;
    const evidence = [...reports];
    for (const c of tlsFailed.slice(0, 3)) for (const k of ['dns_success', 'socket_connect', 'client_hello', 'alert', 'reset'] as const) pushKey(evidence, c, k);
    return { connections: tlsFailed, evidence };
  },
  explain(m, ctx) {
    const c = m.connections[0]!;
    const said = ctx.facts.winrmEvents.find((w) => WINRM_NAME_ERROR_EVENTS.has(w.id) || /name cannot be resolved/i.test(w.text));
    const quote = said ? msg('misleading.quoted', { text: said.text }) : msg('misleading.winhttp_12007');
    const dns = c.keyEvidence?.get('dns_success');
    const codes = [...new Set(m.connections.flatMap((x) => x.findingCodes).filter((x) => x !== 'MISLEADING_ERROR_MESSAGE'))];
    const seen = { quote, address: `${c.remoteIp}:${c.remotePort ?? '?'}`, reaction: serverReaction(c) };
    return sentences(
      dns
        ? msg('misleading.resolved', { ...seen, name: c.serverName ?? msg('phrase.the_server_name'), time: filetimeToIso(dns.time) })
        : msg('misleading.connected', seen),
      codes.length ? msg('misleading.real_cause_codes', { codes: codes.join(', ') }) : msg('misleading.real_cause'),
      msg('misleading.known_pattern'),
    );
  },
  remediation: (m) => {
    const codes = [...new Set(m.connections.flatMap((x) => x.findingCodes).filter((x) => x !== 'MISLEADING_ERROR_MESSAGE'))];
    return [{ text: codes.length ? msg('step.fix_tls_cause_codes', { codes: codes.join(', ') }) : msg('step.fix_tls_cause') }];
  },
});

/** Codes of the error causes; a connection carrying one already explains the user's error message. */
function explainedByConnection(ctx: TraceContext): boolean {
  const causes = new Set<string>(CATALOG.filter((r) => r.severity === 'error' && r.kind === 'cause' && r.code !== reportedError.code).map((r) => r.code));
  return ctx.connections.some((c) => c.findingCodes.some((f) => causes.has(f)));
}

const reportedError = traceRule({
  scope: 'trace',
  code: 'REPORTED_ERROR',
  severity: 'error',
  kind: 'cause',
  title: msg('title.REPORTED_ERROR'),
  match(ctx) {
    const reports = reportedErrors(ctx);
    if (!reports.length || explainedByConnection(ctx)) return undefined;
    return { connections: [], evidence: reports.map((r) => r.ref) };
  },
  severityOf: (_m, ctx) => (groupReported(reportedErrors(ctx)).some((g) => g.row?.failure) ? 'error' : 'warning'),
  headline: (_m, ctx) => headline(groupReported(reportedErrors(ctx)), (ctx.reportedErrors?.length ?? 0) > 0),
  explain: (_m, ctx) => explainReported(groupReported(reportedErrors(ctx)), ctx),
  remediation: (_m, ctx) => remediateReported(groupReported(reportedErrors(ctx)), ctx),
});

const noPacketCapture = traceRule({
  scope: 'trace',
  code: 'NO_PACKET_CAPTURE',
  severity: 'info',
  kind: 'gap',
  title: msg('title.NO_PACKET_CAPTURE'),
  // Pasted error text is not a trace: REPORTED_ERROR already names the capture to take.
  match(ctx) {
    if (ctx.packets !== 0 || ctx.errorTextOnly) return undefined;
    // Connections whose handshake WebIO logged (704/705): the gap is smaller for them.
    const fromWebio = ctx.connections.filter((c) => c.clientHelloSource === 'webio');
    return { connections: fromWebio, evidence: fromWebio.slice(0, 5).flatMap((c) => c.keyEvidence?.get('client_hello') ?? []) };
  },
  explain: (m) => (m.connections.length ? msg('no_packets.from_webio', { count: m.connections.length }) : msg('no_packets.nothing')),
  remediation: () => [
    { text: msg('step.capture_with_packets'), command: CAPTURE.netshStart },
    { text: msg('step.stop_after_reproducing'), command: CAPTURE.netshStop },
  ],
});

const noWinhttpEvents = traceRule({
  scope: 'trace',
  code: 'NO_WINHTTP_EVENTS',
  severity: 'info',
  kind: 'gap',
  title: msg('title.NO_WINHTTP_EVENTS'),
  // A legacy WinHTTP log is WinHTTP's logging: saying it lacks WinHTTP events, and asking for that log, would be wrong.
  match: (ctx) => (ctx.stats.webioEvents + ctx.stats.winhttpEvents === 0 && !ctx.errorTextOnly && !ctx.winhttpLogRead ? { connections: [], evidence: [] } : undefined),
  explain: (_m, ctx) => msg(ctx.packets > 0 ? 'no_winhttp.packets_only' : 'no_winhttp.nothing'),
  remediation: () => [
    { text: msg('step.capture_internet_client'), command: CAPTURE.netshStart },
    { text: msg('step.winhttp_tracing_2008'), command: CAPTURE.winhttpTracing },
  ],
});

const captureTruncated = traceRule({
  scope: 'trace',
  code: 'CAPTURE_TRUNCATED',
  severity: 'warning',
  kind: 'gap',
  title: msg('title.CAPTURE_TRUNCATED'),
  match(ctx) {
    // A ClientHello cut short in WebIO's logging is not a capture snap length.
    const cs = ctx.connections.filter((c) => c.truncated || (c.clientHelloTruncated && c.clientHelloSource !== 'webio'));
    if (!cs.length && !ctx.truncatedPackets) return undefined;
    const evidence = cs.slice(0, 5).flatMap((c) => c.keyEvidence?.get('client_hello') ?? c.evidence.slice(0, 1));
    return { connections: cs, evidence };
  },
  explain: (m, ctx) =>
    msg(
      m.connections.length
        ? ctx.truncatedPackets ? 'truncated.connections_packets_cut' : 'truncated.connections'
        : ctx.truncatedPackets ? 'truncated.handshakes_packets_cut' : 'truncated.handshakes',
      { count: m.connections.length, packets: ctx.truncatedPackets ?? 0 },
    ),
  remediation: () => [
    { text: msg('step.pktmon_whole_packets'), command: CAPTURE.pktmonFull },
    { text: msg('step.netsh_whole_packets'), command: CAPTURE.netshStart },
  ],
});

const eventsLost = traceRule({
  scope: 'trace',
  code: 'EVENTS_LOST',
  severity: 'warning',
  kind: 'gap',
  title: msg('title.EVENTS_LOST'),
  match: (ctx) => (ctx.eventsLost > 0 || ctx.buffersLost > 0 || ctx.damaged || ctx.readIssues.length > 0 ? { connections: [], evidence: [] } : undefined),
  explain: (_m, ctx) => {
    const parts: Message[] = [];
    if (ctx.eventsLost) parts.push(msg('lost.events', { count: ctx.eventsLost }));
    if (ctx.buffersLost) parts.push(msg('lost.buffers', { count: ctx.buffersLost }));
    if (ctx.damaged) parts.push(msg('lost.damaged'));
    // The read problems are the reader's own messages (file, byte offset), quoted as they are.
    if (ctx.readIssues.length) parts.push(msg('lost.read_problems', { count: ctx.readIssues.length, issues: ctx.readIssues.slice(0, 3).join('; ') + (ctx.readIssues.length > 3 ? '; …' : '') }));
    return msg('lost.incomplete', { parts: joined('clause', parts) });
  },
  remediation: () => [
    { text: msg('step.capture_larger'), command: CAPTURE.netshLarger },
    { text: msg('step.copy_after_stop', { stop: CAPTURE.netshStop }), command: CAPTURE.netshStop },
  ],
});

/** The catalog, in reporting order. */
export const CATALOG = [
  winhttpTls12NotOffered,
  schannelTls12Disabled,
  clientLegacyTlsOnly,
  noSharedCipherSuite,
  certificateValidationFailed,
  // A broken proxy setup explains the DNS and TCP failures that follow it, so it ranks first.
  proxyMisconfigured,
  dnsNameNotResolved,
  tcpConnectFailed,
  tlsHandshakeFailed,
  misleadingErrorMessage,
  // After every connection rule and MISLEADING_ERROR_MESSAGE: it speaks only when no connection explains the message.
  reportedError,
  noPacketCapture,
  noWinhttpEvents,
  captureTruncated,
  eventsLost,
] as const satisfies readonly Rule[];

/** Every finding code, as the catalog defines them: a code outside the catalog is a compile error. */
export type FindingCode = (typeof CATALOG)[number]['code'];
