// `flows` output: one row per TCP flow with its TLS handshake facts (human table, CSV or JSON lines).
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { filetimeToIso } from '../common/time.js';
import { alertDescriptionName, alertLevelName, cipherSuiteName, tlsVersionName, type TcpFlow } from '../net/index.js';
import { CsvWriter } from './csv.js';

/** Column names, in output order (stable: scripts read them). */
export const FLOW_COLUMNS = [
  'first_seen',
  'client_ip',
  'client_port',
  'server_ip',
  'server_port',
  'packets',
  'packet_appearances',
  'retransmissions',
  'bytes',
  'local_side',
  'role_basis',
  'syn',
  'rst_by',
  'fin_by',
  'server_name',
  'client_record_version',
  'client_offered_versions',
  'client_ciphers',
  'server_selected_version',
  'cipher',
  'alert',
  'established',
  'application_data_by',
  'reset_after_data',
  'truncated',
] as const;

export interface FlowRow {
  first_seen: string;
  client_ip: string;
  client_port: number;
  server_ip: string;
  server_port: number;
  /** Distinct packets (each once, however many capture points logged it). */
  packets: number;
  /** Every frame of the flow in the capture (pktmon logs a packet once per component and edge). */
  packet_appearances: number;
  retransmissions: number;
  bytes: number;
  /** Which end is the capturing host (`unknown` when its addresses could not be told). */
  local_side: 'client' | 'server' | 'unknown';
  /** How the client was told from the server: syn, syn_ack, ports, local_host, first_packet. */
  role_basis: TcpFlow['roleBasis'];
  syn: boolean;
  rst_by: 'client' | 'server' | 'none';
  fin_by: 'client' | 'server' | 'both' | 'none';
  server_name: string | null;
  client_record_version: string | null;
  /** supported_versions when offered, else the ClientHello legacy_version (`unknown (…)` when not captured). */
  client_offered_versions: string[];
  client_ciphers: string[];
  server_selected_version: string | null;
  cipher: string | null;
  /** First alert: `fatal:protocol_version`, or `encrypted` when it was sent after ChangeCipherSpec. */
  alert: string | null;
  established: boolean;
  /** Who sent TLS application data: client, server, both, none. */
  application_data_by: 'client' | 'server' | 'both' | 'none';
  /** The first RST came after both sides had sent data (a normal close); null without a RST. */
  reset_after_data: boolean | null;
  /** Some bytes of the flow (or of its hellos) were not captured: missing TLS fields are unknown, not absent. */
  truncated: boolean;
}

