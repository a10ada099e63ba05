// TLS handshake facts from the reassembled bytes of both directions of one TCP flow.
// Records are parsed as soon as they are complete; handshake messages may span records. A record or message
// cut short by the capture (or by the end of the trace) is parsed as far as it goes and marked truncated.
import { formatType, parsePartial } from './kaitai.js';
import { isGrease } from './names.js';
import type { HalfStream } from './tcp-stream.js';
import { STREAM_WINDOW } from './tcp-stream.js';
import type { TlsCertificate, TlsClientHello, TlsServerHello, TlsSession } from './types.js';
import { SparseBytes } from './sparse-bytes.js';
import { parseCertificateShared } from './x509.js';
import { isKnownContentType, recordHeader, type RecordHeader } from './record-header.js';
import { TLS_VERSION } from './registry/tls-versions.js';
import type { TlsMilestone } from './packet-line.js';

export type Side = 'client' | 'server';

// The kinds tls.ksy declares as enums, read once as plain numbers for the per-record comparisons.
const { ContentType, HandshakeType, ExtensionType } = formatType('Tls');
const CT_CHANGE_CIPHER_SPEC: number = ContentType.CHANGE_CIPHER_SPEC;
const CT_ALERT: number = ContentType.ALERT;
const CT_HANDSHAKE: number = ContentType.HANDSHAKE;
const CT_APPLICATION_DATA: number = ContentType.APPLICATION_DATA;
const HS_CLIENT_HELLO: number = HandshakeType.CLIENT_HELLO;
const HS_SERVER_HELLO: number = HandshakeType.SERVER_HELLO;
const HS_CERTIFICATE: number = HandshakeType.CERTIFICATE;
const EXT_SERVER_NAME: number = ExtensionType.SERVER_NAME;
const EXT_SUPPORTED_GROUPS: number = ExtensionType.SUPPORTED_GROUPS;
const EXT_SIGNATURE_ALGORITHMS: number = ExtensionType.SIGNATURE_ALGORITHMS;
const EXT_ALPN: number = ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION;
const EXT_SUPPORTED_VERSIONS: number = ExtensionType.SUPPORTED_VERSIONS;
const TLS13 = TLS_VERSION['TLS 1.3'];
const NO_BYTES = new Uint8Array(0);
/** Largest record length allowed on the wire (2^14 + 2048, RFC 5246 §6.2.3). */
const MAX_RECORD = 18432;

/** ServerHello.random of a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
const HRR_RANDOM = Uint8Array.from(
  'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c'.match(/../g)!.map((h) => parseInt(h, 16)),
);

/** What one record contributed, per frame: compared with tshark's `tls.record.version` / `tls.handshake.type`. */
export interface TlsRecordNote {
  packet: number;
  contentType: number;
  version: number;
  handshakeTypes: number[];
  /** The record's bytes end before its declared length (capture cut or end of trace). */
  partial: boolean;
}

interface HandshakePiece {
  hsOffset: number;
  note: TlsRecordNote;
}

class DirectionState {
  recordOffset = 0;
  /**
   * Handshake-protocol bytes of this direction not parsed yet (records joined; holes where the capture cut
   * records). Made when a handshake record arrives and let go when every message in it is parsed: a connection
   * whose handshake is over (kept open to the end of the trace) holds no buffer for it.
   */
  hs: SparseBytes | undefined;
  /** Handshake bytes sent so far (captured or not). */
  hsLength = 0;
  hsConsumed = 0;
  /** A handshake message header was not captured: no further message can be located. */
  hsLost = false;
  pieces: HandshakePiece[] = [];
  ccs = false;
  appDataAfterServerHello = false;
  /** Parsing ended for this direction: the bytes are not TLS. */
  stopped = false;
  /** A record header was not captured (or the capture began mid-record): the next record boundary is unknown. */
  lost = false;
  sawRecord = false;
  /** The note already made for a record that the bytes stop in (finish() may run more than once). */
  partialNote: { offset: number; note: TlsRecordNote } | undefined;

  appendHandshake(body: Uint8Array, declared: number, note: TlsRecordNote): void {
    this.pieces.push({ hsOffset: this.hsLength, note });
    (this.hs ??= new SparseBytes(STREAM_WINDOW)).write(this.hsLength, body);
    this.hsLength += declared;
  }

