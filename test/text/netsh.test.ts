// netsh trace convert TXT (both timestamp styles) and pktmon text, read back into manifest-named fields.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filetimeToIso } from '../../src/common/time.js';
import { byId, fixture, readAll } from './fixtures.js';
import { openInput } from '../../src/ingest/index.js';
import { matchMessage, templatesOf } from '../../src/text/netsh/templates.js';
import { parseProtocolMask } from '../../src/text/protocol-mask.js';

const WEBIO = 'Microsoft-Windows-WebIO';

test('older netsh style: MM/DD/YY-hh:mm:ss.mmm, decimal EnabledProtocols, prefix fields', () => {
  const { input, events } = readAll(fixture('netsh-win7-winrm-tls.txt'));
  assert.is(input.format, 'netsh_txt');
  const ach = byId(events, WEBIO, 728)[0]!;
  assert.is(filetimeToIso(ach.time), '2023-11-02T09:15:01.1010000Z'.replace('1010000', '1620000'));
  assert.is(ach.cpu, 0);
  assert.is(ach.pid, 0x0a1c);
  assert.is(ach.tid, 0x0b2c);
  assert.is(ach.providerGuid, '50b3e73c-9370-461d-bb9f-26f32d68887d');
  assert.is(ach.headerKind, 'text');
  assert.is(ach.decodedBy, 'text');
  assert.is(ach.source.line, 6);
  assert.is(ach.fields.EnabledProtocols, 160);
  assert.is(ach.fields.Connection, '0x1F4A8B0');
  assert.match(ach.message ?? '', /^0x1F4A8B0: SSL AcquireCredentialsHandle/);
  assert.equal(input.meta.startTime !== undefined && filetimeToIso(input.meta.startTime), '2023-11-02T09:15:01.1010000Z');
});

test('fields of TCPIP, DNS-Client, WebIO, WinHttp and WinRM lines', () => {
  const { events } = readAll(fixture('netsh-win7-winrm-tls.txt'));
  const dns = byId(events, 'Microsoft-Windows-DNS-Client', 3008)[0]!;
  assert.is(dns.fields.QueryName, 'outlook.office365.com');
  assert.is(dns.fields.QueryStatus, 0);
  const tcp = byId(events, 'Microsoft-Windows-TCPIP', 1033)[0]!;
  assert.is(tcp.fields.LocalAddress, '10.1.2.3:49832');
  assert.is(tcp.fields.RemoteAddress, '52.97.146.162:443');
  assert.is(tcp.fields.Tcb, '0xFFFFFA8003C1D010');
  assert.is(tcp.fields.ProcessId, 2588);
  assert.is(byId(events, 'Microsoft-Windows-TCPIP', 1039).length, 1);
  const close = byId(events, WEBIO, 204)[0]!;
  assert.is(close.fields.Reason, 3);
  assert.is(close.fields.Result, 10054);
  const api = byId(events, 'Microsoft-Windows-WinHttp', 14)[0]!;
  assert.is(api.fields.Api, 'WinHttpSendRequest');
  assert.is(api.fields.Result, 12175);
  const op = byId(events, 'Microsoft-Windows-WinRM', 142)[0]!;
  assert.is(op.fields.operationName, 'Create');
  assert.is(op.fields.errorCode, 2150859046);
});

test('continuation lines join the previous event (WinRM 172 list of errors)', () => {
  const { events } = readAll(fixture('netsh-win7-winrm-tls.txt'));
  const cert = byId(events, 'Microsoft-Windows-WinRM', 172)[0]!;
  assert.is(cert.source.line, 11);
  assert.is(cert.fields.machineName, 'outlook.office365.com');
  assert.is(cert.fields.port, '443');
  assert.is(cert.fields.error1, 'Encountered an internal error in the SSL library.');
  assert.is(cert.fields.error2, undefined);
  assert.match(cert.message ?? '', /\nEncountered an internal error/);
  // The line after the continuation is a new event.
  assert.is(events[events.indexOf(cert) + 1]!.id, 142);
});

test('[Unknown] and []*** lines are kept as provider Unknown and counted', () => {
  const { input, events } = readAll(fixture('netsh-win7-winrm-tls.txt'));
  const unknown = events.filter((e) => e.provider === 'Unknown');
  assert.is(unknown.length, 2);
  assert.is(input.meta.textStats?.unknownEvents, 2);
  assert.match(String(unknown[0]!.fields.Text), /No Format Information/);
  assert.is(events.length, 14);
});

