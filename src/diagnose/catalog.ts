// The finding catalog: one table row per finding — code, severity, title, when it applies, how it is
// explained, which milestones it quotes as evidence, and how it is fixed.
import type { Connection, KeyFact } from '../correlate/types.js';
import type { EvidenceRef } from '../providers/observations.js';
import type { Remediation, Severity } from './types.js';
import type { TraceContext } from './context.js';
import { isWindows7Family, needsKb3140245, osLabel } from './context.js';
import { maskOffersModernTls } from '../windows/sp-prot.js';
import { FAILED_OUTCOMES, hasCertProblem, PROXY_WINHTTP_ERRORS } from '../correlate/outcome.js';
import { CERT_WINHTTP_ERRORS, CERT_STATUS_CODES } from '../correlate/cert-flags.js';
import { isRelevantName, WINRM_NAME_ERROR_EVENTS } from '../correlate/relevance.js';
import { parseEndpoint } from '../correlate/endpoint.js';
import { codeText } from './codes.js';
import { DNS_STATUS_NAMES, SOCKET_ERROR_NAMES } from '../windows/win32-errors.js';
import { SECURITY_STATUS, SECURITY_STATUS_NAMES } from '../windows/security-status.js';
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { more, maskText, offered, plural, serverReaction, who } from './describe.js';
import * as fix from './remediation.js';
import { CAPTURE } from './capture.js';
import { explainReported, groupReported, headline, remediateReported, reportedErrors } from './reported-describe.js';
import { filetimeToIso } from '../common/time.js';
import { ALERT } from '../net/registry/tls-alerts.js';
import { TLS_VERSION } from '../net/registry/tls-versions.js';

export interface ConnectionRule {
  scope: 'connection';
  code: string;
  severity: Severity;
  kind: 'cause' | 'note';
  title: string;
  /** Runs only on connections no other error finding explained. */
  fallback?: boolean;
  when(c: Connection, ctx: TraceContext): boolean;
  /** Milestones quoted as evidence, in this order of preference. */
  evidence: readonly KeyFact[];
  explain(cs: Connection[], ctx: TraceContext): string;
  remediation(cs: Connection[], ctx: TraceContext): Remediation[];
}

export interface TraceMatch {
  connections: Connection[];
  evidence: EvidenceRef[];
}

export interface TraceRule {
  scope: 'trace';
  code: string;
  severity: Severity;
  kind: 'cause' | 'gap' | 'note';
  title: string;
  match(ctx: TraceContext): TraceMatch | undefined;
  explain(m: TraceMatch, ctx: TraceContext): string;
  remediation(m: TraceMatch, ctx: TraceContext): Remediation[];
  /** Severity of this match when it depends on what was found (defaults to `severity`). */
  severityOf?(m: TraceMatch, ctx: TraceContext): Severity;
  /** The answer in one sentence for the first line of a report. */
  headline?(m: TraceMatch, ctx: TraceContext): string;
}

export type Rule = ConnectionRule | TraceRule;

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
function wireLine(c: Connection): string {
  if (c.clientOfferedVersions.length === 0) {
    return c.flow
      ? `The capture has this connection's packets but no ClientHello${c.truncated ? ' (packets cut short)' : ''}, and ${serverReaction(c)}`
      : 'No ClientHello is in the trace (no packet capture of this connection)';
  }
  if (c.clientHelloSource === 'webio') {
    return `WebIO logged the ClientHello Schannel produced (event 705): it offered ${offered(c)}${c.clientHelloTruncated ? ' (the logged bytes stop inside it)' : ''}, and ${serverReaction(c)}`;
  }
  return `On the wire the ClientHello offered ${offered(c)}${c.clientHelloTruncated ? ' (the capture cut it short)' : ''} and ${serverReaction(c)}`;
}
/** The connection went to a Microsoft 365 / Entra endpoint (or nothing says where it went). */
function isMicrosoft365(c: Connection): boolean {
  return c.destinationClass === undefined || c.destinationClass === 'microsoft365';
}

