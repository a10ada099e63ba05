// Joins observations (events and packet-derived facts) and TCP flows into one record per connection attempt.
//
// Order of joining, per connection:
//   WebIO connection pointer (728–730, 200–204, 700–705, 712/713, 15) → socket connect Address → packet flow to
//   that ip:port starting close in time → TCPIP/AFD 4-tuple (pid, local port) → process name → DNS name.
// WinHttp API errors, WinHttp 1053 and WinRM client events carry no connection pointer: they join the latest
// connection of the same process that started shortly before them (and whose server name matches, when they
// name a host). What cannot be joined stays in the trace-level facts; nothing is dropped silently.
// Every key carries the capture session (`beginSession`): pointers, pids and 4-tuples of another machine or
// another time never join this one's.
import type {
  CertificateValidation,
  CredentialsAcquired,
  DnsQuery,
  EvidenceRef,
  Observation,
  RequestInfo,
  SecurityContext,
  SocketClosed,
  SocketConnect,
  TcpEvent,
  TlsHandshakeBytes,
  TlsVersionMismatch,
  WinHttpError,
  WinRmEvent,
} from '../providers/observations.js';
import type { TcpFlow } from '../net/types.js';
import { evidenceList, SEALED_EVIDENCE, type EvidenceLog } from '../net/evidence-log.js';
import type { Connection, CorrelationResult, CorrelationStats, TraceFacts } from './types.js';
import type { TlsNaming } from './naming.js';
import { parseEndpoint, endpointKey } from './endpoint.js';
import { addEvidence, setKey, sortEvidence, touch, MAX_EVIDENCE_PER_CONNECTION } from './evidence.js';
import { applyFlow } from './flow-facts.js';
import { FlowCandidates } from './flow-candidates.js';
import { WebioHandshakes } from './webio-handshake.js';
import { decideOutcome } from './outcome.js';
import { isSecurityFailure } from '../windows/security-status.js';
import { classifyDestination } from './destination.js';
import { certFlagNames, certValidationFailure } from './cert-flags.js';
import { isRelevantName, isIgnorableDnsName, RELEVANT_PORTS, WINRM_NAME_ERROR_EVENTS, WINRM_ERROR_EVENTS } from './relevance.js';
import { assertNever } from '../common/assert-never.js';
import { StringInterner } from '../common/intern.js';

export const TICKS_PER_SECOND = 10_000_000n;

export interface CorrelatorOptions {
  naming: TlsNaming;
  /** Evidence references kept per connection (the rest is counted in `evidenceCut`). */
  maxEvidence?: number;
  /** A socket connect joins the packet flow to the same ip:port whose first packet is this close (default 5 s). */
  flowJoinWindow?: bigint;
  /** A per-process error joins a connection of that process started at most this long before it (default 120 s). */
  attachWindow?: bigint;
  /** Bound for each trace-level list (unjoined errors, proxy events, DNS names …). */
  maxTraceItems?: number;
  /** Server ports whose TCP flows are reported even with no event tying them to a client. */
  relevantPorts?: ReadonlySet<number>;
  /** Where the connections' evidence lists are kept (default: in memory). */
  evidenceLog?: EvidenceLog;
}

interface Live {
  conn: Connection;
  closed: boolean;
  hasAddress: boolean;
}

/** An observation that joins a connection by process and time, resolved when all connections are known. */
interface Pending {
  session: string;
  time: bigint;
  pid: number;
  host?: string;
  apply(c: Connection): void;
  orphan(): void;
}

interface TcpSighting {
  session: string;
  time: bigint;
  pid: number;
  local?: string;
  remote: string;
}

interface TcpFailure extends TcpSighting {
  status?: number;
  ref: EvidenceRef;
}

/** Most connections never get most of their lists: they share this empty one until a value comes. */
const NONE: readonly never[] = Object.freeze([]);

const WEBIO = /WebIO/i;
const DNS_ORIGIN_RANK: Record<DnsQuery['origin'], number> = { 'dns-client': 3, packet: 2, webio: 1, winhttp: 0 };
const WINHTTP = /WinHttp/i;

/** A correlation key within one capture session. */
export function sessionKey(session: string, key: string | number): string {
  return `${session}\u0000${key}`;
}