export function flowRow(f: TcpFlow): FlowRow {
  const t = f.tls;
  const ch = t?.clientHello;
  const sh = t?.serverHello;
  // Without supported_versions the legacy_version is the highest version offered; when the hello was cut
  // before its extensions, whether supported_versions was there is unknown, and the row says so.
  const offered = !ch
    ? []
    : ch.supportedVersions && ch.supportedVersions.length > 0
      ? ch.supportedVersions.map(tlsVersionName)
      : ch.truncated
        ? [ch.legacyVersion ? `unknown (legacy_version ${tlsVersionName(ch.legacyVersion)})` : 'unknown']
        : [tlsVersionName(ch.legacyVersion)];
  const alert = t?.alerts.find((a) => !a.encrypted) ?? t?.alerts[0];
  return {
    first_seen: filetimeToIso(f.firstSeen),
    client_ip: f.client.ip,
    client_port: f.client.port,
    server_ip: f.server.ip,
    server_port: f.server.port,
    packets: f.packets,
    packet_appearances: f.packetAppearances,
    retransmissions: f.retransmissions,
    bytes: f.bytes,
    local_side: f.localSide ?? 'unknown',
    role_basis: f.roleBasis,
    syn: f.syn,
    rst_by: f.rstBy,
    fin_by: f.finBy,
    server_name: ch?.serverName ?? null,
    client_record_version: ch && ch.recordVersion ? tlsVersionName(ch.recordVersion) : null,
    client_offered_versions: offered,
    client_ciphers: ch ? ch.cipherSuites.map(cipherSuiteName) : [],
    server_selected_version: !sh
      ? null
      : sh.selectedVersionUncertain
        ? `unknown (legacy_version ${tlsVersionName(sh.legacyVersion)})`
        : tlsVersionName(sh.selectedVersion),
    cipher: sh?.cipherSuite !== undefined ? cipherSuiteName(sh.cipherSuite) : null,
    alert: alert
      ? alert.encrypted || alert.level === undefined || alert.description === undefined
        ? 'encrypted'
        : `${alertLevelName(alert.level)}:${alertDescriptionName(alert.description)}`
      : null,
    established: t?.established ?? false,
    application_data_by: !t ? 'none' : t.applicationData.client ? (t.applicationData.server ? 'both' : 'client') : t.applicationData.server ? 'server' : 'none',
    reset_after_data: f.sentBeforeReset ? f.sentBeforeReset.client > 0 && f.sentBeforeReset.server > 0 : null,
    truncated: f.truncated || !!ch?.truncated || !!sh?.truncated,
  };
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function writeFlowsJsonl(flows: Iterable<TcpFlow>, out: Writable): Promise<void> {
  for (const f of flows) await write(out, JSON.stringify(flowRow(f)) + '\n');
}

export async function writeFlowsCsv(flows: Iterable<TcpFlow>, out: Writable): Promise<void> {
  const csv = new CsvWriter(out, FLOW_COLUMNS);
  for (const f of flows) await csv.writeRow(flowRow(f) as unknown as Record<string, unknown>);
}

/** One readable line per flow (plus a TLS line when there is a handshake). */
export function humanFlowLines(f: TcpFlow): string[] {
  const r = flowRow(f);
  const ep = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  const tcp = [
    r.syn ? 'SYN' : 'no SYN seen',
    r.rst_by !== 'none' ? `RST by ${r.rst_by}${r.reset_after_data ? ' after data' : ''}` : '',
    r.fin_by !== 'none' ? `FIN by ${r.fin_by}` : '',
    f.retransmissions ? `${f.retransmissions} retransmissions` : '',
    r.truncated ? 'truncated capture' : '',
  ].filter(Boolean);
  const lines = [
    `${r.first_seen}  ${ep(r.client_ip, r.client_port)} → ${ep(r.server_ip, r.server_port)}  ${r.packets} packets${r.packet_appearances !== r.packets ? ` (${r.packet_appearances} appearances)` : ''}, ${r.bytes} bytes; ${tcp.join(', ')}`,
  ];
  if (f.tls) {
    const parts: string[] = [];
    if (r.client_record_version) {
      parts.push(
        `ClientHello ${r.server_name ? `SNI ${r.server_name} ` : ''}offers ${r.client_offered_versions.join(', ')} ` +
          `(${r.client_ciphers.length} cipher suites)`,
      );
    }
    if (r.server_selected_version) parts.push(`ServerHello ${r.server_selected_version}${r.cipher ? ` ${r.cipher}` : ''}`);
    if (f.tls.serverHello?.helloRetryRequest) parts.push('HelloRetryRequest');
    const cert = f.tls.certificates[0];
    if (cert) {
      const names = cert.sanDns.length > 0 ? ` (SAN ${cert.sanDns.join(', ')})` : '';
      parts.push(`certificate ${cert.subjectCN ?? '?'}${names}, valid ${cert.notBefore ?? '?'} to ${cert.notAfter ?? '?'}`);
    }
    if (r.alert) parts.push(`alert ${r.alert}`);
    parts.push(r.established ? 'established' : 'not established');
    lines.push(`    TLS: ${parts.join('; ')}`);
  }
  return lines;
}

export async function writeFlowsHuman(flows: Iterable<TcpFlow>, out: Writable): Promise<void> {
  let n = 0;
  for (const f of flows) {
    for (const line of humanFlowLines(f)) await write(out, line + '\n');
    n++;
  }
  if (n === 0) await write(out, 'no TCP flows in the captured packets\n');
}