/** What the kind of destination means for a failed connection (nothing to add for a Microsoft 365 endpoint). */
function destinationNote(c: Connection): string {
  const at = c.remoteIp ? `${c.remoteIp}${c.remotePort !== undefined ? `:${c.remotePort}` : ''}` : 'that address';
  switch (c.destinationClass) {
    case 'loopback':
      return ` ${at} is this machine itself (loopback): nothing listens there. If it is the configured proxy, the proxy program is not running or the proxy setting is wrong.`;
    case 'private':
      return ` ${at} is on a private network (a proxy, gateway or internal server), not a Microsoft 365 endpoint.`;
    case 'internet':
      return ` ${c.serverName ?? at} is not a Microsoft 365 endpoint: this failure concerns that host only.`;
    default:
      return '';
  }
}

function symptom(c: Connection): string {
  const parts: string[] = [];
  if (c.winhttpErrors.length) parts.push(`WinHTTP reported ${errs(c)}`);
  if (c.versionMismatchReported) parts.push('WinHTTP logged "TLS handshake failed with version mismatch"');
  const winrm = c.winrmEvents?.find((w) => w.errorCode || /fail|cannot|error/i.test(w.text));
  if (winrm) parts.push(`WinRM said: "${winrm.text.length > 160 ? winrm.text.slice(0, 157) + '…' : winrm.text}"`);
  return parts.length ? ` ${parts.join('; ')}.` : '';
}
function cipherName(ctx: TraceContext, id: number): string {
  return ctx.naming ? ctx.naming.cipherSuiteName(id) : '0x' + id.toString(16).toUpperCase().padStart(4, '0');
}

// ---------------------------------------------------------------------------------------------------------------
// Connection rules
// ---------------------------------------------------------------------------------------------------------------

const winhttpTls12NotOffered: ConnectionRule = {
  scope: 'connection',
  code: 'WINHTTP_TLS12_NOT_OFFERED',
  severity: 'error',
  kind: 'cause',
  title: 'WinHTTP did not offer TLS 1.2',
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
    const os =
      kb === true
        ? ` On ${osLabel(ctx.osBuild)} WinHTTP's built-in default is SSL 3.0 + TLS 1.0 (0x000000A0) until KB3140245 is installed and DefaultSecureProtocols is set.`
        : kb === false
          ? ` On ${osLabel(ctx.osBuild)} WinHTTP's default includes TLS 1.2, so a DefaultSecureProtocols value or the application narrowed it.`
          : ' On Windows 7 SP1, Server 2008 R2 SP1 and Server 2012 this is WinHTTP\'s built-in default (0x000000A0) until KB3140245 is installed and DefaultSecureProtocols is set.';
    const app =
      c.appSecureProtocols !== undefined && c.appSecureProtocols !== c.winhttpEnabledProtocols
        ? ` The request carried the secure-protocols option ${maskText(c.appSecureProtocols)} (WebIO request option SecureProtocols).`
        : '';
    return (
      `${who(c)}: WinHTTP asked Schannel for EnabledProtocols ${maskText(c.winhttpEnabledProtocols!)} — TLS 1.2 is not in it. ` +
      `${wireLine(c)}. ${isMicrosoft365(c) ? 'Microsoft 365 accepts only TLS 1.2 or later' : 'A server that requires TLS 1.2 or later (as Microsoft 365 does) refuses it'}, so the handshake cannot succeed.${symptom(c)}${app}${os}` +
      ' PowerShell remoting (New-PSSession, the Hybrid Configuration Wizard, Exchange Online / Skype for Business remote PowerShell) runs on WinRM, which uses WinHTTP: the .NET registry keys do not help here.' +
      more(cs)
    );
  },
  remediation: (cs, ctx) => fix.winhttpDefaultProtocols(ctx, cs.find((c) => c.appSecureProtocols !== undefined)?.appSecureProtocols),
};

