// `analyze --format json`: the stable record described by schemas/analyze.schema.json.
// snake_case keys, times as ISO-8601 UTC, 32-bit masks and codes as `0x00000A80` strings, absent facts as null.
import type { AnalysisResult, InputSummary } from '../pipeline/index.js';
import type { Connection } from '../correlate/types.js';
import type { Finding } from '../diagnose/types.js';
import type { EvidenceRef } from '../providers/observations.js';
import { FAILED_OUTCOMES } from '../correlate/index.js';
import { spProtocolNames } from '../windows/sp-prot.js';
import { hex32 } from '../common/format.js';
import { windowsReleaseName } from '../common/windows-releases.js';
import { filetimeToIso } from '../common/time.js';
import { messages, type Lang, type Messages } from '../common/i18n/catalog.js';
import { carriedText, findingText } from './i18n/render.js';
import { packetRecord } from './i18n/packet-text.js';
import { detailText } from './i18n/read-issues.js';

export const ANALYZE_SCHEMA_VERSION = 1;

const ENGLISH = messages('en');

export interface RecordOptions {
  /**
   * The language asked for (`--lang`): the record names it in `lang` and its titles, explanations and fix-step
   * texts are in it. Without it the record is English and has no `lang` key. Codes and keys never change.
   */
  lang?: Lang;
}

function iso(t: bigint | undefined): string | null {
  return t === undefined ? null : filetimeToIso(t);
}

function evidenceRecord(r: EvidenceRef, m: Messages) {
  const packet = packetRecord(r);
  const e = { time: filetimeToIso(r.time), source: r.source, text: carriedText(m, r.text) };
  return packet ? { ...e, packet } : e;
}

export function inputRecord(i: InputSummary, m: Messages = ENGLISH) {
  return {
    path: i.path,
    format: i.format,
    os_build: i.osBuild ?? null,
    os_version: i.osVersion ?? null,
    os_release: windowsReleaseName(i.osBuild) ?? null,
    pointer_size: i.pointerSize ?? null,
    start_time: iso(i.startTime),
    end_time: iso(i.endTime),
    events: i.events,
    events_lost: i.eventsLost ?? 0,
    buffers_lost: i.buffersLost ?? 0,
    packets: i.packets,
    damaged: i.damaged,
    issues: i.issues.map((x) => ({ kind: x.kind, offset: x.offset ?? null, message: detailText(m, x) })),
  };
}

export function findingRecord(finding: Finding, m: Messages = ENGLISH) {
  const f = findingText(finding, m);
  return {
    code: f.code,
    severity: f.severity,
    kind: f.kind ?? 'cause',
    title: f.title,
    explanation: f.explanation,
    evidence: f.evidence.map((r) => evidenceRecord(r, m)),
    remediation: f.remediation.map((r) => ({
      text: r.text,
      registry: r.registry ? { path: r.registry.path, name: r.registry.name, type: r.registry.type, value: r.registry.value } : null,
      kb: r.kb ?? null,
      powershell: r.powershell ?? null,
      command: r.command ?? null,
      ...(r.heading ? { heading: true as const } : {}),
    })),
    connections: f.connections,
  };
}

export function connectionRecord(c: Connection, cipherName: (id: number) => string, m: Messages = ENGLISH) {
  return {
    id: c.id,
    input: c.input ?? null,
    first_seen: filetimeToIso(c.firstSeen),
    last_seen: filetimeToIso(c.lastSeen),
    pid: c.pid ?? null,
    pid_source: c.pidSource ?? null,
    process: c.process ?? null,
    client_stack: c.clientStack ?? 'unknown',
    server_name: c.serverName ?? null,
    server_name_source: c.serverNameSource ?? null,
    remote_ip: c.remoteIp ?? null,
    remote_port: c.remotePort ?? null,
    local_port: c.localPort ?? null,
    destination_class: c.destinationClass ?? null,
    packets: c.flow?.packets ?? null,
    packet_appearances: c.flow?.packetAppearances ?? null,
    webio_connections: c.webioConnections,
    winhttp_enabled_protocols: c.winhttpEnabledProtocols === undefined ? null : hex32(c.winhttpEnabledProtocols),
    winhttp_enabled_protocol_names: c.winhttpEnabledProtocols === undefined ? [] : spProtocolNames(c.winhttpEnabledProtocols),
    app_secure_protocols: c.appSecureProtocols === undefined ? null : hex32(c.appSecureProtocols),
    client_offered_versions: c.clientOfferedVersions,
    client_cipher_suites: c.clientCipherSuites.map(cipherName),
    client_hello_truncated: c.clientHelloTruncated ?? false,
    server_selected_version: c.serverSelectedVersion ?? null,
    cipher: c.cipher ?? null,
    certificate_subject: c.certificateSubject ?? null,
    certificate_issuer: c.certificateIssuer ?? null,
    alert: c.alert ?? null,
    alert_from: c.alertFrom ?? null,
    established: c.established,
    reset_by: c.resetBy ?? null,
    winhttp_errors: c.winhttpErrors,
    security_status: c.securityStatus.map(hex32),
    cert_errors: c.certErrors,
    dns_status: c.dnsStatus ?? null,
    truncated: c.truncated ?? false,
    outcome: c.outcome,
    failed: FAILED_OUTCOMES.has(c.outcome),
    finding_codes: c.findingCodes,
    flow_id: c.flow?.id ?? null,
    evidence: c.evidence.map((r) => evidenceRecord(r, m)),
    evidence_cut: c.evidenceCut ?? 0,
  };
}