  /**
   * Handshake bytes before `offset` are parsed. Lookups (noteAt) never go back before it, so the pieces that
   * end there are let go: a connection kept open to the end of the trace keeps one, not all of them. Once all
   * bytes sent are parsed, the next lookup is in a piece still to come, so the buffer and every piece go.
   */
  consumeTo(offset: number): void {
    this.hsConsumed = offset;
    if (offset >= this.hsLength) {
      this.hs = undefined;
      this.pieces = [];
      return;
    }
    let done = 0;
    while (done + 1 < this.pieces.length && this.pieces[done + 1]!.hsOffset <= offset) done++;
    if (done > 0) this.pieces.splice(0, done);
  }

  noteAt(hsOffset: number): TlsRecordNote | undefined {
    let found: TlsRecordNote | undefined;
    for (const p of this.pieces) {
      if (p.hsOffset <= hsOffset) found = p.note;
      else break;
    }
    return found;
  }
}

export interface TlsUpdate {
  /** Milestones reached by this update, for evidence: `ClientHello`, `Alert 2:70`, … */
  milestones: TlsMilestone[];
}

export class TlsTracker {
  readonly session: TlsSession = {
    certificates: [],
    alerts: [],
    clientChangeCipherSpec: false,
    serverChangeCipherSpec: false,
    established: false,
    applicationData: { client: false, server: false },
  };
  /**
   * `keepsRecordNotes` false: no per-record notes are kept (an analysis needs only the session), so neither are
   * the packet numbers of segments already parsed.
   */
  constructor(readonly keepsRecordNotes = true) {}

  /** undefined until the first record header decides; false when the flow does not carry TLS. */
  isTls: boolean | undefined;
  readonly notes: TlsRecordNote[] = [];
  private dirs: Record<Side, DirectionState> = { client: new DirectionState(), server: new DirectionState() };
  private sawHelloRetry = false;
  private serverHelloComplete = false;

  /** Drops the per-direction buffers once no more bytes will be parsed; the session and notes stay. */
  release(): void {
    this.dirs.client = new DirectionState();
    this.dirs.server = new DirectionState();
    this.dirs.client.stopped = true;
    this.dirs.server.stopped = true;
  }

  /** Parses every record newly complete on the wire in `stream` (one direction); cut bytes stay unknown. */
  update(side: Side, stream: HalfStream, time: bigint): TlsUpdate {
    const out: TlsUpdate = { milestones: [] };
    if (this.isTls === false) return out;
    const d = this.dirs[side];
    while (!d.stopped) {
      const h = this.header(d, stream);
      if (!h) break;
      const bodyStart = d.recordOffset + 5;
      const bodyEnd = bodyStart + h.length;
      // Only the length of application data is used: its bytes need not be kept while the record arrives.
      if (h.contentType === CT_APPLICATION_DATA) stream.bytes.ignoreBytes(bodyStart, bodyEnd);
      if (bodyEnd > stream.wireLength) break;
      const captured = Math.min(stream.bytes.knownFrom(bodyStart), h.length);
      const note: TlsRecordNote = {
        packet: stream.packetAt(bodyEnd - 1) ?? 0,
        contentType: h.contentType,
        version: h.version,
        handshakeTypes: [],
        partial: captured < h.length,
      };
      if (this.keepsRecordNotes) this.notes.push(note);
      const body = h.contentType === CT_APPLICATION_DATA ? NO_BYTES : stream.bytes.view(bodyStart, bodyStart + captured);
      this.record(side, d, h, body, time, note, out);
      d.recordOffset = bodyEnd;
    }
    if (d.stopped) stream.drop();
    else {
      stream.bytes.discardBelow(d.recordOffset);
      // Resynchronising looks only at segments from the next record on; earlier ones serve only the notes.
      if (!this.keepsRecordNotes) stream.forgetSegmentsBelow(d.recordOffset);
    }
    return out;
  }