const schannelTls12Disabled: ConnectionRule = {
  scope: 'connection',
  code: 'SCHANNEL_TLS12_DISABLED',
  severity: 'error',
  kind: 'cause',
  title: 'TLS 1.2 is disabled in Schannel (the OS) although WinHTTP asked for it',
  when: (c) => c.winhttpEnabledProtocols !== undefined && maskOffersModernTls(c.winhttpEnabledProtocols) && legacyOnly(c) && !c.established,
  evidence: ['credentials', 'client_hello', 'alert', 'reset', 'socket_closed', 'winhttp_error', 'winrm_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    return (
      `${who(c)}: WinHTTP asked Schannel for EnabledProtocols ${maskText(c.winhttpEnabledProtocols!)}, which includes TLS 1.2, ` +
      `yet the ClientHello on the wire offered only ${offered(c)} and ${serverReaction(c)}. ` +
      'So the application side is fixed (KB3140245 / DefaultSecureProtocols work) and Schannel below it refuses TLS 1.2 for client connections: ' +
      'SCHANNEL\\Protocols\\TLS 1.2\\Client has Enabled = 0 or DisabledByDefault = 1' +
      (isWindows7Family(ctx) ? `, which is the default on ${osLabel(ctx.osBuild)}.` : ' (the default on Windows 7 / Server 2008 R2, or set by a hardening policy).') +
      symptom(c) +
      more(cs)
    );
  },
  remediation: () => fix.schannelTls12Client(),
};

const clientLegacyTlsOnly: ConnectionRule = {
  scope: 'connection',
  code: 'CLIENT_LEGACY_TLS_ONLY',
  severity: 'error',
  kind: 'cause',
  title: 'The client (not WinHTTP) offered only TLS 1.1 or older',
  when: (c) => c.winhttpEnabledProtocols === undefined && legacyOnly(c) && !c.established,
  evidence: ['client_hello', 'alert', 'reset', 'dns_success', 'winhttp_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    const stack =
      c.clientStack === 'dotnet'
        ? 'WebIO tracing was on and logged nothing for this connection, so it was not WinHTTP: it is a .NET client (PowerShell\'s Connect-ExchangeOnline token request via MSAL, Connect-MsolService, Connect-AzureAD, Invoke-WebRequest) whose ServicePointManager.SecurityProtocol does not include TLS 1.2.'
        : ctx.stats.webioEvents > 0
          ? 'WebIO tracing was on and logged nothing for this connection, so it was not made through WinHTTP; a .NET client (ServicePointManager.SecurityProtocol without TLS 1.2) is the usual cause.'
          : 'The trace has no WebIO events, so it cannot tell whether WinHTTP (WinRM remoting) or .NET (Connect-ExchangeOnline, Connect-MsolService) made it; the .NET fix comes first, the WinHTTP fix after it.';
    const entra = c.serverName && /login\.|microsoftonline|msauth|msftauth/i.test(c.serverName) ? ' Entra ID answers such clients with AADSTS1002016 ("You are using TLS version 1.0, 1.1 and/or 3DES cipher which are deprecated").' : '';
    return (
      `${who(c)}: the ClientHello offered only ${offered(c)} and ${serverReaction(c)}. ${isMicrosoft365(c) ? 'Microsoft 365 and Entra ID accept only TLS 1.2 or later.' : 'Servers that require TLS 1.2 or later (as Microsoft 365 and Entra ID do) refuse it.'}${entra} ` +
      stack +
      ` .NET Framework apps built for older versions default to SSL 3.0/TLS 1.0 unless SchUseStrongCrypto / SystemDefaultTlsVersions are set.` +
      symptom(c) +
      more(cs)
    );
  },
  remediation(cs, ctx) {
    const steps = fix.dotnetStrongCrypto(ctx);
    if (cs.some((c) => c.clientStack !== 'dotnet') && ctx.stats.webioEvents === 0) {
      steps.push({ text: 'If the client is WinHTTP-based (WinRM, New-PSSession, the Hybrid Configuration Wizard), set the WinHTTP default instead:' });
      steps.push(...fix.winhttpDefaultProtocols(ctx));
    }
    return steps;
  },
};