/** The record without its connections (they come last). */
function analyzeHead(r: AnalysisResult, o: RecordOptions) {
  const top = r.findings.find((f) => f.severity === 'error') ?? null;
  const m = o.lang ? messages(o.lang) : ENGLISH;
  return {
    schema_version: ANALYZE_SCHEMA_VERSION,
    ...(o.lang ? { lang: o.lang } : {}),
    verdict: r.verdict,
    summary: {
      top_finding: top?.code ?? null,
      connections: r.connections.length,
      established: r.connections.filter((c) => c.outcome === 'established').length,
      failed: r.connections.filter((c) => FAILED_OUTCOMES.has(c.outcome)).length,
      errors: r.findings.filter((f) => f.severity === 'error').length,
      warnings: r.findings.filter((f) => f.severity === 'warning').length,
      gaps: r.findings.filter((f) => f.kind === 'gap').map((f) => f.code),
      observations: r.stats.observations,
      packets: r.stats.packets,
      flows: r.stats.flows,
      flows_ignored: r.stats.flowsIgnored,
      items_cut: r.stats.cut,
    },
    inputs: r.inputs.map((i) => inputRecord(i, m)),
    findings: r.findings.map((f) => findingRecord(f, m)),
  };
}

export function analyzeRecord(r: AnalysisResult, cipherName: (id: number) => string, o: RecordOptions = {}) {
  const m = o.lang ? messages(o.lang) : ENGLISH;
  return { ...analyzeHead(r, o), connections: r.connections.map((c) => connectionRecord(c, cipherName, m)) };
}

export type AnalyzeRecord = ReturnType<typeof analyzeRecord>;

export function renderAnalyzeJson(r: AnalysisResult, cipherName: (id: number) => string, o: RecordOptions = {}): string {
  return JSON.stringify(analyzeRecord(r, cipherName, o), null, 2) + '\n';
}

/** The text of `"connections": []` as the last key of the record, as JSON.stringify(…, null, 2) writes it. */
const EMPTY_CONNECTIONS_TAIL = '\n  "connections": []\n}';
/** What JSON.stringify([[x]], null, 2) puts around x. */
const NESTED_HEAD = '[\n  [\n    ';
const NESTED_TAIL = '\n  ]\n]';

/**
 * The same text as renderAnalyzeJson(), handed to `write` in pieces of about `chunkChars` characters: one
 * connection record is built and serialised at a time, so a trace with thousands of connections never holds
 * its whole report (record objects and text) in memory at once.
 */
export function writeAnalyzeJson(r: AnalysisResult, cipherName: (id: number) => string, write: (text: string) => void, chunkChars = 1 << 16, o: RecordOptions = {}): void {
  const head = JSON.stringify({ ...analyzeHead(r, o), connections: [] }, null, 2);
  if (r.connections.length === 0 || !head.endsWith(EMPTY_CONNECTIONS_TAIL)) {
    write(renderAnalyzeJson(r, cipherName, o));
    return;
  }
  let pending = head.slice(0, head.length - 4) + '[';
  const m = o.lang ? messages(o.lang) : ENGLISH;
  r.connections.forEach((c, i) => {
    // An element of a 2-space-indented array two levels deep: serialised inside two arrays, JSON.stringify
    // indents it by four spaces itself; the wrapping brackets are cut off.
    const nested = JSON.stringify([[connectionRecord(c, cipherName, m)]], null, 2);
    pending += (i === 0 ? '\n    ' : ',\n    ') + nested.slice(NESTED_HEAD.length, nested.length - NESTED_TAIL.length);
    if (pending.length >= chunkChars) {
      write(pending);
      pending = '';
    }
  });
  write(pending + '\n  ]\n}\n');
}
