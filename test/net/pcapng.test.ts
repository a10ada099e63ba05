import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasShared, sharedEtlDir } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { NetworkAnalyzer } from '../../src/net/index.js';
import { openPacketTrace } from '../../src/providers/packets/trace.js';
import type { PacketCaptured } from '../../src/providers/observations.js';
import { PcapngWriter, exportPcapng } from '../../src/report/pcapng.js';
import { Conversation, certificate, certificateBody, clientHelloBody, concat, ethernet, frame, handshake, ipv4, ipv6, record, resetFrames, serverHelloBody, tcp, u8, udp, wifiData } from './build.js';
import { compareTls, hasTshark, tsharkFields } from './tshark.js';
import { skipped } from '../helpers/when.js';

const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-pcapng-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
test.before.each(() => resetFrames());

interface Block {
  type: number;
  body: DataView;
}
function blocks(file: string): Block[] {
  const b = readFileSync(file);
  const out: Block[] = [];
  for (let o = 0; o < b.length; ) {
    const type = b.readUInt32LE(o);
    const len = b.readUInt32LE(o + 4);
    assert.is(b.readUInt32LE(o + len - 4), len, 'trailing block length');
    out.push({ type, body: new DataView(b.buffer, b.byteOffset + o + 8, len - 12) });
    o += len;
  }
  return out;
}

/** A TLS 1.2 conversation with complete records, plus IPv6, VLAN and 802.11 frames. */
function syntheticFrames(): PacketCaptured[] {
  const c = new Conversation();
  const cert = certificate('example.com', 'Example CA', ['example.com']);
  const frames = [
    ...c.handshake(),
    c.packet('client', { ack: true, psh: true }, record(22, 0x0301, handshake(1, clientHelloBody({ legacyVersion: 0x0303, ciphers: [0xc02f, 0x009c], sni: 'example.com' })))),
    c.packet('server', { ack: true }, concat(record(22, 0x0303, handshake(2, serverHelloBody(0x0303, 0xc02f))), record(22, 0x0303, handshake(11, certificateBody([cert]))))),
    c.packet('client', { ack: true }, concat(record(20, 0x0303, u8(1)), record(22, 0x0303, new Uint8Array(40)))),
    c.packet('server', { ack: true }, record(21, 0x0303, u8(2, 70))),
  ];
  // TLS 1.3 with a HelloRetryRequest, the compatibility ChangeCipherSpec and a second ClientHello.
  const t = new Conversation({ ip: '10.0.0.3', port: 50123 });
  const hello13 = clientHelloBody({ legacyVersion: 0x0303, ciphers: [0x1301, 0x1302], versions: [0x0304, 0x0303], groups: [29, 23], sni: 'example.com' });
  frames.push(
    ...t.handshake(),
    t.packet('client', { ack: true, psh: true }, record(22, 0x0301, handshake(1, hello13))),
    t.packet('server', { ack: true }, concat(record(22, 0x0303, handshake(2, serverHelloBody(0x0303, 0x1301, { selected: 0x0304, hrr: true }))), record(20, 0x0303, u8(1)))),
    t.packet('client', { ack: true }, concat(record(20, 0x0303, u8(1)), record(22, 0x0303, handshake(1, hello13)))),
    t.packet('server', { ack: true }, concat(record(22, 0x0303, handshake(2, serverHelloBody(0x0303, 0x1301, { selected: 0x0304 }))), record(23, 0x0303, new Uint8Array(80)))),
    t.packet('client', { ack: true }, record(23, 0x0303, new Uint8Array(53))),
    t.packet('client', { ack: true }, record(21, 0x0303, new Uint8Array(19))),
  );
  frames.push(frame(ethernet(0x86dd, ipv6('2001:db8::1', '2001:db8::2', 6, tcp(5000, 443, 1, 0, { syn: true })))));
  frames.push(frame(ethernet(0x0800, ipv4('10.9.9.1', '10.9.9.2', 17, udp(1000, 2000, new Uint8Array(4))), [77])));
  frames.push(frame(wifiData(0x0800, ipv4('192.168.1.2', '239.255.255.250', 17, udp(60000, 1900, new Uint8Array(8)))), { link: 'ieee802_11', iface: 2, ifaceName: 'wifi:2' }));
  return frames;
}

