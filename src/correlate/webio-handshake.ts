// The TLS handshake as WebIO logged it (704: bytes handed into InitializeSecurityContext = what the server sent;
// 705: the token it produced = what the client sends), per connection. A trace captured without packets still
// shows the ClientHello and the server's records this way. Packets stay the primary source: WebIO's bytes fill
// only what no packet showed, and a disagreement is noted in the evidence.
import type { EvidenceRef, TlsHandshakeBytes } from '../providers/observations.js';
import { TlsRecordReader, type TlsBytesFacts } from '../net/tls-bytes.js';
import type { TlsClientHello } from '../net/types.js';
import type { Connection } from './types.js';
import type { TlsNaming } from './naming.js';
import { addEvidence, setKey } from './evidence.js';
import { alertText, certificateText, clientHelloText, offeredVersions, sideOf } from './flow-facts.js';
import { encodeMessage, message, type MessageValue } from '../common/message.js';

/** An evidence text of this module: a catalog message carried in the reference's text (see common/message.ts). */
function said(key: string, params?: Readonly<Record<string, MessageValue>>): string {
  return encodeMessage(message(`evidence.webio.${key}`, params));
}

/** Buffers remembered per connection for quoting (a handshake takes a handful). */
const MAX_CHUNK_REFS = 32;

interface Held {
  reader: TlsRecordReader;
  /** The reference of each buffer, by its 1-based number. */
  refs: EvidenceRef[];
  last: bigint;
}

export class WebioHandshakes {
  private readonly held = new Map<Connection, Held>();

  add(c: Connection, o: TlsHandshakeBytes): void {
    let h = this.held.get(c);
    if (!h) {
      h = { reader: new TlsRecordReader(), refs: [], last: o.time };
      this.held.set(c, h);
    }
    // 705 is InitializeSecurityContext's output (client → server), 704 its input (server → client).
    h.reader.add(o.direction === 'sent' ? 'client' : 'server', o.data, o.time);
    if (h.refs.length < MAX_CHUNK_REFS) h.refs.push(o.ref);
    h.last = o.time;
  }

  /** Applies what each connection's WebIO bytes showed, after the packet flows were joined. */
  apply(naming: TlsNaming, maxEvidence: number): void {
    for (const [c, h] of this.held) applyWebioHandshake(c, h.reader.finish(h.last), h.refs, naming, maxEvidence);
    this.held.clear();
  }
}

