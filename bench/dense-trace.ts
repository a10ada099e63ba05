// A connection-dense trace for the benchmark, shaped like a real InternetClient capture: tens of thousands of
// short HTTPS connections (telemetry, sign-in, mail, CDN) with small responses, DNS lookups, WebIO / WinHttp /
// TCPIP / Winsock-AFD events between them, about a quarter of them failing (reset after a legacy ClientHello,
// handshake alerts, certificate errors, names that do not resolve), and for one batch in sixteen
// of connections the packets logged pktmon-style: each packet once per component it crosses (3–10 PktMon 160
// appearances of one PktGroupId, 128-byte snap like pktmon's default). Written batch by batch (flat memory).
import { FileSink } from '../samples/generator/etl-writer.js';
import { benchMachine } from '../samples/generator/large.js';
import { OS } from '../samples/generator/os-profiles.js';
import type { CaptureInterface, Thread, TraceBuilder } from '../samples/generator/trace-builder.js';
import type { Frame } from '../samples/generator/net/tcp-conversation.js';
import type { FieldValues } from '../samples/generator/payload.js';
import { clientHost, DNSCACHE, exoChain, SYSTEM_DPC, type RemoteEndpoint } from '../samples/generator/scenarios/env.js';
import { netshTrace } from '../samples/generator/scenarios/netsh-session.js';
import { buildClientHello } from '../samples/generator/scenarios/hello.js';
import { httpsRequest, type ServerAnswer } from '../samples/generator/scenarios/https-request.js';
import { sockaddrIn } from '../samples/generator/scenarios/flows.js';
import { Suite } from '../samples/generator/net/tls.js';

export interface DenseTraceResult {
  bytes: number;
  records: number;
  connections: number;
  failing: number;
  pktmonPackets: number;
}

const SERVERS: RemoteEndpoint[] = [
  { host: 'outlook.office365.com', cnames: ['outlook.ha.office365.com'], addresses: ['52.97.146.210', '52.97.179.162'], url: 'https://outlook.office365.com/EWS/Exchange.asmx' },
  { host: 'login.microsoftonline.com', cnames: ['login.mso.msidentity.com'], addresses: ['20.190.159.2', '40.126.31.67'], url: 'https://login.microsoftonline.com/common/oauth2/token' },
  { host: 'v10.events.data.microsoft.com', cnames: ['global.asimov.events.data.trafficmanager.net'], addresses: ['13.69.239.72', '20.42.65.90'], url: 'https://v10.events.data.microsoft.com/OneCollector/1.0/' },
  { host: 'ctldl.windowsupdate.com', cnames: ['wu-bg-shim.trafficmanager.net'], addresses: ['93.184.221.240'], url: 'https://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab' },
  { host: 'api.interfaces.records.teams.microsoft.com', cnames: ['teams-records.trafficmanager.net'], addresses: ['52.113.194.132'], url: 'https://api.interfaces.records.teams.microsoft.com/' },
];

/** PktMon components a packet crosses on its way (NIC miniport, filters, protocol edges). */
const COMPONENTS = [12, 9, 7, 5, 4, 3, 2, 1, 30, 31];
/** pktmon's default --pkt-size. */
const PKTMON_SNAP = 128;

/** Logs frames as PktMon 160 appearances instead of NDIS 1001 while `on()` says so. */
function pktmonFrames(tb: TraceBuilder, on: () => boolean, counter: { packets: number }): void {
  const ndis = tb.frame.bind(tb);
  let group = 0x10000n;
  tb.frame = (us: number, f: Frame, nic: CaptureInterface, sender: Thread) => {
    if (!on()) return ndis(us, f, nic, sender);
    const thread = f.direction === 'send' ? sender : nic.receiveThread;
    const appearances = 3 + (Number(group % 8n) as number);
    group++;
    counter.packets++;
    const logged = f.bytes.subarray(0, Math.min(f.bytes.length, PKTMON_SNAP));
    for (let i = 0; i < appearances; i++) {
      const values: FieldValues = {
        PktGroupId: group,
        PktNumber: 1,
        AppearanceCount: i + 1,
        DirTag: f.direction === 'send' ? 2 : 1,
        PacketType: 1,
        ComponentId: COMPONENTS[f.direction === 'send' ? i : appearances - 1 - i]!,
        EdgeId: 1 + (i % 2),
        FilterId: 0,
        DropReason: 0,
        DropLocation: 0,
        OriginalPayloadSize: f.bytes.length,
        Payload: new Uint8Array(logged),
      };
      tb.event(us + i, thread, 'Microsoft-Windows-PktMon', 160, 0, values);
    }
  };
}

/** WinHttp API starts / successful completions (verbose level), WebIO request-state phases and header dumps. */
function verboseOnly(provider: string, id: number): boolean {
  if (provider === 'Microsoft-Windows-WinHttp') return id === 9 || id === 10 || id === 12 || id === 13;
  return provider === 'Microsoft-Windows-WebIO' && ((id >= 2100 && id <= 2141) || id === 100 || id === 101);
}

/**
 * The session's filter and Winsock-AFD: verbose-only events are left out (a capture at informational level,
 * as most are), and whenever WebIO starts a socket connect, AFD logs the socket's create and connect.
 */