export class Correlator {
  private readonly naming: TlsNaming;
  private readonly maxEvidence: number;
  private readonly flowJoinWindow: bigint;
  private readonly attachWindow: bigint;
  private readonly maxItems: number;
  private readonly relevantPorts: ReadonlySet<number>;
  private readonly evidenceLog?: EvidenceLog;
  /** Addresses and host names repeat on thousands of connections: one copy of each. */
  private readonly strings = new StringInterner();

  private readonly conns: Connection[] = [];
  private readonly live = new Map<string, Live>();
  private readonly connectTime = new WeakMap<Connection, bigint>();
  private readonly pendingApp = new Map<string, { mask: number; time: bigint; ref: EvidenceRef }>();
  private readonly pending: Pending[] = [];
  private readonly sightings = new Map<string, TcpSighting[]>();
  private readonly tupleOwner = new Map<string, number>();
  private readonly flowSessions: { session: string; flow: TcpFlow }[] = [];
  /** The session of each kept trace-level observation that is joined in finish() (Schannel alerts). */
  private readonly factSession = new WeakMap<object, string>();
  private readonly tcpFailures: TcpFailure[] = [];
  private readonly byAddress = new Map<string, string>();
  private readonly requestConn = new Map<string, string>();
  private readonly handshakes = new WebioHandshakes();
  /** Sessions whose WinHTTP/WinRM reported a name-resolution error. */
  private readonly nameErrorsReported = new Set<string>();
  /** Sessions with WebIO events (WebIO tracing was on there). */
  private readonly webioSessions = new Set<string>();
  private session = '';
  private finished = false;

  readonly facts: TraceFacts = {
    proxyEvents: [],
    unattachedErrors: [],
    winrmEvents: [],
    schannelEvents: [],
    versionMismatches: [],
    captureFilters: [],
    dns: new Map(),
    processes: new Map(),
  };

  readonly stats: CorrelationStats = {
    observations: 0,
    byKind: {},
    flows: 0,
    flowsJoined: 0,
    flowsIgnored: 0,
    cut: 0,
    webioEvents: 0,
    winhttpEvents: 0,
    packets: 0,
  };

  constructor(opts: CorrelatorOptions) {
    this.naming = opts.naming;
    this.maxEvidence = opts.maxEvidence ?? MAX_EVIDENCE_PER_CONNECTION;
    this.flowJoinWindow = opts.flowJoinWindow ?? 5n * TICKS_PER_SECOND;
    this.attachWindow = opts.attachWindow ?? 120n * TICKS_PER_SECOND;
    this.maxItems = opts.maxTraceItems ?? 10000;
    this.relevantPorts = opts.relevantPorts ?? RELEVANT_PORTS;
    this.evidenceLog = opts.evidenceLog;
  }

  /**
   * Observations and flows added from now on belong to capture session `session` (one trace, or a trace with
   * its own exports). Sessions are never joined to each other.
   */
  beginSession(session: string): void {
    this.session = session;
  }

  /** The TCP flows of the current session's packets (joined in finish()). */
  addFlows(flows: Iterable<TcpFlow>): void {
    for (const flow of flows) this.flowSessions.push({ session: this.session, flow });
  }

  private key(k: string | number): string {
    return sessionKey(this.session, k);
  }

  /** Feeds one observation, in time order. */
  add(o: Observation): void {
    if (this.finished) throw new Error('Correlator.add after finish');
    this.stats.observations++;
    this.stats.byKind[o.kind] = (this.stats.byKind[o.kind] ?? 0) + 1;
    if (o.kind === 'packet') {
      // Packets belong to the network layer; the flows it builds arrive through finish(). (Their source,
      // `packet #n`, names no provider: the WebIO/WinHttp counts below never see them.)
      this.stats.packets++;
      return;
    }
    if (WEBIO.test(o.ref.source)) {
      this.stats.webioEvents++;
      this.webioSessions.add(this.session);
    }
    else if (WINHTTP.test(o.ref.source)) this.stats.winhttpEvents++;
    switch (o.kind) {
      case 'credentials':
        return this.onCredentials(o);
      case 'socket_connect':
        return this.onSocketConnect(o);
      case 'socket_closed':
        return this.onSocketClosed(o);
      case 'security_context':
        return this.onSecurityContext(o);
      case 'cert_validation':
        return this.onCertValidation(o);
      case 'request':
        return this.onRequest(o);
      case 'winhttp_error':
        return this.onWinHttpError(o);
      case 'tls_version_mismatch':
        return this.onVersionMismatch(o);
      case 'proxy':
        this.keep(this.facts.proxyEvents, o);
        return;
      case 'winrm':
        return this.onWinRm(o);
      case 'dns':
        return this.onDns(o);
      case 'tcp':
        return this.onTcp(o);
      case 'process':
        this.facts.processes.set(this.key(o.processId), o.image);
        return;
      case 'schannel':
        this.keep(this.facts.schannelEvents, o);
        return;
      case 'capture_filter':
        this.keep(this.facts.captureFilters, o);
        return;
      case 'tls_bytes':
        return this.onTlsBytes(o);
      default:
        return assertNever(o, 'observation kind');
    }
  }