const noSharedCipherSuite: ConnectionRule = {
  scope: 'connection',
  code: 'NO_SHARED_CIPHER_SUITE',
  severity: 'error',
  kind: 'cause',
  title: 'No cipher suite in common with the server',
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
    const list = suites.slice(0, 6).map((s) => cipherName(ctx, s)).join(', ') + (suites.length > 6 ? `, … (${suites.length} in all)` : '');
    const wire = suites.length
      ? `the ClientHello offered ${offered(c)} with ${plural(suites.length, 'cipher suite')} — ${list} — none of them ECDHE with AES-GCM, and ${serverReaction(c)}`
      : `Schannel failed the handshake with ${codeText(SECURITY_STATUS.SEC_E_ALGORITHM_MISMATCH, SECURITY_STATUS_NAMES)} (the client and server have no algorithm in common)`;
    return (
      `${who(c)}: TLS 1.2 was offered, but ${wire}. ${isMicrosoft365(c) ? 'Microsoft 365 front ends require' : 'Current servers (Microsoft 365 front ends among them) require'} ECDHE key exchange with AES-GCM ` +
      '(TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 / _128_GCM_SHA256); a cipher suite order policy or an old build that leaves them out makes every handshake fail.' +
      symptom(c) +
      more(cs)
    );
  },
  remediation: (_cs, ctx) => fix.cipherSuites(ctx),
};

const certificateValidationFailed: ConnectionRule = {
  scope: 'connection',
  code: 'CERTIFICATE_VALIDATION_FAILED',
  severity: 'error',
  kind: 'cause',
  title: 'The server certificate was rejected',
  when: (c) => hasCertProblem(c),
  evidence: ['certificate', 'cert_error', 'alert', 'security_context_error', 'winhttp_error', 'winrm_error'],
  explain(cs) {
    const c = cs[0]!;
    const reasons = new Set<string>(c.certErrors);
    for (const e of c.winhttpErrors) if (CERT_WINHTTP_ERRORS[e]) reasons.add(CERT_WINHTTP_ERRORS[e]!);
    for (const s of c.securityStatus) if (CERT_STATUS_CODES[s >>> 0]) reasons.add(CERT_STATUS_CODES[s >>> 0]!);
    if (c.alertFrom === 'client' && c.alert) reasons.add(c.alert === 'encrypted' ? 'the client then sent an encrypted TLS alert and closed' : `the client sent the TLS alert ${c.alert}`);
    const issuer = c.certificateIssuer;
    const inspect =
      issuer && !PUBLIC_ISSUER.test(issuer)
        ? ` The certificate presented${c.certificateSubject ? ` for ${c.certificateSubject}` : ''} was issued by "${issuer}", not by a public CA${isMicrosoft365(c) ? ' Microsoft 365 uses' : ''}: a TLS-inspecting proxy or firewall re-signed the connection.`
        : issuer
          ? ` The certificate presented was issued by "${issuer}".`
          : '';
    return `${who(c)}: the TLS handshake reached the server certificate and the client rejected it: ${[...reasons].join('; ')}.${inspect}${symptom(c)}${more(cs)}`;
  },
  remediation(cs) {
    const all = cs.flatMap((c) => [...c.certErrors, ...c.winhttpErrors.map((e) => CERT_WINHTTP_ERRORS[e] ?? ''), ...c.securityStatus.map((s) => CERT_STATUS_CODES[s >>> 0] ?? ''), c.alert ?? '']).join(' ');
    const c = cs[0]!;
    return fix.certificateTrust({
      issuer: c.certificateIssuer,
      untrusted: /untrusted|unknown (or untrusted )?certificate authority|unknown_ca|UNTRUSTED/i.test(all) || (c.certificateIssuer !== undefined && !PUBLIC_ISSUER.test(c.certificateIssuer)),
      revocation: /revocation/i.test(all),
      nameMismatch: /does not match|CN_NO_MATCH|principal name/i.test(all),
      microsoft365: isMicrosoft365(c),
    });
  },
};

const dnsNameNotResolved: ConnectionRule = {
  scope: 'connection',
  code: 'DNS_NAME_NOT_RESOLVED',
  severity: 'error',
  kind: 'cause',
  title: 'The server name could not be resolved',
  when: (c) => c.outcome === 'dns_failed',
  evidence: ['dns_failure', 'winhttp_error', 'winrm_error'],
  explain(cs) {
    const c = cs[0]!;
    const status = c.dnsStatus !== undefined ? ` failed with ${codeText(c.dnsStatus, DNS_STATUS_NAMES)}` : ' failed';
    return (
      `${c.process ?? (c.pid !== undefined ? `process ${c.pid}` : 'The client')} looked up ${c.serverName ?? 'the server name'}: the lookup${status}, so no TCP connection was attempted.` +
      symptom(c) +
      more(cs)
    );
  },
  remediation: (cs) => fix.dnsResolution(cs[0]!.serverName),
};