function informationalWithAfd(tb: TraceBuilder): void {
  const event = tb.event.bind(tb);
  tb.event = (us, thread, provider, id, version, values, o) => {
    if (verboseOnly(provider, id)) return;
    event(us, thread, provider, id, version, values, o);
    if (provider !== 'Microsoft-Windows-WebIO' || id !== 200) return;
    const endpoint = 0xffffb00000000000n + BigInt(values.SocketHandle as bigint) * 0x100n;
    const [ip, port] = String(values.Address).split(':');
    event(us - 12, thread, 'Microsoft-Windows-Winsock-AFD', 1000, 0, {
      EnterExit: 1, Location: 0, Process: 0xffffa00000000000n + BigInt(thread.pid), Endpoint: endpoint,
      AddressFamily: 2, SocketType: 1, Protocol: 6, ProcessId: BigInt(thread.pid), Status: 0,
    });
    event(us + 8, thread, 'Microsoft-Windows-Winsock-AFD', 1018, 0, {
      EnterExit: 0, Location: 0, Process: 0xffffa00000000000n + BigInt(thread.pid), Endpoint: endpoint,
      Buffer: 0n, BufferLength: 0, Status: 0, Address: sockaddrIn(ip!, Number(port)),
    });
  };
}

/**
 * What the server does with connection `n`: a quarter fail, in four ways (no SYN timeouts: their 21 s would leave
 * the session's buffers part-full at every flush).
 */
function outcome(n: number, chain: Uint8Array[]): { answer: ServerAnswer; legacy: boolean; dnsFails: boolean } {
  const ok: ServerAnswer = { kind: 'handshake', chain, suite: Suite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, certOk: true };
  if (n % 4 !== 3) return { answer: ok, legacy: false, dnsFails: false };
  switch ((n >> 2) % 10) {
    case 0: case 1: case 2: case 3: return { answer: { kind: 'rst' }, legacy: true, dnsFails: false };
    case 4: case 5: return { answer: { kind: 'alert', description: 40, then: 'fin' }, legacy: false, dnsFails: false };
    case 6: case 7: return { answer: { ...ok, certOk: false }, legacy: false, dnsFails: false };
    default: return { answer: ok, legacy: false, dnsFails: true };
  }
}

/** Writes at least `targetBytes` of connection-dense trace to `path`. */
export async function writeDenseTrace(path: string, targetBytes: number, seed = 7): Promise<DenseTraceResult> {
  const os = OS.server2022;
  const cpus = 4;
  const tb = netshTrace(benchMachine(os, cpus), seed);
  let batch = 0;
  const counter = { packets: 0 };
  pktmonFrames(tb, () => batch % 16 === 1, counter);
  informationalWithAfd(tb);
  const sink = new FileSink(path);
  const w = tb.openWriter(sink);
  const chain = exoChain();
  const host = clientHost();
  let t = 500_000;
  let n = 0;
  let failing = 0;
  const BATCH = 16;
  while (w.stats.bytes < targetBytes) {
    let end = t;
    // A batch of overlapping connections (a few ms apart), written out together in time order.
    for (let k = 0; k < BATCH; k++, n++) {
      const server = SERVERS[n % SERVERS.length]!;
      const app: Thread = { pid: 2200 + (n % 7) * 4, tid: 3000 + (n % 13) * 4, cpu: 1 + (n % (cpus - 1)) };
      const worker: Thread = { pid: app.pid, tid: app.tid + 400, cpu: 1 + ((n + 1) % (cpus - 1)) };
      const o = outcome(n, chain);
      if (n % 4 === 3) failing++;
      const start = t + k * 1_500;
      const r = httpsRequest(tb, start, {
        os,
        host,
        app,
        worker,
        system: SYSTEM_DPC,
        dnscache: DNSCACHE,
        serverName: server.host,
        serverIp: server.addresses[n % server.addresses.length]!,
        url: `${server.url}?n=${n}`,
        method: n % 3 === 0 ? 'POST' : 'GET',
        enabledProtocols: o.legacy ? 0xa0 : 0xa80,
        cipherConfig: 0,
        hello: buildClientHello(o.legacy ? 'win8-tls10' : 'win10-tls12', server.host, tb.rng),
        answer: o.answer,
        dns: o.dnsFails
          ? { status: 9003, txid: n & 0xffff, port: 50000 + (n % 10000) }
          : n % 5 === 0
            ? { status: 0, cnames: server.cnames, addresses: server.addresses, txid: n & 0xffff, port: 50000 + (n % 10000) }
            : undefined,
        clientPort: 49152 + (n % 16000),
        rttUs: 8_000 + (n % 9) * 1_000,
        base: 0x0000020000000000n + BigInt(n) * 0x100000n,
        activityId: tb.rng.guid(),
        responseBytes: 40 + (n % 5) * 40,
      });
      end = Math.max(end, r.t);
    }
    const last = tb.emit(w);
    t = Math.max(end, last) + 1_000;
    batch++;
    if (batch % 8 === 0) await new Promise((res) => setImmediate(res));
  }
  w.close(w.qpcAt(t + 100_000));
  return { bytes: w.stats.bytes, records: w.stats.records, connections: n, failing, pktmonPackets: counter.packets };
}