test('current netsh style: YYYY/MM/DD-hh:mm:ss.fffffffff, hex and flag-name EnabledProtocols', () => {
  const { input, events } = readAll(fixture('netsh-win10-enabledprotocols.txt'));
  const [start] = byId(events, WEBIO, 728);
  assert.is(filetimeToIso(start!.time), '2024-06-11T08:02:10.1234567Z');
  assert.is(start!.version, 1);
  assert.is(start!.fields.EnabledProtocols, 0xa80);
  assert.is(start!.fields.CipherConfig, 0);
  assert.is(byId(events, WEBIO, 729)[0]!.fields.EnabledProtocols, 0xa80, 'SP_PROT_TLS1_2_CLIENT|SP_PROT_TLS1_1_CLIENT|SP_PROT_TLS1_CLIENT');
  const failed = byId(events, WEBIO, 730)[0]!;
  assert.is(failed.fields.EnabledProtocols, 0x2000);
  assert.is(failed.fields.Result, 2148074248);
  assert.is(byId(events, WEBIO, 202)[0]!.fields.Error, 12029);
  assert.is(byId(events, 'Microsoft-Windows-TCPIP', 1034)[0]!.fields.Status, 3221225987);
  assert.is(byId(events, 'Microsoft-Windows-WinHttp', 11)[0]!.fields.Result, 12029);
  assert.is(byId(events, 'Microsoft-Windows-DNS-Client', 3008)[0]!.fields.QueryStatus, 9003);
  // The console output of `netsh trace convert` before the dump is reported, not mistaken for events.
  assert.is(input.meta.textStats?.skippedLines, 5);
  assert.is(input.issues.length, 1);
  assert.match(input.issues[0]!.message, /Input file:/);
});

test('events() can be iterated again: a second pass gives the same events and the same issues', () => {
  const input = openInput(fixture('netsh-win10-enabledprotocols.txt'));
  const first = [...input.events()].map((e) => `${e.id}@${e.time}`);
  const second = [...input.events()].map((e) => `${e.id}@${e.time}`);
  input.close();
  assert.equal(second, first);
  assert.is(input.issues.length, 1);
});

test('pktmon text: flow and drop events with the decoded packet line parsed', () => {
  const { input, events } = readAll(fixture('pktmon-format-tcp.txt'));
  assert.is(input.format, 'pktmon_txt');
  assert.is(events.length, 3);
  const [syn, rst, drop] = events;
  assert.is(syn!.provider, 'Microsoft-Windows-PktMon');
  assert.is(syn!.id, 160);
  assert.is(syn!.fields.DirTag, 4, 'Tx, as the PktMon value map numbers it');
  assert.is(syn!.fields.PacketType, 1, 'Ethernet');
  assert.is(syn!.fields.SourceAddress, '192.168.1.20');
  assert.is(syn!.fields.DestinationPort, 443);
  assert.is(syn!.fields.TcpFlags, 'S');
  assert.is(rst!.fields.TcpFlags, 'R.');
  assert.is(rst!.fields.Ack, 3120021765);
  assert.is(drop!.id, 170);
  assert.is(drop!.fields.PacketType, 3, 'IP');
  assert.is(drop!.fields.DirTag, 3, 'Rx');
  assert.is(drop!.fields.DropReason, 'INET: transport endpoint was not found');
  assert.is(drop!.fields.DropLocation, 0xe000460a);
  assert.is(drop!.fields.Protocol, 'UDP');
  assert.is(drop!.fields.SourcePort, 53);
  assert.is(filetimeToIso(drop!.time), '2024-06-11T08:02:10.1310000Z');
});

test('pktmon format -x: the hex dump under each packet becomes its Payload bytes', () => {
  const { events } = readAll(fixture('pktmon-format-hex.txt'));
  assert.is(events.length, 2);
  const syn = events[0]!.fields.Payload as Uint8Array;
  assert.instance(syn, Uint8Array);
  assert.is(syn.length, 54);
  assert.equal([...syn.subarray(12, 15)], [0x08, 0x00, 0x45], 'EtherType IPv4, IP version 4');
  assert.is(syn[47], 0x02, 'TCP flags SYN');
  assert.is(events[0]!.fields.LoggedPayloadSize, 54);
  assert.is(events[1]!.fields.TcpFlags, 'R.');
  assert.is((events[1]!.fields.Payload as Uint8Array)[47], 0x14, 'RST+ACK');
});

test('EnabledProtocols renderings: decimal, hex, padded hex, flag names in any separator', () => {
  assert.is(parseProtocolMask('160'), 0xa0);
  assert.is(parseProtocolMask('0xA80'), 0xa80);
  assert.is(parseProtocolMask('0x00000A80'), 0xa80);
  assert.is(parseProtocolMask('SP_PROT_TLS1_2_CLIENT|SP_PROT_TLS1_CLIENT'), 0x880);
  assert.is(parseProtocolMask('TLS1_2_CLIENT, TLS1_1_CLIENT'), 0xa00);
  assert.is(parseProtocolMask('SP_PROT_SSL3_CLIENT SP_PROT_TLS1_0_CLIENT'), 0xa0);
  assert.is(parseProtocolMask('WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2 | WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_1'), 0xa00);
  assert.is(parseProtocolMask('2688 (SP_PROT_TLS1_2_CLIENT)'), 2688);
  assert.is(parseProtocolMask('not a mask'), undefined);
});