  /**
   * Parses what is left in a direction whose bytes stop mid-record (end of trace, window limit): the partial
   * record and handshake message are read as far as they go and marked truncated. Does not consume state,
   * so more bytes arriving later are still parsed normally.
   */
  finish(side: Side, stream: HalfStream, time: bigint): void {
    if (this.isTls === false) return;
    const d = this.dirs[side];
    if (d.stopped) return;
    const h = this.header(d, stream);
    const from = d.hsConsumed;
    const hs = d.hs;
    let pending = d.hsLost || !hs ? NO_BYTES : hs.view(from, from + Math.min(hs.knownFrom(from), d.hsLength - from));
    const pendingComplete = pending.length === d.hsLength - d.hsConsumed;
    let version = d.noteAt(d.hsConsumed)?.version;
    if (h) {
      const bodyStart = d.recordOffset + 5;
      const bodyLength = Math.min(stream.bytes.knownFrom(bodyStart), h.length);
      // Only handshake bodies are read (application data bytes are not kept: see update()).
      const body = h.contentType === CT_HANDSHAKE ? stream.bytes.view(bodyStart, bodyStart + bodyLength) : NO_BYTES;
      if (d.partialNote?.offset !== d.recordOffset) {
        const last = stream.packetAt(bodyStart + Math.max(0, bodyLength - 1)) ?? stream.packetAt(d.recordOffset) ?? 0;
        const note: TlsRecordNote = { packet: last, contentType: h.contentType, version: h.version, handshakeTypes: [], partial: true };
        if (h.contentType === CT_HANDSHAKE && (!d.ccs || this.tls13()) && d.hsLength === d.hsConsumed && body.length > 0) {
          note.handshakeTypes.push(body[0]!);
        }
        if (this.keepsRecordNotes) this.notes.push(note);
        d.partialNote = { offset: d.recordOffset, note };
      }
      if (h.contentType === CT_HANDSHAKE && (!d.ccs || this.tls13()) && !d.hsLost && pendingComplete) {
        if (pending.length === 0) version = h.version;
        const joined = new Uint8Array(pending.length + body.length);
        joined.set(pending);
        joined.set(body, pending.length);
        pending = joined;
      }
    }
    if (pending.length === 0) return;
    const type = pending[0]!;
    const body = pending.subarray(Math.min(4, pending.length));
    const declared = pending.length >= 4 ? (pending[1]! << 16) | (pending[2]! << 8) | pending[3]! : Infinity;
    this.message(side, type, body.subarray(0, Math.min(body.length, declared)), body.length < declared, time, { milestones: [] }, version);
  }

  /** The record header at the direction's next record offset, when captured; stops the direction on garbage. */
  private header(d: DirectionState, stream: HalfStream): RecordHeader | undefined {
    if (d.lost && !this.resync(d, stream)) return undefined;
    const at = d.recordOffset;
    if (at + 5 > stream.wireLength) return undefined;
    if (!stream.bytes.isKnown(at, at + 5)) {
      // The header was sent but not captured: the next boundary is unknown until a segment starts a record.
      d.lost = true;
      return this.resync(d, stream) ? this.header(d, stream) : undefined;
    }
    const h = readHeader(stream.bytes.view(at, at + 5));
    if (!h) {
      if (!d.sawRecord && !stream.fromSyn) {
        // The capture began inside a record: wait for a segment that starts one.
        d.lost = true;
        return this.resync(d, stream) ? this.header(d, stream) : undefined;
      }
      d.stopped = true;
      if (!d.sawRecord && this.isTls === undefined) this.isTls = false;
      return undefined;
    }
    if (!d.sawRecord) {
      d.sawRecord = true;
      this.isTls = true;
    }
    return h;
  }

  /**
   * After a lost boundary, continues at the first later segment whose first five bytes are a valid record
   * header (TLS stacks write each record from a segment start; Wireshark resynchronises the same way).
   * Handshake message boundaries restart with that record.
   */
  private resync(d: DirectionState, stream: HalfStream): boolean {
    for (const start of stream.segmentStartsFrom(d.recordOffset + 1)) {
      if (!stream.bytes.isKnown(start, start + 5)) continue;
      if (!readHeader(stream.bytes.view(start, start + 5))) continue;
      d.recordOffset = start;
      d.lost = false;
      d.consumeTo(d.hsLength);
      d.hsLost = false;
      d.partialNote = undefined;
      return true;
    }
    return false;
  }

