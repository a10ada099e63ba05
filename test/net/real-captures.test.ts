// Every real packet capture in ../shared/samples/etl (pktmon_*, attackhost_netsh_ndis_trace): our per-flow facts
// against tshark's reading of our pcapng export (which keeps every appearance). Not registered, with the reason
// printed, when ../shared or tshark is missing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasShared, sharedEtlDir } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { hasTshark } from './tshark.js';
import { NetworkAnalyzer, type TcpFlow } from '../../src/net/index.js';
import { openPacketTrace } from '../../src/providers/packets/trace.js';
import { FAILED_OUTCOMES } from '../../src/correlate/index.js';
import { run } from '../correlate/fixtures.js';
import { skipped } from '../helpers/when.js';

interface Frame {
  frame: number;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  ipId: string;
  seq: number;
  ack: number;
  flags: number;
  len: number;
  window: string;
  contentTypes: number[];
  handshakeTypes: number[];
  /** The captured TCP payload bytes, hex. */
  payload: string;
}

const FIELDS = ['frame.number', 'ip.src', 'ipv6.src', 'tcp.srcport', 'ip.dst', 'ipv6.dst', 'tcp.dstport', 'ip.id', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.len', 'tcp.window_size_value', 'tls.record.content_type', 'tls.handshake.type', 'tcp.payload'];

function tsharkTcp(file: string): Frame[] {
  const r = spawnSync('tshark', ['-r', file, '-Y', 'tcp', '-T', 'fields', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.is(r.status, 0, r.stderr);
  const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean).map(Number) : []);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [n, s4, s6, sp, d4, d6, dp, id, seq, ack, flags, len, win, ct, hs, payload] = l.split('\t');
      return { frame: Number(n), src: s4 || s6!, srcPort: Number(sp), dst: d4 || d6!, dstPort: Number(dp), ipId: id ?? '', seq: Number(seq), ack: Number(ack), flags: parseInt(flags!, 16), len: Number(len), window: win ?? '', contentTypes: list(ct), handshakeTypes: list(hs), payload: (payload ?? '').replace(/:/g, '') };
    });
}

const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

/** What tshark's fields say about one flow, worked out without our code. */
interface Truth {
  appearances: number;
  distinct: number;
  retransmissions: number;
  client: string;
  server: string;
  resetBy: 'client' | 'server' | 'none';
  resetAfterData: boolean;
  appData: { client: boolean; server: boolean };
  clientHello: boolean;
  serverHello: boolean;
  failed: boolean;
}

