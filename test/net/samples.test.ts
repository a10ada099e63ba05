// Real traces from ../shared/samples/etl (skipped cleanly when ../shared is absent).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { hasShared, sharedEtlDir } from '../helpers/paths.js';
import { NetworkAnalyzer, dissectFrame } from '../../src/net/index.js';
import { openPacketTrace } from '../../src/providers/packets/trace.js';
import type { DnsQuery, PacketCaptured } from '../../src/providers/observations.js';
import { flowRow } from '../../src/report/flows.js';
import { skipped } from '../helpers/when.js';

function analyse(name: string) {
  const trace = openPacketTrace(join(sharedEtlDir, name));
  try {
    const analyzer = new NetworkAnalyzer();
    const packets: PacketCaptured[] = [];
    const dns: DnsQuery[] = [];
    for (const p of trace.packets()) {
      packets.push(p);
      dns.push(...(analyzer.addPacket(p) as DnsQuery[]));
    }
    return { packets, analyzer, dns, flows: analyzer.flows(), issues: trace.issues() };
  } finally {
    trace.close();
  }
}

if (!hasShared) {
  skipped('real-sample packet tests', '../shared is absent');
} else {
  test('pktmon_nathaniel_vpn_7119f51.etl: 3646 packet events, 345 distinct packets', () => {
    const r = analyse('pktmon_nathaniel_vpn_7119f51.etl');
    assert.is(r.issues.length, 0);
    assert.is(r.packets.length, 3646);
    assert.is(r.packets.filter((p) => p.duplicateOf === undefined).length, 345);
    assert.is(r.analyzer.stats.duplicates, 3301);
    assert.ok(r.packets.every((p) => p.data.length <= 128), 'pktmon default 128-byte snap');
    assert.is(r.packets.filter((p) => p.link === 'ieee802_11').length + r.packets.filter((p) => p.link === 'ethernet').length, 3646);
  });

  test('pktmon_nathaniel_vpn_7119f51.etl: the port-443 flows and their truncated hellos', () => {
    const r = analyse('pktmon_nathaniel_vpn_7119f51.etl');
    const https = r.flows.filter((f) => f.server.port === 443);
    assert.equal(
      https.map((f) => `${f.client.ip}:${f.client.port}>${f.server.ip}`),
      [
        '192.168.0.111:58726>104.21.55.113',
        '192.168.0.111:58575>151.101.52.193',
        '192.168.0.111:58156>104.20.60.209',
        '192.168.0.111:53910>172.67.75.139',
        '192.168.0.111:51289>52.30.76.254',
        '192.168.0.111:60624>20.54.25.4',
      ],
    );
    const f = https.find((x) => x.client.port === 60624)!;
    assert.is(f.syn && f.synAck, true);
    assert.is(f.truncated, true);
    const ch = f.tls!.clientHello!;
    assert.equal([ch.recordVersion, ch.legacyVersion, ch.truncated], [0x0303, 0x0303, true]);
    // The 128-byte snap keeps 14 of the 19 offered suites (bytes checked in tshark's hex dump of frame 3411).
    assert.equal(ch.cipherSuites, [0xc02c, 0xc02b, 0xc030, 0xc02f, 0xc024, 0xc023, 0xc028, 0xc027, 0xc00a, 0xc009, 0xc014, 0xc013, 0x009d, 0x009c]);
    assert.is(ch.serverName, undefined);
    const sh = f.tls!.serverHello!;
    assert.equal([sh.legacyVersion, sh.cipherSuite, sh.truncated, sh.selectedVersionUncertain], [0x0303, undefined, true, true]);
    const row = flowRow(f);
    assert.is(row.server_selected_version, 'unknown (legacy_version TLS 1.2)');
    assert.is(row.client_record_version, 'TLS 1.2');
    assert.is(row.cipher, null);
    assert.is(row.truncated, true);
    // Both sides sent ChangeCipherSpec and application data after it (headers at segment starts).
    assert.is(f.tls!.serverChangeCipherSpec, true);
    assert.is(row.established, true);
    const keepalives = https.filter((x) => x.packets === 2 && x.bytes === 1);
    assert.is(keepalives.length, 3);
  });

  test('pktmon_nathaniel_vpn_7119f51.etl: DNS answers from the packets', () => {
    const r = analyse('pktmon_nathaniel_vpn_7119f51.etl');
    const fonts = r.dns.find((d) => d.phase === 'result' && d.name === 'fonts.googleapis.com');
    assert.ok(fonts);
    assert.equal(fonts!.addresses, ['172.217.174.234']);
  });

  test('pktmon files without packet events: Gobang and gdn yield no frames', () => {
    assert.is(analyse('pktmon_paul90317_Gobang.etl').packets.length, 0);
    assert.is(analyse('pktmon_dolphin2410_gdn.etl').packets.length, 0);
  });

  test('attackhost_netsh_ndis_trace.etl: one native 802.11 frame, SSDP to 239.255.255.250:1900', () => {
    const r = analyse('attackhost_netsh_ndis_trace.etl');
    assert.is(r.packets.length, 1);
    const p = r.packets[0]!;
    assert.equal([p.link, p.direction, p.data.length, p.iface, p.ifaceName], ['ieee802_11', 'out', 197, 8, 'wifi:8']);
    const d = dissectFrame(p);
    assert.equal([d.src, d.dst, d.udp?.dstPort], ['192.168.1.2', '239.255.255.250', 1900]);
    assert.match(new TextDecoder().decode(d.udp!.payload), /^M-SEARCH \* HTTP\/1\.1/);
    assert.is(r.flows.length, 0);
  });
}

test.run();