test('pcapng structure: section header, one interface per capture interface, packets with options', () => {
  const out = join(dir, 'synthetic.pcapng');
  const w = new PcapngWriter(out);
  const frames = syntheticFrames();
  frames[3] = { ...frames[3]!, direction: 'out', pid: 1234, tid: 5678, packetId: 99n };
  for (const p of frames) w.write(p);
  const r = w.close();
  assert.is(r.frames, frames.length);
  assert.equal(r.interfaces.map((i) => [i.link, i.name]), [['ethernet', 'if:1'], ['ieee802_11', 'wifi:2']]);
  const bs = blocks(out);
  assert.is(bs[0]!.type, 0x0a0d0d0a);
  assert.is(bs[0]!.body.getUint32(0, true), 0x1a2b3c4d);
  const idbs = bs.filter((b) => b.type === 1);
  assert.equal(idbs.map((b) => b.body.getUint16(0, true)), [1, 105]);
  const epbs = bs.filter((b) => b.type === 6);
  assert.is(epbs.length, frames.length);
  const e = epbs[3]!.body;
  assert.is(e.getUint32(12, true), frames[3]!.data.length);
  assert.is(e.getUint32(16, true), frames[3]!.originalLength);
  const text = Buffer.from(e.buffer, e.byteOffset, e.byteLength).toString('latin1');
  assert.match(text, /PID=1234 TID=5678/);
});

test('an existing output is kept unless forced; a failed write leaves nothing behind', () => {
  const out = join(dir, 'exists.pcapng');
  writeFileSync(out, 'keep me');
  assert.throws(() => new PcapngWriter(out), (e: Error & { exitCode?: number }) => e.exitCode === 74);
  assert.is(readFileSync(out, 'utf8'), 'keep me');
  const w = new PcapngWriter(out, { force: true });
  w.write(frame(u8(1, 2, 3)));
  w.abort();
  assert.is(readFileSync(out, 'utf8'), 'keep me');
  assert.throws(
    () => exportPcapng({ packets: () => [], components: () => new Map() }, join(dir, 'none.pcapng')),
    (e: Error & { exitCode?: number }) => e.exitCode === 65 && /no packet capture in this trace/.test(e.message),
  );
  assert.is(existsSync(join(dir, 'none.pcapng')), false);
});

if (hasTshark) {
  test('tshark reads the synthetic export; its TLS fields per frame agree with ours', () => {
    const out = join(dir, 'interop.pcapng');
    const frames = syntheticFrames();
    const w = new PcapngWriter(out);
    const a = new NetworkAnalyzer();
    for (const p of frames) {
      w.write(p);
      a.addPacket(p);
    }
    w.close();
    a.flows();
    const t = tsharkFields(out);
    assert.is(t.status, 0, t.stderr);
    assert.is(t.stderr, '');
    assert.is(t.frames.length, frames.length);
    const cmp = compareTls(a.tlsRecordNotes(), t.frames, { repeated: new Set(), window: 65536 });
    assert.equal(cmp.problems, []);
    assert.is(cmp.compared >= 6, true);
    assert.equal(t.frames[3]!.handshakeTypes, [1]);
    assert.equal(t.frames[4]!.handshakeTypes, [2, 11]);
    const tls13 = a.flows().find((f) => f.client.port === 50123)!.tls!;
    assert.equal([tls13.serverHello!.selectedVersion, tls13.serverHello!.helloRetryRequest, tls13.established], [0x0304, true, true]);
    assert.equal(tls13.alerts.map((x) => x.encrypted), [true]);
  });
} else {
  skipped('tshark reads the synthetic export', 'tshark is not on PATH; .ci/run installs it');
}