  /** Joins the TCP flows (`flows`: the current session's), resolves per-process errors and names, decides outcomes. Call once. */
  finish(flows: Iterable<TcpFlow> = []): CorrelationResult {
    if (this.finished) throw new Error('Correlator.finish called twice');
    this.addFlows(flows);
    this.finished = true;
    this.joinFlows();
    // After the flows: packets are the primary source, WebIO's handshake bytes fill what they lack.
    this.handshakes.apply(this.naming, this.maxEvidence);
    this.joinTcpSightings();
    this.joinTcpFailures();
    this.nameServers();
    this.addDnsFailures();
    this.resolvePending();
    this.joinSchannel();
    for (const c of this.conns) {
      if (c.pid !== undefined && !c.process) c.process = this.facts.processes.get(sessionKey(c.input ?? '', c.pid));
      if (c.pid !== undefined && c.pidSource === undefined) c.pidSource = 'events';
      c.clientStack = clientStack(c, this.webioSessions.has(c.input ?? ''));
      c.outcome = decideOutcome(c);
      c.destinationClass = classifyDestination(c.serverName, c.remoteIp);
      sortEvidence(c);
    }
    this.conns.sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id - b.id));
    this.conns.forEach((c, i) => (c.id = i + 1));
    return { connections: this.conns, facts: this.facts, stats: this.stats };
  }

  // ---- WebIO: the connection pointer is the key ----

  private newConnection(time: bigint, pid: number | undefined, session = this.session): Connection {
    const c: Connection = {
      id: this.conns.length + 1,
      ...(session ? { input: session } : {}),
      pid,
      firstSeen: time,
      lastSeen: time,
      webioConnections: NONE,
      clientOfferedVersions: NONE,
      clientCipherSuites: NONE,
      established: false,
      winhttpErrors: NONE,
      securityStatus: NONE,
      certErrors: NONE,
      outcome: 'unknown',
      evidence: this.evidenceLog?.list() ?? evidenceList(),
      findingCodes: [],
    };
    this.conns.push(c);
    if (pid !== undefined) {
      const app = this.pendingApp.get(sessionKey(session, pid));
      if (app && time - app.time <= this.attachWindow) {
        c.appSecureProtocols = app.mask;
        setKey(c, 'app_protocols', app.ref);
        addEvidence(c, app.ref, this.maxEvidence);
      }
    }
    return c;
  }

  /**
   * The connection a WebIO pointer stands for now. `startsAttempt` says whether this event begins a new
   * attempt when the pointer's current one is over (closed, or already connected to an address).
   */
  private forPointer(o: { pid: number; time: bigint; connection: string }, startsAttempt: (l: Live) => boolean): Connection {
    const key = this.key(`${o.pid}|${o.connection.toLowerCase()}`);
    const l = this.live.get(key);
    if (l && !startsAttempt(l) && !(l.closed && o.time - l.conn.lastSeen > this.attachWindow)) return l.conn;
    const c = this.newConnection(o.time, o.pid);
    c.webioConnections = [o.connection];
    // A retry on the same pointer keeps what WinHTTP asked Schannel for.
    if (l && !l.closed && l.conn.winhttpEnabledProtocols !== undefined) c.winhttpEnabledProtocols = l.conn.winhttpEnabledProtocols;
    if (l && l.conn.appSecureProtocols !== undefined && c.appSecureProtocols === undefined) c.appSecureProtocols = l.conn.appSecureProtocols;
    this.live.set(key, { conn: c, closed: false, hasAddress: false });
    return c;
  }

  private liveOf(o: { pid: number; connection: string }): Live | undefined {
    return this.live.get(this.key(`${o.pid}|${o.connection.toLowerCase()}`));
  }

  private onCredentials(o: CredentialsAcquired): void {
    const c = this.forPointer(o, (l) => l.closed);
    c.winhttpEnabledProtocols = o.enabledProtocols;
    if (o.phase === 'error' && o.result !== undefined) c.securityStatus = [...c.securityStatus, o.result];
    setKey(c, 'credentials', o.ref, o.phase === 'error');
    addEvidence(c, o.ref, this.maxEvidence);
  }

  private onSocketConnect(o: SocketConnect): void {
    const c = this.forPointer(o, (l) => o.phase === 'start' && (l.closed || l.hasAddress));
    const l = this.liveOf(o)!;
    addEvidence(c, o.ref, this.maxEvidence);
    if (o.phase === 'start') {
      const ep = parseEndpoint(o.address);
      if (ep) {
        c.remoteIp = this.strings.string(ep.ip);
        c.remotePort = ep.port;
        l.hasAddress = true;
      }
      if (!this.connectTime.has(c)) this.connectTime.set(c, o.time);
      setKey(c, 'socket_connect', o.ref);
    } else if (o.phase === 'error') {
      c.connectError = o.error ?? c.connectError ?? 0;
      setKey(c, 'socket_error', o.ref);
      l.closed = true;
    }
  }

  private onSocketClosed(o: SocketClosed): void {
    const c = this.forPointer(o, () => false);
    c.closeReason = o.reason;
    if (o.reason === 3 && !c.resetBy) c.resetBy = 'server';
    if (o.reason === 2 && !c.resetBy) c.resetBy = 'client';
    setKey(c, 'socket_closed', o.ref);
    addEvidence(c, o.ref, this.maxEvidence);
    this.liveOf(o)!.closed = true;
  }

  private onSecurityContext(o: SecurityContext): void {
    const c = this.forPointer(o, () => false);
    addEvidence(c, o.ref, this.maxEvidence);
    if (o.hostName && (!c.serverName || c.serverNameSource !== 'sni')) {
      c.serverName = this.strings.string(o.hostName);
      c.serverNameSource = 'security_context';
    }
    if (o.phase === 'start') return;
    if (isSecurityFailure(o.result)) {
      if (!c.securityStatus.includes(o.result)) c.securityStatus = [...c.securityStatus, o.result];
      setKey(c, 'security_context_error', o.ref);
    } else if (o.result === 0) {
      // SEC_E_OK ends the InitializeSecurityContext loop: the handshake completed.
      c.established = true;
      setKey(c, 'established', o.ref);
    }
  }

  private onCertValidation(o: CertificateValidation): void {
    const apply = (c: Connection) => {
      addEvidence(c, o.ref, this.maxEvidence);
      const texts = certProblems(o);
      for (const t of texts) if (!c.certErrors.includes(t)) c.certErrors = [...c.certErrors, t];
      if (texts.length > 0) setKey(c, 'cert_error', o.ref);
    };
    if (o.connection) return apply(this.forPointer({ ...o, connection: o.connection }, () => false));
    this.defer(o.time, o.pid, o.host, apply, () => {
      // Certificate failures with no connection still matter: keep them with the unjoined errors.
      if (certProblems(o).length > 0) this.keep(this.facts.unattachedErrors, { ...o, kind: 'winhttp_error', api: 'certificate validation', code: o.error ?? 0 });
    });
  }

  private onRequest(o: RequestInfo): void {
    if (o.secureProtocols !== undefined) this.pendingApp.set(this.key(o.pid), { mask: o.secureProtocols, time: o.time, ref: o.ref });
    // WebIO 104 ties a request to its connection; later phase markers (2100+) name only the request.
    const key = this.key(`${o.pid}|${o.request.toLowerCase()}`);
    if (o.connection) {
      if (this.requestConn.size < this.maxItems * 4 || this.requestConn.has(key)) this.requestConn.set(key, o.connection);
      else this.stats.cut++;
    }
    const pointer = o.connection ?? this.requestConn.get(key);
    if (!pointer) return;
    const c = this.forPointer({ ...o, connection: pointer }, () => false);
    addEvidence(c, o.ref, this.maxEvidence);
    if (o.secureProtocols !== undefined) {
      c.appSecureProtocols = o.secureProtocols;
      setKey(c, 'app_protocols', o.ref, true);
    }
  }

  private onTlsBytes(o: TlsHandshakeBytes): void {
    this.handshakes.add(this.forPointer(o, () => false), o);
  }

  // ---- per-process events: joined in finish() ----

  private defer(time: bigint, pid: number, host: string | undefined, apply: (c: Connection) => void, orphan: () => void): void {
    if (this.pending.length >= this.maxItems * 4) {
      this.stats.cut++;
      return orphan();
    }
    this.pending.push({ session: this.session, time, pid, host, apply, orphan });
  }

  private onWinHttpError(o: WinHttpError): void {
    if (o.code === 12007) this.nameErrorsReported.add(this.session);
    // Thousands of these wait for finish(): each keeps its reference in the evidence log, not its text.
    const { ref, ...error } = o;
    const parked = this.park(ref);
    this.defer(
      o.time,
      o.pid,
      undefined,
      (c) => {
        const r = this.unpark(parked);
        if (!c.winhttpErrors.includes(error.code)) c.winhttpErrors = [...c.winhttpErrors, error.code];
        setKey(c, 'winhttp_error', r);
        addEvidence(c, r, this.maxEvidence);
      },
      () => this.keep(this.facts.unattachedErrors, { ...error, ref: this.unpark(parked) }),
    );
  }

  /** A reference kept until finish(): its entry in the evidence log when there is one, else itself. */
  private park(ref: EvidenceRef): number | EvidenceRef {
    return this.evidenceLog ? this.evidenceLog.add(ref) : ref;
  }

  private unpark(parked: number | EvidenceRef): EvidenceRef {
    return typeof parked === 'number' ? this.evidenceLog!.get(parked) : parked;
  }

  private onVersionMismatch(o: TlsVersionMismatch): void {
    if (o.processName) this.facts.processes.set(this.key(o.pid), o.processName);
    this.keep(this.facts.versionMismatches, o);
    this.defer(
      o.time,
      o.pid,
      o.host,
      (c) => {
        c.versionMismatchReported = true;
        if (o.host && !c.serverName) {
          c.serverName = o.host;
          c.serverNameSource = 'version_mismatch';
        }
        setKey(c, 'version_mismatch', o.ref);
        addEvidence(c, o.ref, this.maxEvidence);
      },
      () => undefined,
    );
  }

  private onWinRm(o: WinRmEvent): void {
    if (WINRM_NAME_ERROR_EVENTS.has(o.id)) this.nameErrorsReported.add(this.session);
    this.keep(this.facts.winrmEvents, o);
    this.defer(
      o.time,
      o.pid,
      o.host,
      (c) => {
        (c.winrmEvents ??= []).push({ id: o.id, text: o.text, errorCode: o.errorCode });
        if (o.host && !c.serverName) {
          c.serverName = o.host;
          c.serverNameSource = 'winrm';
        }
        if (WINRM_ERROR_EVENTS.has(o.id) || o.errorCode) setKey(c, 'winrm_error', o.ref);
        addEvidence(c, o.ref, this.maxEvidence);
      },
      () => undefined,
    );
  }

  // ---- DNS and TCP: names and owners of addresses ----

  private onDns(o: DnsQuery): void {
    const name = o.name.toLowerCase().replace(/\.$/, '');
    if (!name) return;
    const key = this.key(name);
    let s = this.facts.dns.get(key);
    if (!s) {
      if (this.facts.dns.size >= this.maxItems) {
        this.stats.cut++;
        return;
      }
      s = { name: o.name.replace(/\.$/, ''), session: this.session, resolved: false, addresses: [], firstQuery: o.time, evidence: [] };
      this.facts.dns.set(key, s);
    }
    // The DNS cache service logs lookups for others: ClientPID names the asking process.
    if (s.pid === undefined || o.origin === 'webio' || o.origin === 'winhttp' || o.clientPid !== undefined) s.pid = o.clientPid ?? o.pid;
    if (o.origin === 'webio' || o.origin === 'winhttp') s.askedByClient = true;
    if (o.phase === 'result') {
      const ok = (o.status ?? 0) === 0;
      if (ok && o.addresses.length > 0) {
        s.resolved = true;
        for (const a of o.addresses) {
          const ip = parseEndpoint(a)?.ip ?? a.toLowerCase();
          if (!s.addresses.includes(ip) && s.addresses.length < 32) s.addresses.push(ip);
          const owner = this.key(ip);
          if (this.byAddress.size < this.maxItems * 4 || this.byAddress.has(owner)) this.byAddress.set(owner, s.name);
          else this.stats.cut++;
        }
      } else if (!ok) {
        // The DNS client's own status is the most precise (9003 name error …); a WinHTTP/WebIO code (12007) the least.
        const rank = DNS_ORIGIN_RANK[o.origin];
        const held = s.failureOrigin ? DNS_ORIGIN_RANK[s.failureOrigin] : -1;
        if (rank > held) {
          s.failureStatus = o.status;
          s.failureOrigin = o.origin;
        }
      }
      // A few references per name are enough to quote; the facts themselves (status, addresses) are all kept.
      if (s.evidence.length < 4) s.evidence.push(o.ref);
    } else if (s.evidence.length < 4) {
      s.evidence.push(o.ref);
    }
  }

  private onTcp(o: TcpEvent): void {
    const remote = parseEndpoint(o.remote);
    if (!remote) return;
    const pid = o.owningPid ?? o.pid;
    const remoteKey = endpointKey(remote.ip, remote.port);
    const local = parseEndpoint(o.local);
    const localKey = local ? endpointKey(local.ip, local.port) : undefined;
    const session = this.session;
    // An abort (1039) ends connections that did connect; only a failed connect says TCP never came up.
    if (o.what === 'connect_failed') {
      if (this.tcpFailures.length < this.maxItems) this.tcpFailures.push({ session, time: o.time, pid, remote: remoteKey, local: localKey, status: o.status, ref: o.ref });
      else this.stats.cut++;
    }
    if (pid === 0 || pid === 4) return;
    if (localKey) {
      const tuple = this.key(`${localKey}|${remoteKey}`);
      if (this.tupleOwner.size < this.maxItems * 4 || this.tupleOwner.has(tuple)) this.tupleOwner.set(tuple, pid);
      else this.stats.cut++;
    }
    let list = this.sightings.get(this.key(remoteKey));
    if (!list) {
      if (this.sightings.size >= this.maxItems * 4) {
        this.stats.cut++;
        return;
      }
      list = [];
      this.sightings.set(this.key(remoteKey), list);
    }
    if (list.length >= 16) list.shift();
    list.push({ session, time: o.time, pid, local: localKey, remote: remoteKey });
  }

  // ---- finish() steps ----

  private joinFlows(): void {
    const candidates = new FlowCandidates();
    this.conns.forEach((c, index) => {
      if (!c.remoteIp || c.remotePort === undefined) return;
      candidates.add(sessionKey(c.input ?? '', endpointKey(c.remoteIp, c.remotePort)), c, index, this.connectTime.get(c) ?? c.firstSeen);
    });
    const sorted = this.flowSessions.sort((a, b) => (a.flow.firstSeen < b.flow.firstSeen ? -1 : a.flow.firstSeen > b.flow.firstSeen ? 1 : a.flow.id - b.flow.id));
    for (const { session, flow: f } of sorted) {
      this.stats.flows++;
      const best = candidates.take(sessionKey(session, endpointKey(f.server.ip, f.server.port)), f.client.port, f.firstSeen, this.flowJoinWindow);
      if (best) {
        applyFlow(best, f, this.naming);
        // Its references are on the connection's list now: the flow's own is let go (nothing adds to it any more).
        f.evidence = SEALED_EVIDENCE;
        this.stats.flowsJoined++;
        continue;
      }
      if (!f.tls && !this.relevantPorts.has(f.server.port)) {
        this.stats.flowsIgnored++;
        continue;
      }
      const c = this.newConnection(f.firstSeen, undefined, session);
      applyFlow(c, f, this.naming);
      f.evidence = SEALED_EVIDENCE;
      if (c.pid === undefined) {
        c.pid = this.ownerOf(session, f);
        if (c.pid !== undefined) c.pidSource = 'tcpip';
      }
    }
    this.flowSessions.length = 0;
  }

  private ownerOf(session: string, f: TcpFlow): number | undefined {
    const client = endpointKey(f.client.ip, f.client.port);
    const server = endpointKey(f.server.ip, f.server.port);
    const owner = this.tupleOwner.get(sessionKey(session, `${client}|${server}`));
    if (owner !== undefined) return owner;
    const near = this.nearestSighting(session, server, f.firstSeen, (s) => !s.local || s.local === client);
    return near?.pid;
  }

  private nearestSighting(session: string, remote: string, time: bigint, ok: (s: TcpSighting) => boolean): TcpSighting | undefined {
    let best: TcpSighting | undefined;
    let bestGap = 0n;
    for (const s of this.sightings.get(sessionKey(session, remote)) ?? []) {
      if (!ok(s)) continue;
      const gap = s.time > time ? s.time - time : time - s.time;
      if (gap > this.flowJoinWindow) continue;
      if (!best || gap < bestGap) {
        best = s;
        bestGap = gap;
      }
    }
    return best;
  }

  /** WebIO connections with no packets learn their local port from TCPIP/AFD events of the same process. */
  private joinTcpSightings(): void {
    for (const c of this.conns) {
      if (c.flow || !c.remoteIp || c.remotePort === undefined || c.localPort !== undefined) continue;
      const s = this.nearestSighting(c.input ?? '', endpointKey(c.remoteIp, c.remotePort), this.connectTime.get(c) ?? c.firstSeen, (x) => c.pid === undefined || x.pid === c.pid);
      const port = s?.local ? parseEndpoint(s.local)?.port : undefined;
      if (port !== undefined) c.localPort = port;
    }
  }

  private joinTcpFailures(): void {
    const byRemote = new Map<string, Connection[]>();
    for (const c of this.conns) {
      if (!c.remoteIp || c.remotePort === undefined) continue;
      const k = sessionKey(c.input ?? '', endpointKey(c.remoteIp, c.remotePort));
      const list = byRemote.get(k);
      if (list) list.push(c);
      else byRemote.set(k, [c]);
    }
    for (const f of this.tcpFailures) {
      let best: Connection | undefined;
      for (const c of byRemote.get(sessionKey(f.session, f.remote)) ?? []) {
        if (c.pid !== undefined && c.pid !== f.pid) continue;
        const t = this.connectTime.get(c) ?? c.firstSeen;
        if (f.time + this.flowJoinWindow < t || f.time - c.lastSeen > this.attachWindow) continue;
        if (!best || t > (this.connectTime.get(best) ?? best.firstSeen)) best = c;
      }
      const ep = parseEndpoint(f.remote)!;
      if (!best) {
        if (!this.relevantPorts.has(ep.port)) continue;
        best = this.newConnection(f.time, f.pid, f.session);
        best.remoteIp = ep.ip;
        best.remotePort = ep.port;
        if (f.local) best.localPort = parseEndpoint(f.local)?.port;
      }
      if (!best.established && best.connectError === undefined) best.connectError = f.status ?? 0;
      setKey(best, 'tcp_failure', f.ref);
      addEvidence(best, f.ref, this.maxEvidence);
    }
  }

  private nameServers(): void {
    for (const c of this.conns) {
      const session = c.input ?? '';
      if (!c.serverName && c.remoteIp) {
        const name = this.byAddress.get(sessionKey(session, c.remoteIp));
        if (name) {
          c.serverName = name;
          c.serverNameSource = 'dns';
        }
      }
      if (!c.serverName) continue;
      const s = this.facts.dns.get(sessionKey(session, c.serverName.toLowerCase()));
      if (s?.resolved) {
        const ref = s.evidence.find((r) => s.addresses.some((a) => r.text.includes(a))) ?? s.evidence[s.evidence.length - 1];
        if (ref) {
          setKey(c, 'dns_success', ref);
          addEvidence(c, ref, this.maxEvidence);
        }
      }
    }
  }

  /** A name that never resolved is a connection attempt that ended before TCP: report it as one. */
  private addDnsFailures(): void {
    const named = new Set(this.conns.filter((c) => c.serverName).map((c) => sessionKey(c.input ?? '', c.serverName!.toLowerCase())));
    for (const [key, s] of this.facts.dns) {
      const name = s.name.toLowerCase();
      if (s.resolved || s.failureStatus === undefined || named.has(key) || isIgnorableDnsName(name)) continue;
      if (!s.askedByClient && !this.nameErrorsReported.has(s.session) && !isRelevantName(name)) continue;
      const c = this.newConnection(s.firstQuery, s.pid, s.session);
      c.serverName = s.name;
      c.serverNameSource = 'dns_query';
      c.dnsStatus = s.failureStatus;
      for (const r of s.evidence) addEvidence(c, r, this.maxEvidence);
      const failRef = s.evidence[s.evidence.length - 1];
      if (failRef) setKey(c, 'dns_failure', failRef);
      for (const r of s.evidence) touch(c, r.time);
    }
  }

  private resolvePending(): void {
    const byPid = new Map<string, Connection[]>();
    const bySession = new Map<string, Connection[]>();
    const push = (m: Map<string, Connection[]>, k: string, c: Connection) => {
      const list = m.get(k);
      if (list) list.push(c);
      else m.set(k, [c]);
    };
    for (const c of this.conns) {
      push(bySession, c.input ?? '', c);
      if (c.pid !== undefined) push(byPid, sessionKey(c.input ?? '', c.pid), c);
    }
    const byStart = (a: Connection, b: Connection) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0);
    for (const list of byPid.values()) list.sort(byStart);
    for (const list of bySession.values()) list.sort(byStart);
    const oneSecond = TICKS_PER_SECOND;
    for (const p of this.pending) {
      const host = p.host?.toLowerCase();
      const sameHost = (c: Connection) => !host || !c.serverName || c.serverName.toLowerCase() === host;
      let best = this.latestBefore(byPid.get(sessionKey(p.session, p.pid)) ?? [], p.time + oneSecond, p.time - this.attachWindow, sameHost);
      if (!best && host) best = this.latestBefore(bySession.get(p.session) ?? [], p.time + oneSecond, p.time - this.attachWindow, (c) => c.serverName?.toLowerCase() === host);
      if (best) p.apply(best);
      else p.orphan();
    }
    this.pending.length = 0;
  }

  /**
   * The attempt that started last before `until` (and not before `from`) is the one a later report is about;
   * among the most recent few, a failing one beats a healthy one. `list` is sorted by firstSeen.
   */
  private latestBefore(list: Connection[], until: bigint, from: bigint, ok: (c: Connection) => boolean): Connection | undefined {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.firstSeen <= until) lo = mid + 1;
      else hi = mid;
    }
    let best: Connection | undefined;
    for (let i = lo - 1, seen = 0; i >= 0 && seen < 64; i--) {
      const c = list[i]!;
      if (c.firstSeen < from) break;
      if (!ok(c)) continue;
      seen++;
      if (!best || (best.established && !c.established)) best = c;
      if (!best.established) break;
    }
    return best;
  }

  /**
   * Schannel 36887 (alert received) / 36888 (alert sent) are logged by LSASS, not the client: they join the one
   * unfinished connection they can belong to — the one whose server is their target name, or the only
   * unfinished connection open at that moment. Ambiguous ones stay trace-level facts.
   */
  private joinSchannel(): void {
    const window = 2n * TICKS_PER_SECOND;
    for (const e of this.facts.schannelEvents) {
      if (e.alert === undefined || (e.id !== 36887 && e.id !== 36888)) continue;
      const target = e.targetName?.toLowerCase();
      const session = this.factSession.get(e) ?? '';
      const open = this.conns.filter((c) => (c.input ?? '') === session && !c.established && c.firstSeen <= e.time && e.time <= c.lastSeen + window);
      const named = target ? open.filter((c) => c.serverName?.toLowerCase() === target) : [];
      const c = named.length === 1 ? named[0] : open.length === 1 ? open[0] : undefined;
      if (!c) continue;
      addEvidence(c, e.ref, this.maxEvidence);
      if (c.alert === undefined) {
        c.alertDescription = e.alert;
        c.alertLevel = 2;
        c.alertFrom = e.id === 36887 ? 'server' : 'client';
        c.alert = `fatal:${this.naming.alertDescriptionName(e.alert)}`;
        setKey(c, 'alert', e.ref);
      }
    }
  }

  private keep<T extends object>(list: T[], item: T): void {
    if (list.length < this.maxItems) {
      list.push(item);
      this.factSession.set(item, this.session);
    } else this.stats.cut++;
  }
}

function certProblems(o: CertificateValidation): string[] {
  const out: string[] = [];
  // SECURITY_CHANNEL_ERROR alone is the handshake failing, not the certificate.
  const flags = (o.errorFlags ?? 0) & 0x7fffffff;
  out.push(...certFlagNames(flags));
  if (o.texts) for (const t of o.texts) if (t.trim() && !/internal error in the SSL library/i.test(t)) out.push(t.trim());
  if (out.length === 0 && o.error && o.error !== 0) out.push(certValidationFailure(o.error, o.reason));
  return out;
}

const POWERSHELL = /^(powershell|powershell_ise|pwsh)(\.exe)?$/i;

function clientStack(c: Connection, webioActive: boolean): Connection['clientStack'] {
  if (c.webioConnections.length > 0 || c.winhttpEnabledProtocols !== undefined) return 'winhttp';
  // With WebIO tracing on, a PowerShell connection WebIO never saw was made by .NET (SslStream), not WinHTTP.
  if (webioActive && c.process && POWERSHELL.test(c.process.split(/[\\/]/).pop()!)) return 'dotnet';
  return 'unknown';
}
