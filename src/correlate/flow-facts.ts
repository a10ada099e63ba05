// Copies what the packets showed (TCP handshake, TLS ClientHello/ServerHello/alert/reset) onto a connection,
// with a quotable reference for each milestone.
import type { EvidenceRef } from '../providers/observations.js';
import type { TcpFlow, TlsClientHello } from '../net/types.js';
import type { Connection } from './types.js';
import type { TlsNaming } from './naming.js';
import { addEvidence, setKey, touch } from './evidence.js';
import { resetAfterExchange } from './outcome.js';
import { Interner, ListInterner } from '../common/intern.js';
import { encodeMessage, message, type Message, type MessageValue } from '../common/message.js';

/** An evidence text of this module: a catalog message carried in the reference's text (see common/message.ts). */
function said(key: string, params?: Readonly<Record<string, MessageValue>>): string {
  return encodeMessage(message(`evidence.${key}`, params));
}

/** `server` or `client`, in the report's words. */
export function sideOf(side: 'client' | 'server'): Message {
  return message(`evidence.side.${side}`);
}

/** The server certificate as a handshake showed it; `key` names the sentence (from the packets, or as WebIO logged it). */
export function certificateText(subject: string | undefined, issuer: string | undefined, key = 'certificate'): string {
  return said(key, { subject: subject ?? message('evidence.no_cn'), issuer: issuer ?? message('evidence.unknown_issuer') });
}

/** `TLS alert fatal:protocol_version (70) sent by the server`: what an alert said and who sent it; `key` as for certificateText. */
export function alertText(alert: string, description: number | string, from: 'client' | 'server', key = 'alert'): string {
  return said(key, { alert, description, side: sideOf(from) });
}

/** Offered-version lists repeat on every connection of a client stack: one copy of each. */
const sharedCodes = new ListInterner();
const sharedNames = new WeakMap<TlsNaming, Interner<string[]>>();

function namesOf(codes: number[], naming: TlsNaming): string[] {
  let names = sharedNames.get(naming);
  if (!names) sharedNames.set(naming, (names = new Interner()));
  return names.get(codes.join(','), codes.map((v) => naming.versionName(v)));
}

/** Versions a ClientHello offers, highest first: supported_versions when present, else legacy_version. */
export function offeredVersions(ch: TlsClientHello): number[] {
  const list = ch.supportedVersions && ch.supportedVersions.length > 0 ? [...ch.supportedVersions] : [ch.legacyVersion];
  return [...new Set(list)].sort((a, b) => b - a);
}

/**
 * The flow's own reference nearest to `time` (its packet number), else a reference to the flow. Times are
 * compared as offsets from the flow's first packet, computed once per flow (bigint arithmetic allocates).
 */