  private record(side: Side, d: DirectionState, h: RecordHeader, body: Uint8Array, time: bigint, note: TlsRecordNote, out: TlsUpdate): void {
    const s = this.session;
    const type = h.contentType;
    if (type === CT_CHANGE_CIPHER_SPEC) {
      d.ccs = true;
      if (side === 'client') s.clientChangeCipherSpec = true;
      else s.serverChangeCipherSpec = true;
      out.milestones.push('ChangeCipherSpec');
    } else if (type === CT_ALERT) {
      const afterApplicationData = s.applicationData.client || s.applicationData.server;
      // TLS 1.3 protects records as type 23, so a 2-byte alert record is plaintext whatever came before;
      // in TLS ≤ 1.2 everything after the sender's ChangeCipherSpec is encrypted.
      if (h.length !== 2 || (d.ccs && !this.tls13())) {
        s.alerts.push({ from: side, time, encrypted: true, afterApplicationData });
        out.milestones.push('Alert (encrypted)');
      } else if (body.length === 2) {
        const a = parsePartial(formatType('Tls', 'Alert'), body).value as { level: number; description: number };
        s.alerts.push({ from: side, time, level: a.level, description: a.description, encrypted: false, afterApplicationData });
        out.milestones.push(`Alert ${a.level}:${a.description}`);
      } else {
        s.alerts.push({ from: side, time, encrypted: false, afterApplicationData });
        out.milestones.push('Alert (not captured)');
      }
    } else if (type === CT_HANDSHAKE) {
      // TLS ≤ 1.2: Finished and later handshake messages are encrypted. TLS 1.3 sends them as type 23; a
      // type-22 record after the compatibility ChangeCipherSpec is the ClientHello answering a retry request.
      if (d.ccs && !this.tls13()) return;
      if (side === 'client' && s.clientHelloTime === undefined) s.clientHelloTime = time;
      d.appendHandshake(body, h.length, note);
      this.drainHandshake(side, d, time, out);
    } else if (type === CT_APPLICATION_DATA) {
      s.applicationData[side] = true;
      if (s.serverHello) d.appDataAfterServerHello = true;
      const wasEstablished = s.established;
      if (this.selectedVersion() === TLS13) {
        s.established = this.dirs.client.appDataAfterServerHello && this.dirs.server.appDataAfterServerHello;
      } else {
        s.established = true;
      }
      if (s.established && !wasEstablished) out.milestones.push('established');
    }
  }

  private drainHandshake(side: Side, d: DirectionState, time: bigint, out: TlsUpdate): void {
    while (!d.hsLost && d.hs && d.hsLength - d.hsConsumed >= 4) {
      const hs = d.hs;
      const p = d.hsConsumed;
      if (!hs.isKnown(p, p + 4)) {
        // A message header was not captured: later message boundaries are unknown.
        d.hsLost = true;
        break;
      }
      const head = hs.view(p, p + 4);
      const type = head[0]!;
      const len = (head[1]! << 16) | (head[2]! << 8) | head[3]!;
      if (p + 4 + len > d.hsLength) break;
      const note = d.noteAt(p);
      note?.handshakeTypes.push(type);
      const known = Math.min(hs.knownFrom(p + 4), len);
      const body = hs.view(p + 4, p + 4 + known);
      d.consumeTo(p + 4 + len);
      this.message(side, type, body, known < len, time, out, note?.version);
      d.hs?.discardBelow(d.hsConsumed);
    }
  }

  private message(side: Side, type: number, body: Uint8Array, truncated: boolean, time: bigint, out: TlsUpdate, recordVersion?: number): void {
    const s = this.session;
    if (type === HS_CLIENT_HELLO && side === 'client') {
      if (s.clientHello && !s.clientHello.truncated) return; // a second hello after HelloRetryRequest
      const hello = clientHello(body, truncated);
      hello.recordVersion = recordVersion ?? 0;
      s.clientHello = hello;
      if (s.clientHelloTime === undefined) s.clientHelloTime = time;
      out.milestones.push('ClientHello');
    } else if (type === HS_SERVER_HELLO && side === 'server') {
      const hello = serverHello(body, truncated);
      if (hello.helloRetryRequest) {
        this.sawHelloRetry = true;
        if (!s.serverHello || s.serverHello.truncated) s.serverHello = hello;
        out.milestones.push('HelloRetryRequest');
        return;
      }
      if (this.serverHelloComplete) return;
      this.serverHelloComplete = !hello.truncated;
      // After a HelloRetryRequest the real ServerHello replaces it; the retry stays recorded.
      s.serverHello = { ...hello, helloRetryRequest: this.sawHelloRetry };
      out.milestones.push('ServerHello');
    } else if (type === HS_CERTIFICATE && side === 'server' && this.selectedVersion() !== TLS13) {
      if (s.certificates.length > 0) return;
      s.certificates = certificates(body);
      out.milestones.push('Certificate');
    }
  }

