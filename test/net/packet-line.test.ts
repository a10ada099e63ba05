// The packet evidence line: what the packet analysis writes is what the reports read back, a hostile DNS name
// cannot pass for our notation, and the English catalog says the line exactly as the notation writes it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dnsPacketText, parsePacketLine, splitEndpoint, tcpPacketText, type TcpNote } from '../../src/net/packet-line.js';
import { messages } from '../../src/common/i18n/catalog.js';
import { evidenceText, packetLineText } from '../../src/report/i18n/packet-text.js';
import { analyzeFiles } from '../../src/pipeline/index.js';
import { samplesDir, sharedEtlDir, hasShared } from '../helpers/paths.js';

const en = messages('en');
const ja = messages('ja');

test('a TCP line reads back into the facts it was written from', () => {
  const notes: TcpNote[] = ['retransmission', 'RST from server', 'ClientHello', 'Alert 2:40', 'Alert (encrypted)', 'established'];
  const text = tcpPacketText('server', '2001:db8::5', 443, '10.0.0.5', 50123, 'RST,ACK', 0, notes);
  assert.is(text, 'TCP [2001:db8::5]:443 → 10.0.0.5:50123 [RST,ACK] len 0 (server) — retransmission, RST from server, ClientHello, Alert 2:40, Alert (encrypted), established');
  assert.equal(parsePacketLine(text), { protocol: 'tcp', from: '[2001:db8::5]:443', to: '10.0.0.5:50123', flags: ['RST', 'ACK'], length: 0, side: 'server', notes });
  assert.equal(splitEndpoint('[2001:db8::5]:443'), { ip: '2001:db8::5', port: 443 });
  assert.equal(splitEndpoint('10.0.0.5:50123'), { ip: '10.0.0.5', port: 50123 });
  assert.equal(parsePacketLine(tcpPacketText('client', '10.0.0.5', 1, '10.0.0.6', 2, '', 5, [])), { protocol: 'tcp', from: '10.0.0.5:1', to: '10.0.0.6:2', flags: [], length: 5, side: 'client', notes: [] });
});

test('a DNS line reads back, whatever bytes the name holds', () => {
  const hostile = 'evil type 1 rcode 0 → 6.6.6.6 (truncated) x';
  for (const d of [
    { phase: 'query' as const, name: 'outlook.office365.com', type: 1, addresses: [], truncated: false },
    { phase: 'query' as const, name: hostile, type: 28, addresses: [], truncated: false },
    { phase: 'response' as const, name: 'login.microsoftonline.com', type: 1, rcode: 0, addresses: ['20.190.1.1', '20.190.1.2'], truncated: false },
    { phase: 'response' as const, name: hostile, type: 1, rcode: 3, addresses: [], truncated: true },
    { phase: 'response' as const, name: hostile, type: 28, rcode: 0, addresses: ['2001:db8::1'], truncated: false },
  ]) {
    assert.equal(parsePacketLine(dnsPacketText(d)), { protocol: 'dns', ...d }, d.name);
  }
});

test('texts that are not our notation are not read as packets', () => {
  for (const t of ['TCP reset sent by the server', 'TCP 1.2.3.4:1 → 5.6.7.8:2 [SYN] len 0 (client) — something else', 'TCP 1.2.3.4:1 → 5.6.7.8:2 [XYZ] len 0 (client)', 'DNS Server 10.0.0.1 for name x', 'ClientHello (record TLS 1.0 …)']) {
    assert.is(parsePacketLine(t), undefined, t);
  }
});

test('Japanese says every part of a packet line in Japanese, keeping protocol names, addresses and numbers', () => {
  const tcp = parsePacketLine(tcpPacketText('client', '10.0.0.5', 50123, '52.96.1.2', 443, 'SYN', 0, ['retransmission']))!;
  assert.is(packetLineText(ja, tcp), 'TCP 10.0.0.5:50123 → 52.96.1.2:443 [SYN] 長さ 0 (クライアント) — 再送');
  const rst = parsePacketLine(tcpPacketText('server', '52.96.1.2', 443, '10.0.0.5', 50123, 'RST,ACK', 0, ['RST from server', 'Alert 2:70']))!;
  assert.is(packetLineText(ja, rst), 'TCP 52.96.1.2:443 → 10.0.0.5:50123 [RST,ACK] 長さ 0 (サーバー) — サーバーからの RST、Alert 2:70');
  const dns = parsePacketLine(dnsPacketText({ phase: 'response', name: 'x.example', type: 1, rcode: 0, addresses: ['192.0.2.1'], truncated: true }))!;
  assert.is(packetLineText(ja, dns), 'DNS 応答 x.example タイプ 1 rcode 0 → 192.0.2.1 (切り詰め)');
  // An event's text with the same words is the trace's, not ours: it stays as it is.
  assert.is(evidenceText(ja, { source: 'Microsoft-Windows-WebIO/200', text: 'TCP 1.2.3.4:1 → 5.6.7.8:2 [SYN] len 0 (client)' }), 'TCP 1.2.3.4:1 → 5.6.7.8:2 [SYN] len 0 (client)');
});

const traces = [
  ...readdirSync(samplesDir).filter((n) => n.endsWith('.etl')).map((n) => join(samplesDir, n)),
  ...(hasShared ? readdirSync(sharedEtlDir).filter((n) => /^(pktmon_.*|attackhost_netsh_ndis_trace)\.etl$/.test(n)).map((n) => join(sharedEtlDir, n)) : []),
];

test('the English catalog says every packet line of the samples exactly as the notation writes it', async () => {
  let lines = 0;
  for (const path of traces) {
    const r = await analyzeFiles([path]);
    for (const c of r.connections) {
      for (const e of c.evidence) {
        if (!e.source.startsWith('packet #')) continue;
        const p = parsePacketLine(e.text);
        if (!p) continue;
        lines++;
        assert.is(packetLineText(en, p), e.text, `${path} ${e.source}`);
        assert.ok(!/ len \d| \((client|server)\)|retransmission|DNS (query|response)/.test(packetLineText(ja, p)), `${path} ${e.source}: ${packetLineText(ja, p)}`);
      }
    }
  }
  assert.ok(lines > 50, `${lines} packet lines compared`);
});

test.run();
