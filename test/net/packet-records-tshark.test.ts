// The `packet` facts of the analyze record (evidence lines of captured packets) against tshark's reading of the
// same frames in our pcapng export, on every real capture in ../shared and the scenario traces: addresses, ports, flags, payload length,
// the TLS messages and alerts a line names, and DNS questions and answers. Not registered, with the reason
// printed, when tshark is missing (without ../shared, on the scenario traces alone).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { hasShared, samplesDir, sharedEtlDir } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { hasTshark } from './tshark.js';
import { skipped } from '../helpers/when.js';

const FIELDS = [
  'frame.number', 'frame.len', 'frame.cap_len', 'ip.src', 'ipv6.src', 'ip.dst', 'ipv6.dst', 'tcp.srcport', 'tcp.dstport', 'tcp.flags', 'tcp.len',
  'tls.record.content_type', 'tls.handshake.type', 'tls.alert_message.level', 'tls.alert_message.desc',
  'dns.qry.name', 'dns.qry.type', 'dns.flags.response', 'dns.flags.rcode', 'dns.a', 'dns.aaaa',
];

type Row = Record<string, string>;

function tsharkRows(file: string): Map<number, Row> {
  const r = spawnSync('tshark', ['-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.is(r.status, 0, r.stderr);
  const rows = new Map<number, Row>();
  for (const line of r.stdout.split('\n')) {
    if (!line.trim()) continue;
    const cells = line.split('\t');
    const row: Row = {};
    FIELDS.forEach((f, i) => (row[f] = cells[i] ?? ''));
    rows.set(Number(row['frame.number']), row);
  }
  return rows;
}

const list = (s: string) => (s ? s.split(',') : []);
const FLAG_BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

interface PacketEvidence {
  source: string;
  text: string;
  packet?: Record<string, unknown> & { protocol: 'tcp' | 'dns' };
}

/** Whether TLS messages the line names were compared. */
function check(e: PacketEvidence, t: Row | undefined, where: string): boolean {
  assert.ok(t, `${where}: frame is in tshark's view`);
  const p = e.packet!;
  if (p.protocol === 'tcp') {
    assert.is(p.src, t!['ip.src'] || t!['ipv6.src'], `${where}: src`);
    assert.is(p.dst, t!['ip.dst'] || t!['ipv6.dst'], `${where}: dst`);
    assert.is(p.src_port, Number(t!['tcp.srcport']), `${where}: src port`);
    assert.is(p.dst_port, Number(t!['tcp.dstport']), `${where}: dst port`);
    const mask = (p.flags as string[]).reduce((m, f) => m | FLAG_BITS[f]!, 0);
    assert.is(mask, parseInt(t!['tcp.flags']!, 16) & 0x1f, `${where}: flags`);
    assert.is(p.length, Number(t!['tcp.len']), `${where}: payload length`);
    // A frame the capture cut short: tshark cannot reassemble the TLS messages in it, so there is nothing to compare.
    if (Number(t!['frame.cap_len']) < Number(t!['frame.len'])) return false;
    const handshakes = list(t!['tls.handshake.type']!).map(Number);
    const sees = (type: number) => handshakes.includes(type);
    for (const n of p.notes as string[]) {
      if (n === 'ClientHello') assert.ok(sees(1), `${where}: tshark sees a ClientHello (${handshakes})`);
      if (n === 'ServerHello') assert.ok(sees(2), `${where}: tshark sees a ServerHello (${handshakes})`);
      const alert = /^Alert (\d+):(\d+)$/.exec(n);
      if (alert) assert.equal([t!['tls.alert_message.level'], t!['tls.alert_message.desc']], [alert[1], alert[2]], `${where}: alert`);
    }
    return (p.notes as string[]).some((n) => /Hello|Alert \d/.test(n));
  }
  assert.is(p.name, list(t!['dns.qry.name']!)[0], `${where}: question name`);
  assert.is(p.type, Number(list(t!['dns.qry.type']!)[0]), `${where}: question type`);
  assert.is(p.phase === 'response', t!['dns.flags.response'] === '1' || t!['dns.flags.response'] === 'True', `${where}: query or response`);
  if (p.phase === 'response') {
    assert.is(p.rcode, Number(t!['dns.flags.rcode']), `${where}: rcode`);
    const theirs = [...list(t!['dns.a']!), ...list(t!['dns.aaaa']!)].sort();
    assert.equal([...(p.addresses as string[])].sort(), theirs, `${where}: answers`);
  }
  return false;
}

const name = 'packet facts of the analyze record agree with tshark on the scenario traces and the real captures';
if (!hasTshark) skipped(name, 'tshark is not on PATH; .ci/run installs it');
else {
  const dir = mkdtempSync(join(tmpdir(), 'td-packet-facts-'));
  test(name, () => {
    let compared = 0;
    let tls = 0;
    const captures = [
      ...(hasShared ? readdirSync(sharedEtlDir) : []).filter((n) => /^(pktmon_.*|attackhost_netsh_ndis_trace)\.etl$/.test(n)).map((n) => join(sharedEtlDir, n)),
      // The scenario traces carry whole handshakes, failures and DNS, and tshark reads their bytes without our help.
      ...readdirSync(samplesDir).filter((n) => n.endsWith('.etl')).map((n) => join(samplesDir, n)),
    ];
    for (const src of captures) {
      const capture = basename(src);
      const out = join(dir, `${capture}.pcapng`);
      if (runCli(['pcapng', src, '-o', out, '--force']).status !== 0) continue;
      const r = runCli(['analyze', '--format', 'json', src]);
      const record = JSON.parse(r.stdout) as { connections: { evidence: PacketEvidence[] }[] };
      const rows = tsharkRows(out);
      for (const c of record.connections) {
        for (const e of c.evidence) {
          if (!e.packet) continue;
          if (check(e, rows.get(Number(e.source.slice('packet #'.length))), `${capture} ${e.source} (${e.text})`)) tls++;
          compared++;
        }
      }
    }
    assert.ok(compared > 50, `${compared} packet lines compared`);
    assert.ok(tls > 0, `${tls} of them name TLS messages tshark could read`);
  });
}

test.run();