/** Renders a template the way TDH would, with a recognisable value per in-type. */
function render(template: string, types: string[]): { text: string; values: Map<number, string> } {
  const values = new Map<number, string>();
  const text = template.replace(/%(\d+)(?:![^!]*!)?|%n|%t|%%/g, (m, n?: string) => {
    if (n === undefined) return m === '%n' ? '\n' : m === '%t' ? '\t' : '%';
    const i = Number(n);
    const type = types[i - 1] ?? 'UnicodeString';
    const v =
      type === 'Pointer' ? `0x1A2B${i}C` : /Int|Boolean/.test(type) ? String(1000 + i) : type === 'Binary' ? `10.0.0.${i}:44${i}` : `value${i}`;
    values.set(i, v);
    return v;
  });
  return { text, values };
}

const KEY_EVENTS: [string, number[]][] = [
  [WEBIO, [15, 200, 201, 202, 204, 205, 206, 207, 700, 703, 713, 728, 729, 730]],
  ['Microsoft-Windows-TCPIP', [1002, 1033, 1034, 1039, 1043, 1044, 1045]],
  ['Microsoft-Windows-DNS-Client', [3006, 3008, 3009, 3010, 3011, 3020]],
  ['Microsoft-Windows-WinHttp', [9, 10, 11, 12, 13, 14, 801, 802, 803, 804, 806, 809, 810, 811, 812, 813, 814, 815, 1053]],
  ['Microsoft-Windows-NDIS-PacketCapture', [1001, 1003]],
  ['Microsoft-Windows-PktMon', [160, 170]],
  ['Schannel', [36871, 36874, 36887, 36888]],
  ['Microsoft-Windows-WinRM', [137, 138, 139, 142, 162, 172]],
];

test('every key template reads its own rendering back: same event id, same values', () => {
  for (const [provider, ids] of KEY_EVENTS) {
    for (const id of ids) {
      const rows = templatesOf(provider).filter((t) => t.id === id);
      assert.ok(rows.length > 0, `${provider} ${id} has a template`);
      for (const t of rows) {
        const { text, values } = render(t.template, t.types);
        const m = matchMessage(provider, text);
        assert.ok(m, `${provider} ${id} v${t.version}: ${text}`);
        assert.is(m!.template.id, id, `${provider} ${id}: matched ${m!.template.id} for "${text}"`);
        // A run of adjacent text placeholders on one line (`%3 %4 … %10`) cannot be split: the first takes it all.
        const joined = new Map<number, string>();
        for (const run of t.groups) {
          if (run.length > 1 && run.some((n) => /String/.test(t.types[n - 1] ?? 'String'))) {
            joined.set(run[0]!, run.map((n) => values.get(n)).join(' '));
            for (const n of run.slice(1)) values.delete(n);
          }
        }
        for (const [n, v] of values) {
          // Builds differ in field names for the same text (ProcessStartKey / ProcessSequenceNumber): compare by
          // placeholder, under the names of the template that matched.
          const name = m!.template.names[n - 1];
          if (!name || t.types[n - 1] === 'Pointer') continue;
          assert.is(String(m!.fields[name]), joined.get(n) ?? v.trim(), `${provider} ${id} ${name}`);
        }
      }
    }
  }
});

test('NDIS packet fragment with a hex dump under it: the captured bytes become the Fragment field', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'td-ndis-'));
  try {
    const p = join(tmp, 'ndis.txt');
    writeFileSync(
      p,
      '[0]0000.0000::2024/06/11-08:02:10.125000000 [Microsoft-Windows-NDIS-PacketCapture]Packet Fragment (20 bytes), MiniportIfIndex 7, LowerIfIndex 7\n' +
        '0000:  45 00 00 14 1a 2b 40 00 80 06 00 00 c0 a8 01 14  E....+@.........\n' +
        '0010:  28 63 0a 02                                      (c..\n',
    );
    const { events } = readAll(p);
    const frag = events[0]!;
    assert.is(frag.id, 1001);
    assert.is(frag.fields.FragmentSize, 20);
    assert.is(frag.fields.MiniportIfIndex, 7);
    const bytes = frag.fields.Fragment as Uint8Array;
    assert.instance(bytes, Uint8Array);
    assert.is(bytes.length, 20);
    assert.equal([bytes[0], bytes[9], bytes[19]], [0x45, 0x06, 0x02]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test.run();
