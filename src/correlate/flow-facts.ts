// Copies what the packets showed (TCP handshake, TLS ClientHello/ServerHello/alert/reset) onto a connection,
// with a quotable reference for each milestone.
import type { EvidenceRef } from '../providers/observations.js';
import type { TcpFlow, TlsClientHello } from '../net/types.js';
import type { Connection } from './types.js';
import type { TlsNaming } from './naming.js';
import { addEvidence, setKey, touch } from './evidence.js';
import { resetAfterExchange } from './outcome.js';
import { Interner, ListInterner } from '../common/intern.js';

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
      const ref = refAt(flow.rstTime, `server refused the TCP connection to ${flow.server.ip}:${flow.server.port} (RST to SYN)`, /RST/i);
      setKey(c, 'reset', ref);
      setKey(c, 'tcp_failure', ref);
    } else {
      c.synUnanswered = true;
      setKey(c, 'syn_unanswered', refAt(flow.firstSeen, `SYN to ${flow.server.ip}:${flow.server.port} was never answered (${flow.packets} packet(s), ${flow.retransmissions} retransmission(s))`));
    }
  }
  if (flow.rstBy !== 'none') {
    c.resetBy = flow.rstBy;
    const close = resetAfterExchange(c) ? ' after data went both ways (a normal close, not a failure)' : '';
    setKey(c, 'reset', refAt(flow.rstTime, `TCP reset sent by the ${flow.rstBy}${close}`, /RST/i));
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
    const text =
      `ClientHello (record ${naming.versionName(ch.recordVersion)}, client_version ${naming.versionName(ch.legacyVersion)})` +
      ` offering ${c.clientOfferedVersions.join(', ')}` +
      (ch.supportedVersions ? ' (supported_versions)' : '') +
      `, ${ch.cipherSuites.length} cipher suite(s)` +
      (ch.serverName ? `, SNI ${ch.serverName}` : ', no SNI') +
      (ch.truncated ? ' — capture cut the message short' : '');
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
    const text = `ServerHello selecting ${c.serverSelectedVersion}` + (c.cipher ? `, ${c.cipher}` : '') + (sh.helloRetryRequest ? ' (HelloRetryRequest)' : '');
    setKey(c, 'server_hello', refAt(tls.clientHelloTime, text, /server\s*hello/i));
  }
  const cert = tls.certificates[0];
  if (cert) {
    c.certificateSubject = cert.subjectCN ?? cert.sanDns[0];
    c.certificateIssuer = cert.issuer;
    setKey(c, 'certificate', refAt(tls.clientHelloTime, `server certificate ${c.certificateSubject ?? '(no CN)'} issued by ${cert.issuer ?? '(unknown issuer)'}`, /certificate/i));
  }
  // The first readable alert tells why a handshake ended. An alert after application data closes a connection
  // (close_notify, encrypted after the handshake); an encrypted alert says something about a handshake only when
  // the trace shows that handshake (a capture that began mid-connection shows none).
  const handshakeSeen = tls.clientHello !== undefined || tls.serverHello !== undefined;
  const telling = tls.alerts.filter((a) => !a.afterApplicationData && !tls.established && (!a.encrypted || handshakeSeen));
  const alert = telling.find((a) => !a.encrypted && a.description !== undefined) ?? telling[0];
  const closing = tls.alerts.find((a) => !telling.includes(a));
  if (closing && !alert) {
    addEvidence(c, refAt(closing.time, `TLS alert (encrypted) sent by the ${closing.from} after application data: the connection was being closed (close_notify)`, /alert/i));
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
    setKey(c, 'alert', refAt(alert.time, `TLS alert ${c.alert} (${alert.description ?? '?'}) sent by the ${alert.from}`, /alert/i));
  }
  if (tls.established) {
    c.established = true;
    setKey(c, 'established', refAt(flow.lastSeen, `TLS handshake completed${c.serverSelectedVersion ? ` (${c.serverSelectedVersion})` : ''}; encrypted application data followed`, /application|encrypted|finished/i));
  }
}