if (hasShared) {
  test('CLI: pcapng refuses to overwrite (74), --force replaces, no packets exits 65 with the capture hint', () => {
    const src = join(sharedEtlDir, 'attackhost_netsh_ndis_trace.etl');
    const out = join(dir, 'cli.pcapng');
    writeFileSync(out, 'old');
    let r = runCli(['pcapng', src, '-o', out]);
    assert.is(r.status, 74, r.stderr);
    assert.match(r.stderr, /--force/);
    r = runCli(['pcapng', src, '-o', out, '--force']);
    assert.is(r.status, 0, r.stderr);
    assert.is(blocks(out).filter((b) => b.type === 6).length, 1);
    const none = join(dir, 'none-cli.pcapng');
    r = runCli(['pcapng', join(sharedEtlDir, 'pktmon_dolphin2410_gdn.etl'), '-o', none]);
    assert.is(r.status, 65);
    assert.ok(r.stderr.includes('no packet capture in this trace (capture with `netsh trace start scenario=InternetClient capture=yes maxsize=1024 tracefile=C:\\temp\\NetTrace.etl` or `pktmon start --capture --pkt-size 0`)'), r.stderr);
    assert.is(existsSync(none), false);
  });

  test('CLI: flows as CSV and JSON lines', () => {
    const src = join(sharedEtlDir, 'pktmon_nathaniel_vpn_7119f51.etl');
    const csv = runCli(['flows', src, '--format', 'csv']);
    assert.is(csv.status, 0, csv.stderr);
    const lines = csv.stdout.trim().split(/\r?\n/);
    assert.is(
      lines[0],
      'first_seen,client_ip,client_port,server_ip,server_port,packets,packet_appearances,retransmissions,bytes,local_side,role_basis,syn,rst_by,fin_by,server_name,client_record_version,client_offered_versions,client_ciphers,server_selected_version,cipher,alert,established,application_data_by,reset_after_data,truncated',
    );
    const row = lines.find((l) => l.includes(',60624,'))!;
    assert.match(row, /,TLS 1\.2,unknown \(legacy_version TLS 1\.2\),TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;/);
    const jsonl = runCli(['flows', src, '--format', 'jsonl']);
    const rows = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.is(rows.length, lines.length - 1);
    assert.is(rows.find((x) => x.client_port === 60624).client_ciphers.length, 14);
  });

  if (hasTshark) {
    for (const name of ['pktmon_nathaniel_vpn_7119f51.etl', 'attackhost_netsh_ndis_trace.etl']) {
      test(`tshark reads the export of ${name}: same frame count, TLS per frame agrees`, () => {
        const out = join(dir, `${name}.pcapng`);
        const trace = openPacketTrace(join(sharedEtlDir, name));
        const analyzer = new NetworkAnalyzer();
        const repeated = new Set<number>();
        let count = 0;
        try {
          exportPcapng({ packets: () => trace.packets(), components: () => trace.extractor.components }, out);
          for (const p of trace.packets()) {
            count++;
            if (p.duplicateOf !== undefined) repeated.add(p.number);
            analyzer.addPacket(p);
          }
        } finally {
          trace.close();
        }
        analyzer.flows();
        const t = tsharkFields(out);
        assert.is(t.status, 0, t.stderr);
        assert.is(t.stderr, '');
        assert.is(t.frames.length, count);
        const cmp = compareTls(analyzer.tlsRecordNotes(), t.frames, { repeated, window: 65536 });
        assert.equal(cmp.problems, []);
      });
    }
  } else {
    skipped('tshark reads the exports of the real captures', 'tshark is not on PATH; .ci/run installs it');
  }
} else {
  skipped('CLI pcapng and flows on the real captures', '../shared is absent');
}

test.run();