function truthOf(frames: Frame[]): Truth {
  // Distinct packets: a packet's appearances share its IPv4 identification, sequence and acknowledgement numbers,
  // flags, length and window; any of them differing makes another packet (IPv6 has no identification: the
  // captures here are IPv4, and the byte-vector tests cover IPv6).
  const seen = new Set<string>();
  const distinct = frames.filter((f) => {
    const k = `${f.src}|${f.srcPort}|${f.ipId}|${f.seq}|${f.ack}|${f.flags}|${f.len}|${f.window}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // Client: the SYN's sender, the SYN-ACK's receiver; with neither in the capture the end with the service port
  // (443 here: tshark shows the ports, the rule that a service listens on the lower, well-known port is TCP's).
  const synFrame = distinct.find((f) => f.flags & SYN);
  const first = distinct[0]!;
  let client: string;
  if (synFrame) client = synFrame.flags & ACK ? `${synFrame.dst}|${synFrame.dstPort}` : `${synFrame.src}|${synFrame.srcPort}`;
  else client = first.srcPort > first.dstPort ? `${first.src}|${first.srcPort}` : `${first.dst}|${first.dstPort}`;
  const side = (f: Frame) => (`${f.src}|${f.srcPort}` === client ? 'client' : 'server');
  const server = `${first.src}|${first.srcPort}` === client ? `${first.dst}|${first.dstPort}` : `${first.src}|${first.srcPort}`;
  // Retransmission: a distinct packet whose sequence range (or SYN) repeats one its sender already sent.
  let retransmissions = 0;
  const sent: Record<string, Array<[number, number]>> = { client: [], server: [] };
  for (const f of distinct) {
    const span = f.len + (f.flags & SYN ? 1 : 0);
    if (span === 0) continue;
    const ranges = sent[side(f)]!;
    if (ranges.some(([a, b]) => f.seq < b && f.seq + span > a)) retransmissions++;
    ranges.push([f.seq, f.seq + span]);
  }
  const rst = distinct.find((f) => f.flags & RST);
  const before = rst ? distinct.filter((f) => f.frame < rst.frame) : [];
  const resetAfterData = !!rst && before.some((f) => side(f) === 'client' && f.len > 0) && before.some((f) => side(f) === 'server' && f.len > 0);
  const appData = { client: distinct.some((f) => side(f) === 'client' && f.contentTypes.includes(23)), server: distinct.some((f) => side(f) === 'server' && f.contentTypes.includes(23)) };
  // tshark does not dissect a handshake record the snap length cut (pktmon keeps 128 bytes), but it shows the
  // captured payload: a segment starting with a TLS handshake record header (16 03 0x) whose message type byte
  // (payload offset 5) is 1 or 2 starts a ClientHello or ServerHello.
  const startsHello = (f: Frame, type: number) => f.handshakeTypes.includes(type) || (/^16030[0-4]/.test(f.payload) && parseInt(f.payload.slice(10, 12), 16) === type);
  const clientHello = distinct.some((f) => side(f) === 'client' && startsHello(f, 1));
  const serverHello = distinct.some((f) => side(f) === 'server' && startsHello(f, 2));
  const synAck = distinct.some((f) => f.flags & SYN && f.flags & ACK);
  const alertBeforeData = distinct.some((f) => f.contentTypes.includes(21) && !distinct.some((g) => g.frame < f.frame && g.contentTypes.includes(23)));
  // A failure: SYN never answered or refused; a reset before both sides sent data; an alert or reset that ends a
  // handshake the capture shows before any application data.
  const failed =
    (!!synFrame && !(synFrame.flags & ACK) && !synAck) ||
    (!!rst && !resetAfterData && !!synFrame) ||
    (clientHello && !appData.server && (alertBeforeData || !!rst));
  return { appearances: frames.length, distinct: distinct.length, retransmissions, client, server, resetBy: rst ? side(rst) : 'none', resetAfterData, appData, clientHello, serverHello, failed };
}

function oursOf(path: string): { flows: TcpFlow[]; failedByFlow: Map<number, boolean> } {
  const trace = openPacketTrace(path);
  try {
    const net = new NetworkAnalyzer();
    for (const p of trace.packets()) net.addPacket(p);
    const flows = net.flows();
    const d = run([], flows);
    const failedByFlow = new Map(d.result.connections.filter((c) => c.flow).map((c) => [c.flow!.id, FAILED_OUTCOMES.has(c.outcome)]));
    return { flows, failedByFlow };
  } finally {
    trace.close();
  }
}

const captures = hasShared ? readdirSync(sharedEtlDir).filter((n) => /^(pktmon_.*|attackhost_netsh_ndis_trace)\.etl$/.test(n)) : [];

const flowCheck = 'every flow of the real captures agrees with tshark';
if (!hasShared) skipped(flowCheck, '../shared is absent');
else if (!hasTshark) skipped(flowCheck, 'tshark is not on PATH; .ci/run installs it');
else {
  const dir = mkdtempSync(join(tmpdir(), 'td-real-'));
  for (const name of captures) {
    test(`${name}: every flow's roles, distinct packets, appearances, retransmissions, resets, TLS facts and outcome agree with tshark`, () => {
      const src = join(sharedEtlDir, name);
      const out = join(dir, `${name}.pcapng`);
      const exported = runCli(['pcapng', src, '-o', out, '--force']);
      const ours = oursOf(src);
      if (exported.status === 65) {
        // No packet events at all (a pktmon session without --capture): there is nothing for tshark to read.
        assert.match(exported.stderr, /no packet capture/);
        assert.is(ours.flows.length, 0);
        return;
      }
      assert.is(exported.status, 0, exported.stderr);
      const byFlow = new Map<string, Frame[]>();
      for (const f of tsharkTcp(out)) {
        const a = `${f.src}|${f.srcPort}`;
        const b = `${f.dst}|${f.dstPort}`;
        const k = a < b ? `${a}~${b}` : `${b}~${a}`;
        byFlow.set(k, [...(byFlow.get(k) ?? []), f]);
      }
      assert.is(ours.flows.length, byFlow.size, 'one flow per 4-tuple');
      for (const f of ours.flows) {
        const a = `${f.client.ip}|${f.client.port}`;
        const b = `${f.server.ip}|${f.server.port}`;
        const frames = byFlow.get(a < b ? `${a}~${b}` : `${b}~${a}`);
        assert.ok(frames, `flow ${a} → ${b} is in tshark's view`);
        const t = truthOf(frames!);
        const what = `${name} flow ${a} → ${b}`;
        assert.equal([a, b], [t.client, t.server], `${what}: roles`);
        assert.is(f.localSide, 'client', `${what}: the capturing host is the client`);
        assert.is(f.packets, t.distinct, `${what}: distinct packets`);
        assert.is(f.packetAppearances, t.appearances, `${what}: appearances`);
        assert.is(f.retransmissions, t.retransmissions, `${what}: retransmissions`);
        assert.is(f.rstBy, t.resetBy, `${what}: who reset`);
        if (t.resetBy !== 'none') assert.is(f.sentBeforeReset!.client > 0 && f.sentBeforeReset!.server > 0, t.resetAfterData, `${what}: reset after data`);
        assert.equal(f.tls?.applicationData ?? { client: false, server: false }, t.appData, `${what}: application data`);
        assert.is(f.tls?.clientHello !== undefined, t.clientHello, `${what}: ClientHello`);
        assert.is(f.tls?.serverHello !== undefined, t.serverHello, `${what}: ServerHello`);
        assert.is(ours.failedByFlow.get(f.id) ?? false, t.failed, `${what}: failed or not`);
      }
    });
  }
  test.after(() => rmSync(dir, { recursive: true, force: true }));
}

test.run();