const tcpConnectFailed: ConnectionRule = {
  scope: 'connection',
  code: 'TCP_CONNECT_FAILED',
  severity: 'error',
  kind: 'cause',
  title: 'The TCP connection could not be established',
  when: (c) => c.outcome === 'tcp_failed',
  evidence: ['socket_connect', 'syn_unanswered', 'tcp_failure', 'reset', 'socket_error', 'winhttp_error'],
  explain(cs) {
    const c = cs[0]!;
    const why = c.synUnanswered
      ? `the SYN was never answered${c.flow && c.flow.retransmissions > 0 ? ` (${plural(c.flow.retransmissions, 'retransmission')})` : ''}: something on the path drops it — a firewall, or a network that only lets traffic out through a proxy`
      : c.resetBy === 'server' || c.keyEvidence?.reset
        ? 'the connection was refused with a TCP reset'
        : c.connectError !== undefined
          ? `the socket connect failed with ${codeText(c.connectError, SOCKET_ERROR_NAMES)}`
          : c.winhttpErrors.includes(12029)
            ? 'WinHTTP reported ERROR_WINHTTP_CANNOT_CONNECT (12029)'
            : 'the connect timed out';
    return `${who(c)}: ${why}. TLS never started.${destinationNote(c)}${symptom(c)}${more(cs)}`;
  },
  remediation: (cs) => fix.tcpConnect(cs[0]!.serverName ?? cs[0]!.remoteIp, cs[0]!.remotePort, cs[0]!.destinationClass),
};