function refFinder(flow: TcpFlow, evidence: readonly EvidenceRef[]): (time: bigint | undefined, text: string, match?: RegExp) => EvidenceRef {
  const offsets = evidence.map((r) => Number(r.time - flow.firstSeen));
  return (time, text, match) => {
    const t = time ?? flow.firstSeen;
    const at = Number(t - flow.firstSeen);
    let best = -1;
    let bestGap = 0;
    for (let i = 0; i < offsets.length; i++) {
      if (match && !match.test(evidence[i]!.text)) continue;
      const gap = Math.abs(offsets[i]! - at);
      if (best < 0 || gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    }
    const ref = best < 0 ? undefined : evidence[best]!;
    if (match && ref) return { time: ref.time, source: ref.source, text };
    if (!match && ref && bestGap === 0) return { time: t, source: ref.source, text };
    return { time: t, source: `tcp flow ${flow.id}`, text };
  };
}

/**
 * What a ClientHello offered: record and client_version, the versions, the cipher-suite count and the SNI. `key`
 * names the sentence around it (offering, or offers as WebIO logged it); `cut` says it was cut short, or ''.
 */
export function clientHelloText(ch: TlsClientHello, versions: readonly string[], naming: TlsNaming, key: string, cut: MessageValue): string {
  return said(key, {
    record: naming.versionName(ch.recordVersion),
    legacy: naming.versionName(ch.legacyVersion),
    versions: versions.join(', '),
    supported: ch.supportedVersions ? ' (supported_versions)' : '',
    suites: ch.cipherSuites.length,
    sni: ch.serverName ? message('evidence.sni', { name: ch.serverName }) : message('evidence.no_sni'),
    cut,
  });
}

export function applyFlow(c: Connection, flow: TcpFlow, naming: TlsNaming): void {
  c.flow = flow;
  // Read once: the flow's list may live in an evidence log, where each look reads the reference back.
  const evidence = [...flow.evidence];
  const refAt = refFinder(flow, evidence);
  // The capturing host's end is local: the client, unless its own address is the server's (an inbound connection).
  const remote = flow.localSide === 'server' ? flow.client : flow.server;
  const local = flow.localSide === 'server' ? flow.server : flow.client;
  c.remoteIp = remote.ip;
  c.remotePort = remote.port;
  c.localPort = local.port;
  if (c.pid === undefined && flow.pid !== undefined) {
    c.pid = flow.pid;
    c.pidSource = 'packet';
  }
  touch(c, flow.firstSeen);
  touch(c, flow.lastSeen);
  if (flow.truncated) c.truncated = true;
  for (const r of evidence) addEvidence(c, r);

  if (flow.syn && !flow.synAck) {
    if (flow.rstBy === 'server') {
      const ref = refAt(flow.rstTime, said('rst_to_syn', { ip: flow.server.ip, port: flow.server.port }), /RST/i);
      setKey(c, 'reset', ref);
      setKey(c, 'tcp_failure', ref);
    } else {
      c.synUnanswered = true;
      const counts = { ip: flow.server.ip, port: flow.server.port, packets: flow.packets, retransmissions: flow.retransmissions };
      setKey(c, 'syn_unanswered', refAt(flow.firstSeen, said('syn_unanswered', counts)));
    }
  }
  if (flow.rstBy !== 'none') {
    c.resetBy = flow.rstBy;
    const close = resetAfterExchange(c) ? message('evidence.reset_normal_close') : '';
    setKey(c, 'reset', refAt(flow.rstTime, said('reset', { side: sideOf(flow.rstBy), close }), /RST/i));
  }

  const tls = flow.tls;
  if (!tls) return;
  const ch = tls.clientHello;
  if (ch) {
    const codes = sharedCodes.list(offeredVersions(ch));
    c.clientOfferedVersionCodes = codes;
    c.clientOfferedVersions = namesOf(codes, naming);
    // The flow's list, not a copy: thousands of connections of one client stack share it (net/shared-facts.ts).
    c.clientCipherSuites = ch.cipherSuites;
    c.clientHelloTruncated = ch.truncated;
    c.clientHelloSource = 'packets';
    if (ch.serverName && (!c.serverName || c.serverNameSource !== 'sni')) {
      c.serverName = ch.serverName;
      c.serverNameSource = 'sni';
    }
    const text = clientHelloText(ch, c.clientOfferedVersions, naming, 'client_hello', ch.truncated ? message('evidence.capture_cut_hello') : '');
    setKey(c, 'client_hello', refAt(tls.clientHelloTime, text, /client\s*hello/i));
  }
  const sh = tls.serverHello;
  if (sh) {
    c.serverSelectedVersionCode = sh.selectedVersion;
    c.serverSelectedVersion = naming.versionName(sh.selectedVersion);
    if (sh.cipherSuite !== undefined) {
      c.cipherSuite = sh.cipherSuite;
      c.cipher = naming.cipherSuiteName(sh.cipherSuite);
    }
    const text = said('server_hello', { version: c.serverSelectedVersion, cipher: c.cipher ? `, ${c.cipher}` : '', retry: sh.helloRetryRequest ? ' (HelloRetryRequest)' : '' });
    setKey(c, 'server_hello', refAt(tls.clientHelloTime, text, /server\s*hello/i));
  }
  const cert = tls.certificates[0];
  if (cert) {
    c.certificateSubject = cert.subjectCN ?? cert.sanDns[0];
    c.certificateIssuer = cert.issuer;
    setKey(c, 'certificate', refAt(tls.clientHelloTime, certificateText(c.certificateSubject, cert.issuer), /certificate/i));
  }
  // The first readable alert tells why a handshake ended. An alert after application data closes a connection
  // (close_notify, encrypted after the handshake); an encrypted alert says something about a handshake only when
  // the trace shows that handshake (a capture that began mid-connection shows none).
  const handshakeSeen = tls.clientHello !== undefined || tls.serverHello !== undefined;
  const telling = tls.alerts.filter((a) => !a.afterApplicationData && !tls.established && (!a.encrypted || handshakeSeen));
  const alert = telling.find((a) => !a.encrypted && a.description !== undefined) ?? telling[0];
  const closing = tls.alerts.find((a) => !telling.includes(a));
  if (closing && !alert) {
    addEvidence(c, refAt(closing.time, said('closing_alert', { side: sideOf(closing.from) }), /alert/i));
  }
  if (alert) {
    c.alertFrom = alert.from;
    if (alert.encrypted || alert.description === undefined) {
      c.alert = 'encrypted';
    } else {
      c.alertDescription = alert.description;
      c.alertLevel = alert.level;
      const level = alert.level === 2 ? 'fatal' : alert.level === 1 ? 'warning' : `level${alert.level ?? '?'}`;
      c.alert = `${level}:${naming.alertDescriptionName(alert.description)}`;
    }
    setKey(c, 'alert', refAt(alert.time, alertText(c.alert, alert.description ?? '?', alert.from), /alert/i));
  }
  if (tls.established) {
    c.established = true;
    const version = c.serverSelectedVersion ? ` (${c.serverSelectedVersion})` : '';
    setKey(c, 'established', refAt(flow.lastSeen, said('established', { version }), /application|encrypted|finished/i));
  }
}