  private tls13(): boolean {
    return this.sawHelloRetry || this.selectedVersion() === TLS13;
  }

  private selectedVersion(): number | undefined {
    const sh = this.session.serverHello;
    return sh ? sh.selectedVersion : undefined;
  }
}

function readHeader(b: Uint8Array): RecordHeader | undefined {
  const h = recordHeader(b);
  return h && isTlsRecordHeader(h.contentType, h.version) && h.length <= MAX_RECORD ? h : undefined;
}

function isTlsRecordHeader(type: number, version: number): boolean {
  return isKnownContentType(type) && version >> 8 === 3 && (version & 0xff) <= 4;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function clientHello(body: Uint8Array, cut: boolean): TlsClientHello {
  const r = parsePartial<any>(formatType('Tls', 'ClientHello'), body);
  const v = r.value;
  const hello: TlsClientHello = {
    recordVersion: 0,
    legacyVersion: v.legacyVersion ?? 0,
    cipherSuites: (v.cipherSuites ?? []).filter((c: number) => !isGrease(c)),
    truncated: cut || r.truncated || !!r.error,
  };
  for (const e of v.extensions ?? []) {
    const b = e.body;
    if (!b || b instanceof Uint8Array) continue;
    switch (e.extType) {
      case EXT_SERVER_NAME: {
        const n = (b.names ?? []).find((x: any) => x.nameType === 0);
        if (n) hello.serverName = n.name;
        break;
      }
      case EXT_SUPPORTED_GROUPS:
        hello.supportedGroups = (b.groups ?? []).filter((g: number) => !isGrease(g));
        break;
      case EXT_SIGNATURE_ALGORITHMS:
        hello.signatureAlgorithms = b.schemes ?? [];
        break;
      case EXT_ALPN:
        hello.alpn = (b.protocols ?? []).map((p: any) => p.name);
        break;
      case EXT_SUPPORTED_VERSIONS:
        hello.supportedVersions = (b.versions ?? []).filter((x: number) => !isGrease(x));
        break;
    }
  }
  return hello;
}

function serverHello(body: Uint8Array, cut: boolean): TlsServerHello {
  const r = parsePartial<any>(formatType('Tls', 'ServerHello'), body);
  const v = r.value;
  const random: Uint8Array | undefined = v.random;
  const hello: TlsServerHello = {
    legacyVersion: v.legacyVersion ?? 0,
    selectedVersion: v.legacyVersion ?? 0,
    cipherSuite: v.cipherSuite,
    helloRetryRequest: random !== undefined && equalBytes(random, HRR_RANDOM),
    truncated: cut || r.truncated || !!r.error,
  };
  let sawSupportedVersions = false;
  for (const e of v.extensions ?? []) {
    if (e.extType === EXT_SUPPORTED_VERSIONS && e.body && !(e.body instanceof Uint8Array)) {
      hello.selectedVersion = e.body.selectedVersion;
      sawSupportedVersions = true;
    }
  }
  if (hello.truncated && !sawSupportedVersions && hello.legacyVersion === TLS_VERSION['TLS 1.2']) hello.selectedVersionUncertain = true;
  return hello;
}

function certificates(body: Uint8Array): TlsCertificate[] {
  const r = parsePartial<any>(formatType('Tls', 'CertificateList'), body);
  const out: TlsCertificate[] = [];
  for (const c of r.value.certificates ?? []) {
    const cert = c.der instanceof Uint8Array ? parseCertificateShared(c.der) : undefined;
    if (cert) out.push(cert);
  }
  // Held by the session until the flow closes: as many slots as certificates, not the room a growing array keeps.
  return out.slice();
}