const tlsHandshakeFailed: ConnectionRule = {
  scope: 'connection',
  code: 'TLS_HANDSHAKE_FAILED',
  severity: 'error',
  kind: 'cause',
  title: 'The TLS handshake failed (cause not determined from this trace)',
  fallback: true,
  // A reset counts as a failed handshake only where TLS was expected (a ClientHello, WebIO credentials, a TLS port).
  when: (c) =>
    c.outcome === 'tls_failed' ||
    c.outcome === 'cert_failed' ||
    (c.outcome === 'reset' && ((c.clientOfferedVersionCodes?.length ?? 0) > 0 || c.winhttpEnabledProtocols !== undefined || TLS_PORTS.has(c.remotePort ?? 0))),
  evidence: ['credentials', 'client_hello', 'server_hello', 'alert', 'reset', 'security_context_error', 'socket_closed', 'winhttp_error', 'version_mismatch', 'winrm_error'],
  explain(cs, ctx) {
    const c = cs[0]!;
    const facts: string[] = [];
    if (c.winhttpEnabledProtocols !== undefined) facts.push(`WinHTTP enabled ${maskText(c.winhttpEnabledProtocols)}`);
    facts.push(wireLine(c));
    if (c.securityStatus.length) facts.push(`Schannel returned ${c.securityStatus.map((s) => codeText(s, SECURITY_STATUS_NAMES)).join(', ')}`);
    const missing = ctx.packets === 0 ? (c.clientHelloSource === 'webio' ? ' A packet capture would show what the server did on the wire.' : ' A packet capture would show the ClientHello and the server\'s answer.') : '';
    return `${who(c)}: the TLS handshake did not complete. ${facts.join('. ')}.${symptom(c)} None of the known causes matches these facts.${missing}${more(cs)}`;
  },
  remediation: (_cs, ctx) => [
    { text: 'Capture the failing command again with packets and WinHTTP events:', command: CAPTURE.netshStart },
    { text: 'Raise Schannel event logging to see its errors in the System log (36874/36887/36888):', command: CAPTURE.schannelLogging },
    ...(ctx.osBuild !== undefined && ctx.osBuild <= 9200 ? fix.winhttpDefaultProtocols(ctx).slice(0, 1) : []),
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Trace rules
// ---------------------------------------------------------------------------------------------------------------

const proxyMisconfigured: TraceRule = {
  scope: 'trace',
  code: 'PROXY_MISCONFIGURED',
  severity: 'error',
  kind: 'cause',
  title: 'The proxy configuration does not work for WinHTTP',
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
    for (const c of all) for (const k of ['winhttp_error', 'socket_connect', 'syn_unanswered', 'tcp_failure'] as const) if (c.keyEvidence?.[k]) evidence.push(c.keyEvidence[k]!);
    return { connections: all, evidence };
  },
  explain(m, ctx) {
    const f = ctx.facts;
    const pacFail = f.proxyEvents.find((p) => p.what === 'pac_failed' || (p.error !== undefined && PROXY_WINHTTP_ERRORS.has(p.error)));
    const code = pacFail?.error ?? f.unattachedErrors.find((e) => PROXY_WINHTTP_ERRORS.has(e.code))?.code ?? m.connections.flatMap((c) => c.winhttpErrors).find((e) => PROXY_WINHTTP_ERRORS.has(e));
    const proxies = proxyEndpoints(ctx);
    const parts: string[] = [];
    if (pacFail || code !== undefined)
      parts.push(
        `WinHTTP could not use the automatic proxy configuration${pacFail?.url ? ` (PAC file ${pacFail.url})` : ''}${code !== undefined ? `: ${codeText(code, WINHTTP_ERROR_NAMES)}` : ''}`,
      );
    if (proxies.length) parts.push(`the configured proxy is ${proxies.map((p) => p.text).join(', ')}`);
    const c = m.connections[0];
    if (c) parts.push(`${who(c)} then ${c.outcome === 'tcp_failed' ? (proxies.some((p) => p.ip === c.remoteIp && p.port === c.remotePort) ? 'could not reach the proxy' : 'went direct and the TCP connection failed') : `ended as ${c.outcome}`}`);
    return `${parts.join('; ')}. WinHTTP (and so WinRM / PowerShell remoting and services) has its own proxy setting, separate from the browser's; where the network only lets HTTPS out through a proxy, a broken PAC download or a missing WinHTTP proxy makes every Microsoft 365 connection fail.${more(m.connections)}`;
  },
  remediation(_m, ctx) {
    const proxies = proxyEndpoints(ctx);
    const pac = ctx.facts.proxyEvents.find((p) => p.url)?.url;
    return fix.proxySettings(proxies[0]?.text, pac);
  },
};

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

const misleadingErrorMessage: TraceRule = {
  scope: 'trace',
  code: 'MISLEADING_ERROR_MESSAGE',
  severity: 'warning',
  kind: 'note',
  title: 'The error message names the wrong cause',
  match(ctx) {
    const reports: EvidenceRef[] = [];
    for (const w of ctx.facts.winrmEvents) if (WINRM_NAME_ERROR_EVENTS.has(w.id) || /name cannot be resolved/i.test(w.text)) reports.push(w.ref);
    for (const e of ctx.facts.unattachedErrors) if (e.code === 12007) reports.push(e.ref);
    for (const c of ctx.connections) if (c.remoteIp && c.winhttpErrors.includes(12007) && c.keyEvidence?.winhttp_error) reports.push(c.keyEvidence.winhttp_error);
    if (!reports.length) return undefined;
    // A name that really failed to resolve makes the message true, not misleading.
    if (ctx.connections.some((c) => c.outcome === 'dns_failed')) return undefined;
    const tlsFailed = ctx.connections.filter((c) => c.remoteIp && ['tls_failed', 'reset', 'cert_failed'].includes(c.outcome));
    if (!tlsFailed.length) return undefined;
    const evidence = [...reports];
    for (const c of tlsFailed.slice(0, 3)) for (const k of ['dns_success', 'socket_connect', 'client_hello', 'alert', 'reset'] as const) if (c.keyEvidence?.[k]) evidence.push(c.keyEvidence[k]!);
    return { connections: tlsFailed, evidence };
  },
  explain(m, ctx) {
    const c = m.connections[0]!;
    const said = ctx.facts.winrmEvents.find((w) => WINRM_NAME_ERROR_EVENTS.has(w.id) || /name cannot be resolved/i.test(w.text));
    const quote = said ? `"${said.text}"` : 'ERROR_WINHTTP_NAME_NOT_RESOLVED (12007, shown by WinRM as "The WinRM client cannot process the request because the server name cannot be resolved.")';
    const dns = c.keyEvidence?.dns_success ? `${c.serverName ?? 'the server name'} resolved (${filetimeToIso(c.keyEvidence.dns_success.time)}), ` : '';
    const codes = [...new Set(m.connections.flatMap((x) => x.findingCodes).filter((x) => x !== 'MISLEADING_ERROR_MESSAGE'))];
    return (
      `The user-visible error is ${quote} — but the trace shows name resolution worked: ${dns}the client connected to ${c.remoteIp}:${c.remotePort ?? '?'} ` +
      `and the TLS handshake failed there (${serverReaction(c)}). The real cause is the TLS failure${codes.length ? ` (${codes.join(', ')})` : ''}; ` +
      'checking DNS, as the message suggests, leads nowhere. This pattern is known from Teams Get-Cs* cmdlets and remote PowerShell on Windows Server 2012.'
    );
  },
  remediation: (m) => {
    const codes = [...new Set(m.connections.flatMap((x) => x.findingCodes).filter((x) => x !== 'MISLEADING_ERROR_MESSAGE'))];
    return [{ text: `Fix the TLS cause${codes.length ? ` (${codes.join(', ')})` : ''}; the name-resolution message goes away with it.` }];
  },
};

/** Codes of the error causes; a connection carrying one already explains the user's error message. */
function explainedByConnection(ctx: TraceContext): boolean {
  const causes = new Set(CATALOG.filter((r) => r.severity === 'error' && r.kind === 'cause' && r.code !== reportedError.code).map((r) => r.code));
  return ctx.connections.some((c) => c.findingCodes.some((f) => causes.has(f)));
}

const reportedError: TraceRule = {
  scope: 'trace',
  code: 'REPORTED_ERROR',
  severity: 'error',
  kind: 'cause',
  title: 'What the error message says, and its likely causes',
  match(ctx) {
    const reports = reportedErrors(ctx);
    if (!reports.length || explainedByConnection(ctx)) return undefined;
    return { connections: [], evidence: reports.map((r) => r.ref) };
  },
  severityOf: (_m, ctx) => (groupReported(reportedErrors(ctx)).some((g) => g.row?.failure) ? 'error' : 'warning'),
  headline: (_m, ctx) => headline(groupReported(reportedErrors(ctx)), (ctx.reportedErrors?.length ?? 0) > 0),
  explain: (_m, ctx) => explainReported(groupReported(reportedErrors(ctx)), ctx),
  remediation: (_m, ctx) => remediateReported(groupReported(reportedErrors(ctx)), ctx),
};

const noPacketCapture: TraceRule = {
  scope: 'trace',
  code: 'NO_PACKET_CAPTURE',
  severity: 'info',
  kind: 'gap',
  title: 'The trace has no packet capture',
  // Pasted error text is not a trace: REPORTED_ERROR already names the capture to take.
  match(ctx) {
    if (ctx.packets !== 0 || ctx.errorTextOnly) return undefined;
    // Connections whose handshake WebIO logged (704/705): the gap is smaller for them.
    const fromWebio = ctx.connections.filter((c) => c.clientHelloSource === 'webio');
    return { connections: fromWebio, evidence: fromWebio.slice(0, 5).flatMap((c) => (c.keyEvidence?.client_hello ? [c.keyEvidence.client_hello] : [])) };
  },
  explain: (m) =>
    m.connections.length
      ? `No captured packets are in this trace. The TLS handshake of ${plural(m.connections.length, 'connection')} was read from WebIO's own logging instead ` +
        '(events 704/705: the bytes WinHTTP handed to and got from Schannel\'s InitializeSecurityContext), so the ClientHello — versions and cipher suites offered — ' +
        'and any TLS records the server sent back are shown. What only packets show is still missing: the TCP segments themselves (SYN, RST and FIN as sent, ' +
        'retransmissions) and the timing of the server\'s answer; WebIO reports a reset or close only as its socket close reason.'
      : 'No captured packets are in this trace, so the ClientHello (the TLS versions and cipher suites actually offered) and the server\'s answer (ServerHello, alert or reset) cannot be shown.',
  remediation: () => [
    { text: 'Capture again with packets, reproduce the failing command, then stop:', command: CAPTURE.netshStart },
    { text: 'Stop the capture after reproducing:', command: CAPTURE.netshStop },
  ],
};

const noWinhttpEvents: TraceRule = {
  scope: 'trace',
  code: 'NO_WINHTTP_EVENTS',
  severity: 'info',
  kind: 'gap',
  title: 'The trace has no WinHTTP/WebIO events',
  match: (ctx) => (ctx.stats.webioEvents + ctx.stats.winhttpEvents === 0 && !ctx.errorTextOnly ? { connections: [], evidence: [] } : undefined),
  explain: (_m, ctx) =>
    'No Microsoft-Windows-WebIO or Microsoft-Windows-WinHttp events are in this trace, so it cannot show what WinHTTP asked Schannel for (EnabledProtocols), its errors, or which process made a connection' +
    (ctx.packets > 0 ? ' — only the packets are there (a pktmon or capture-only trace).' : '.'),
  remediation: () => [
    { text: 'Capture with the InternetClient scenario (it enables WinHTTP and WebIO) while reproducing:', command: CAPTURE.netshStart },
    { text: 'On Windows Server 2008 / Vista, WinHTTP text tracing is separate:', command: CAPTURE.winhttpTracing },
  ],
};

const captureTruncated: TraceRule = {
  scope: 'trace',
  code: 'CAPTURE_TRUNCATED',
  severity: 'warning',
  kind: 'gap',
  title: 'Packets were cut short by the capture',
  match(ctx) {
    // A ClientHello cut short in WebIO's logging is not a capture snap length.
    const cs = ctx.connections.filter((c) => c.truncated || (c.clientHelloTruncated && c.clientHelloSource !== 'webio'));
    if (!cs.length && !ctx.truncatedPackets) return undefined;
    const evidence = cs.slice(0, 5).flatMap((c) => (c.keyEvidence?.client_hello ? [c.keyEvidence.client_hello] : c.evidence.slice(0, 1)));
    return { connections: cs, evidence };
  },
  explain: (m, ctx) =>
    `The capture kept only the first bytes of each packet${ctx.truncatedPackets ? ` (${plural(ctx.truncatedPackets, 'packet')} cut)` : ''}, so ` +
    `${m.connections.length ? `${plural(m.connections.length, 'connection')}' TLS handshake${m.connections.length > 1 ? 's are' : ' is'}` : 'TLS handshakes are'} only partly visible: ` +
    'cipher suites, extensions (supported_versions, SNI) or the server\'s answer may be missing — reported as unknown, not absent. pktmon keeps 128 bytes per packet unless told otherwise.',
  remediation: () => [
    { text: 'Capture whole packets with pktmon:', command: CAPTURE.pktmonFull },
    { text: 'or with netsh (do not set packettruncatebytes):', command: CAPTURE.netshStart },
  ],
};

const eventsLost: TraceRule = {
  scope: 'trace',
  code: 'EVENTS_LOST',
  severity: 'warning',
  kind: 'gap',
  title: 'Events were lost or the trace is damaged',
  match: (ctx) => (ctx.eventsLost > 0 || ctx.buffersLost > 0 || ctx.damaged || ctx.readIssues.length > 0 ? { connections: [], evidence: [] } : undefined),
  explain: (_m, ctx) => {
    const parts: string[] = [];
    if (ctx.eventsLost) parts.push(`the logger lost ${plural(ctx.eventsLost, 'event')}`);
    if (ctx.buffersLost) parts.push(`${plural(ctx.buffersLost, 'buffer')} were lost`);
    if (ctx.damaged) parts.push('reading stopped at damaged data (what came before it was analysed)');
    if (ctx.readIssues.length) parts.push(`${plural(ctx.readIssues.length, 'read problem')}: ${ctx.readIssues.slice(0, 3).join('; ')}${ctx.readIssues.length > 3 ? '; …' : ''}`);
    return `This trace is incomplete: ${parts.join('; ')}. A missing event can hide a step of a connection, so an absent fact is not proof.`;
  },
  remediation: () => [
    { text: 'Capture again with a larger file and fewer other traces running at the same time:', command: CAPTURE.netshLarger },
    { text: 'Copy the .etl only after `netsh trace stop` has finished writing it.', command: CAPTURE.netshStop },
  ],
};

/** The catalog, in reporting order. */
export const CATALOG: readonly Rule[] = [
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
];