/** Copies the handshake facts read from WebIO's bytes onto `c` where the packets did not show them. */
export function applyWebioHandshake(c: Connection, facts: TlsBytesFacts, refs: readonly EvidenceRef[], naming: TlsNaming, maxEvidence: number): void {
  const tls = c.flow?.tls;
  const refOf = (chunk: number | undefined, text: string): EvidenceRef => {
    const r = (chunk !== undefined ? refs[chunk - 1] : undefined) ?? refs[refs.length - 1]!;
    return { time: r.time, source: r.source, text };
  };
  const chunkWith = (type: number) => facts.records.find((n) => n.contentType === 22 && n.handshakeTypes.includes(type))?.packet;
  const note = (ref: EvidenceRef) => addEvidence(c, ref, maxEvidence);

  const ch = facts.clientHello;
  if (ch) {
    const codes = offeredVersions(ch);
    const names = codes.map((v) => naming.versionName(v));
    const ref = refOf(chunkWith(1) ?? lastChunkOf(facts, 'client'), clientHelloText(ch, names, naming, 'webio.client_hello', ch.truncated ? message('evidence.webio.cut') : ''));
    if (!tls?.clientHello) {
      c.clientOfferedVersionCodes = codes;
      c.clientOfferedVersions = names;
      c.clientCipherSuites = [...ch.cipherSuites];
      c.clientHelloTruncated = ch.truncated;
      c.clientHelloSource = 'webio';
      if (ch.serverName && (!c.serverName || c.serverNameSource !== 'sni')) {
        c.serverName = ch.serverName;
        c.serverNameSource = 'sni';
      }
      setKey(c, 'client_hello', ref);
      note(ref);
    } else {
      const differs = differences(tls.clientHello, ch, naming);
      if (differs) note({ ...ref, text: said('client_hello_differs', { differences: differs }) });
    }
  }

  const sh = facts.serverHello;
  if (sh) {
    const version = naming.versionName(sh.selectedVersion);
    const cipher = sh.cipherSuite !== undefined ? naming.cipherSuiteName(sh.cipherSuite) : undefined;
    const chosen = { version, cipher: cipher ? `, ${cipher}` : '' };
    const ref = refOf(chunkWith(2), said('server_hello', { ...chosen, cut: sh.truncated ? message('evidence.webio.cut_short') : '' }));
    if (!tls?.serverHello) {
      c.serverSelectedVersionCode = sh.selectedVersion;
      c.serverSelectedVersion = version;
      if (sh.cipherSuite !== undefined) {
        c.cipherSuite = sh.cipherSuite;
        c.cipher = cipher;
      }
      setKey(c, 'server_hello', ref);
      note(ref);
    } else if (tls.serverHello.selectedVersion !== sh.selectedVersion || tls.serverHello.cipherSuite !== sh.cipherSuite) {
      note({ ...ref, text: said('server_hello_differs', chosen) });
    }
  }

  const cert = facts.certificates[0];
  if (cert && !tls?.certificates.length) {
    c.certificateSubject = cert.subjectCN ?? cert.sanDns[0];
    c.certificateIssuer = cert.issuer;
    const ref = refOf(chunkWith(11), certificateText(c.certificateSubject, cert.issuer, 'webio.certificate'));
    setKey(c, 'certificate', ref);
    note(ref);
  }

  // The first readable alert tells why the handshake ended (as with packets).
  const alertNotes = facts.records.filter((n) => n.contentType === 21);
  const index = facts.alerts.findIndex((a) => !a.encrypted && a.description !== undefined);
  const alert = index >= 0 ? facts.alerts[index]! : undefined;
  if (alert && alert.description !== undefined) {
    const level = alert.level === 2 ? 'fatal' : alert.level === 1 ? 'warning' : `level${alert.level ?? '?'}`;
    const text = `${level}:${naming.alertDescriptionName(alert.description)}`;
    const ref = refOf(alertNotes[index]?.packet, alertText(text, alert.description, alert.from, 'webio.alert'));
    const packetAlert = tls?.alerts.some((a) => !a.encrypted && a.description !== undefined);
    if (!packetAlert && c.alert === undefined) {
      c.alert = text;
      c.alertDescription = alert.description;
      c.alertLevel = alert.level;
      c.alertFrom = alert.from;
      setKey(c, 'alert', ref);
      note(ref);
    } else if (c.alertDescription !== alert.description || c.alertFrom !== alert.from) {
      const packets = c.alert ?? message('evidence.webio.no_alert');
      note({ ...ref, text: said('alert_differs', { alert: text, side: sideOf(alert.from), packets }) });
    }
  }

  if (facts.server.truncated || facts.client.truncated) {
    const side = facts.client.truncated ? 'client' : 'server';
    note(refOf(lastChunkOf(facts, side), said(side === 'client' ? 'output_cut' : 'input_cut')));
  }
}

function lastChunkOf(facts: TlsBytesFacts, side: 'client' | 'server'): number | undefined {
  return facts[side].lastChunk;
}

/** How WebIO's ClientHello differs from the captured one (versions, cipher-suite count), or undefined. */
function differences(packets: TlsClientHello, webio: TlsClientHello, naming: TlsNaming): string | undefined {
  const out: string[] = [];
  const a = offeredVersions(packets).map((v) => naming.versionName(v)).join(', ');
  const b = offeredVersions(webio).map((v) => naming.versionName(v)).join(', ');
  if (a !== b) out.push(said('versions_vs_wire', { webio: b, wire: a }));
  if (!packets.truncated && !webio.truncated && packets.cipherSuites.join(',') !== webio.cipherSuites.join(',')) {
    out.push(said('suites_vs_wire', { webio: webio.cipherSuites.length, wire: packets.cipherSuites.length }));
  }
  return out.length ? out.join('; ') : undefined;
}
