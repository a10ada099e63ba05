// The ladder (sequence) diagram of one connection, as data: which lifelines take part and, in time order, each
// arrow (a packet, a DNS query, a call into Schannel) and each note (EnabledProtocols, WinHTTP/WinRM errors) with
// the evidence line it came from. Built from the analyze record's connection — the same record the JSON output,
// batch and redaction use — so a report can be drawn again from a case's JSON.
import type { AnalyzeRecord } from '../analyze-json.js';
import { maskOffersModernTls, spProtocolNames } from '../../windows/sp-prot.js';
import { alertDescriptionName, alertLevelName, endpointText } from '../../net/index.js';
import { codeMessage, codeText } from '../../diagnose/index.js';
import { DNS_STATUS_NAMES, SOCKET_ERROR_NAMES } from '../../windows/win32-errors.js';
import { SECURITY_STATUS_NAMES } from '../../windows/security-status.js';
import { WINHTTP_ERROR_NAMES } from '../../windows/winhttp-errors.js';
import { hex32 } from '../../common/format.js';
import { isoToFiletime } from '../../common/time.js';
import type { Messages } from '../../common/i18n/catalog.js';
import { renderMessage } from '../i18n/render.js';

export type ConnectionRecord = AnalyzeRecord['connections'][number];
export type EvidenceRecord = ConnectionRecord['evidence'][number];

export type Lane = 'process' | 'schannel' | 'socket' | 'dns' | 'server';
export const LANE_ORDER: readonly Lane[] = ['process', 'schannel', 'socket', 'dns', 'server'];

export type Tone = 'normal' | 'error' | 'warn' | 'ok' | 'muted';

/** Stable names of what an arrow carries (the DOM carries them as `data-kind`, tests query them). */
export type ArrowKind =
  | 'dns-query'
  | 'dns-answer'
  | 'syn'
  | 'syn-ack'
  | 'ack'
  | 'client-hello'
  | 'server-hello'
  | 'certificate'
  | 'ccs'
  | 'alert'
  | 'rst'
  | 'fin'
  | 'data'
  | 'connect'
  | 'connected'
  | 'isc-result';

interface StepBase {
  /** Index of the evidence line in the connection's evidence list. */
  evidence: number;
  /** FILETIME of the evidence, when its time could be read. */
  time?: bigint;
  label: string;
  /** A second, smaller line (offered suites, SNI …). */
  detail?: string;
  tone: Tone;
}

export interface ArrowStep extends StepBase {
  type: 'arrow';
  kind: ArrowKind;
  from: Lane;
  to: Lane;
  /** Read from WebIO's own logging of the handshake bytes, not from a captured packet. */
  dashed?: boolean;
}

export interface NoteStep extends StepBase {
  type: 'note';
  lane: Lane;
  kind: 'enabled-protocols' | 'request-option' | 'winhttp-error' | 'winrm' | 'socket' | 'dns' | 'certificate' | 'event';
}

export type LadderStep = ArrowStep | NoteStep;

export interface LaneHead {
  lane: Lane;
  title: string;
  subtitle?: string;
}

export interface Ladder {
  lanes: LaneHead[];
  steps: LadderStep[];
  /** Time of the first step: offsets on the axis count from it. */
  start?: bigint;
}

const MAX_NOTE = 104;

function clip(s: string, max = MAX_NOTE): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

/** A note that quotes the trace's own text (an event message), marked as a quote in the report's language. */
function said(m: Messages, text: string, source?: string): string {
  const room = MAX_NOTE - (source ? source.length + 4 : 2);
  return source === undefined ? m.t('ladder.trace_text', { text: clip(text, room) }) : m.t('ladder.event_text', { source, text: clip(text, room) });
}

function num(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m ? Number(m[1]) : undefined;
}

function maskText(mask: number): string {
  const names = spProtocolNames(mask);
  return `${hex32(mask)}${names.length ? ` (${names.join(' | ')})` : ''}`;
}

function offeredModern(versions: readonly string[]): boolean {
  return versions.some((v) => v === 'TLS 1.2' || v === 'TLS 1.3');
}

/** `A:p` of the client in the first TCP line, for the socket lifeline's title. */
function clientEndpoint(c: ConnectionRecord): string | undefined {
  for (const e of c.evidence) {
    const p = 'packet' in e ? e.packet : undefined;
    if (p?.protocol === 'tcp') return endpointText(p.sender === 'client' ? p.src : p.dst, p.sender === 'client' ? p.src_port : p.dst_port);
  }
  return undefined;
}

type PacketRecord = NonNullable<Extract<EvidenceRecord, { packet: unknown }>['packet']>;
type TcpRecord = Extract<PacketRecord, { protocol: 'tcp' }>;
type DnsRecord = Extract<PacketRecord, { protocol: 'dns' }>;

function dnsStep(p: DnsRecord, base: Pick<StepBase, 'evidence' | 'time'>, m: Messages): LadderStep {
  if (p.phase === 'query') return { ...base, type: 'arrow', kind: 'dns-query', from: 'socket', to: 'dns', label: m.t('ladder.dns_query', { name: p.name }), tone: 'normal' };
  const ok = p.rcode === 0 || p.rcode === null;
  const label = ok
    ? m.t('ladder.dns_answer', { addresses: clip(p.addresses.length ? p.addresses.join(', ') : '—', 60) })
    : m.t('ladder.dns_error', { status: renderMessage(m, codeMessage(p.rcode!, DNS_STATUS_NAMES)) });
  return { ...base, type: 'arrow', kind: 'dns-answer', from: 'dns', to: 'socket', label, tone: ok ? 'normal' : 'error' };
}

function packetStep(c: ConnectionRecord, e: EvidenceRecord, i: number, m: Messages): LadderStep {
  const base = { evidence: i, time: isoToFiletime(e.time) };
  const p = 'packet' in e ? e.packet : undefined;
  if (p?.protocol === 'dns') return dnsStep(p, base, m);
  if (!p) return { ...base, type: 'note', kind: 'event', lane: 'socket', label: said(m, e.text), tone: 'muted' };
  return tcpStep(c, p, base, m);
}

function tcpStep(c: ConnectionRecord, p: TcpRecord, base: Pick<StepBase, 'evidence' | 'time'>, m: Messages): LadderStep {
  const flags = new Set<string>(p.flags);
  const notes: readonly string[] = p.notes;
  const dir = p.sender === 'client' ? { from: 'socket' as const, to: 'server' as const } : { from: 'server' as const, to: 'socket' as const };
  const retrans = notes.includes('retransmission') ? ` ${m.t('ladder.retransmission')}` : '';
  const has = (prefix: string) => notes.find((n) => n.startsWith(prefix));
  const arrow = (kind: ArrowKind, label: string, tone: Tone, detail?: string): ArrowStep => ({
    ...base,
    type: 'arrow',
    kind,
    ...dir,
    label: label + retrans,
    tone,
    ...(detail ? { detail } : {}),
  });
  if (has('ClientHello')) {
    const versions = c.client_offered_versions;
    const suites = c.client_cipher_suites;
    const detail = [
      versions.length ? m.t('ladder.offers', { versions: versions.join(', ') }) : undefined,
      suites.length ? m.t('ladder.suites', { count: suites.length, first: suites.slice(0, 2).join(', ') + (suites.length > 2 ? ', …' : '') }) : undefined,
      c.server_name_source === 'sni' && c.server_name ? `SNI ${c.server_name}` : undefined,
    ].filter(Boolean).join(' · ');
    return arrow('client-hello', `ClientHello ${versions[0] ?? ''}`.trim(), versions.length && !offeredModern(versions) ? 'error' : 'normal', detail);
  }
  if (has('ServerHello') || has('HelloRetryRequest')) {
    const label = `${has('HelloRetryRequest') ? 'HelloRetryRequest' : 'ServerHello'} ${c.server_selected_version ?? ''}`.trim();
    const extra = notes.filter((n) => n === 'Certificate' || n === 'ChangeCipherSpec');
    return arrow('server-hello', [label, ...extra].join(' + '), 'ok', c.cipher ?? undefined);
  }
  const alert = has('Alert');
  if (alert) {
    const parts = /^Alert (\d+):(\d+)$/.exec(alert);
    const label = parts ? `Alert ${alertLevelName(Number(parts[1]))}: ${alertDescriptionName(Number(parts[2]))} (${parts[2]})` : alert;
    const closeNotify = parts && Number(parts[2]) === 0;
    return arrow('alert', label, closeNotify ? 'muted' : 'error');
  }
  if (has('Certificate')) return arrow('certificate', 'Certificate', 'normal');
  if (has('ChangeCipherSpec')) return arrow('ccs', 'ChangeCipherSpec', 'normal');
  if (flags.has('RST')) return arrow('rst', 'RST', 'error');
  if (flags.has('SYN') && flags.has('ACK')) return arrow('syn-ack', 'SYN-ACK', 'normal');
  if (flags.has('SYN')) return arrow('syn', 'SYN', retrans ? 'warn' : 'normal');
  if (flags.has('FIN')) return arrow('fin', 'FIN', 'muted');
  if (p.length > 0) return arrow('data', m.t('ladder.data', { bytes: p.length }), 'muted');
  return arrow('ack', 'ACK', 'muted');
}

function eventStep(c: ConnectionRecord, e: EvidenceRecord, i: number, m: Messages): LadderStep | undefined {
  const base = { evidence: i, time: isoToFiletime(e.time) };
  const src = /^(?:Microsoft-Windows-)?([\w-]+?)\/(\d+)$/.exec(e.source);
  const provider = src?.[1] ?? e.source;
  const id = src ? Number(src[2]) : -1;
  const note = (lane: Lane, kind: NoteStep['kind'], label: string, tone: Tone): NoteStep => ({ ...base, type: 'note', lane, kind, label: clip(label), tone });
  const text = e.text;
  if (provider === 'WebIO') {
    if (id >= 728 && id <= 730) {
      // A successful 729 repeats 728's mask; only a failure adds something.
      if (id === 729 && /returned - \(0\)/.test(text)) return undefined;
      const mask = num(text, /EnabledProtocols (\d+)/);
      if (mask === undefined) return note('process', 'event', said(m, text), 'muted');
      return note('process', 'enabled-protocols', m.t('ladder.enabled_protocols', { mask: maskText(mask) }), maskOffersModernTls(mask) ? 'normal' : 'error');
    }
    if (id === 15 && /SecureProtocols/.test(text)) {
      const mask = c.app_secure_protocols ? parseInt(c.app_secure_protocols, 16) : undefined;
      return note('process', 'request-option', m.t('ladder.request_option', { mask: mask === undefined ? '?' : maskText(mask) }), mask !== undefined && !maskOffersModernTls(mask) ? 'warn' : 'muted');
    }
    if (id === 700) return undefined;
    if (id === 703 || id === 701 || id === 702) {
      const status = num(text, /returned - \((\d+)/);
      const ok = status === 0 || status === 0x00090312;
      const label = `InitializeSecurityContext → ${status === undefined ? '?' : codeText(status, SECURITY_STATUS_NAMES)}`;
      return { ...base, type: 'arrow', kind: 'isc-result', from: 'schannel', to: 'process', label, tone: ok ? 'muted' : 'error' };
    }
    if (id === 705 && /^ClientHello/.test(text)) {
      const versions = c.client_offered_versions;
      return {
        ...base,
        type: 'arrow',
        kind: 'client-hello',
        from: 'socket',
        to: 'server',
        dashed: true,
        label: `ClientHello ${versions[0] ?? ''}`.trim(),
        detail: m.t('ladder.from_webio', { id }),
        tone: versions.length && !offeredModern(versions) ? 'error' : 'normal',
      };
    }
    if (id === 704 && /^ServerHello/.test(text)) {
      return { ...base, type: 'arrow', kind: 'server-hello', from: 'server', to: 'socket', dashed: true, label: clip(text, 60), detail: m.t('ladder.from_webio', { id }), tone: 'ok' };
    }
    if (id === 200) {
      const addr = /Address: (\S+?)\.?$/.exec(text)?.[1] ?? c.remote_ip ?? '';
      return { ...base, type: 'arrow', kind: 'connect', from: 'process', to: 'socket', label: m.t('ladder.connect', { address: addr }), tone: 'muted' };
    }
    if (id === 201) return { ...base, type: 'arrow', kind: 'connected', from: 'socket', to: 'process', label: m.t('ladder.connected'), tone: 'muted' };
    if (id === 202) {
      const err = num(text, /error (\d+)/);
      return note('socket', 'socket', m.t('ladder.connect_failed', { error: err === undefined ? '?' : renderMessage(m, codeMessage(err, SOCKET_ERROR_NAMES)) }), 'error');
    }
    if (id === 204) {
      const reason = /Reason = \d+\(([^)]*)\)/.exec(text)?.[1];
      const status = num(text, /Status = (\d+)/);
      const why = [reason, status ? renderMessage(m, codeMessage(status, SOCKET_ERROR_NAMES)) : undefined].filter(Boolean).join(', ');
      return note('socket', 'socket', m.t('ladder.socket_closed', { why: why || '?' }), /Reset|Timeout/i.test(reason ?? '') ? 'error' : 'muted');
    }
    if (id === 713) {
      const err = num(text, /Error: (\d+)/);
      return note('process', 'certificate', m.t('ladder.cert_failed', { error: err === undefined ? '?' : codeText(err, SECURITY_STATUS_NAMES) }), 'error');
    }
    if (id === 207) return note('process', 'dns', said(m, text), 'error');
    return note('process', 'event', said(m, text), 'muted');
  }
  if (provider === 'WinHttp') {
    const err = num(text, /error = (\d+)/);
    if (err !== undefined) {
      const api = /^(\w+)\(/.exec(text)?.[1] ?? 'WinHTTP';
      return note('process', 'winhttp-error', `${api} → ${codeText(err, WINHTTP_ERROR_NAMES)}`, 'error');
    }
    return note('process', 'event', said(m, text), 'muted');
  }
  if (provider === 'WinRM') {
    const tone: Tone = [172, 137, 142, 161].includes(id) ? 'error' : id === 135 ? 'warn' : 'muted';
    return note('process', 'winrm', said(m, text, `WinRM ${id}`), tone);
  }
  if (provider === 'DNS-Client') {
    if (id === 3010) return { ...base, type: 'arrow', kind: 'dns-query', from: 'socket', to: 'dns', label: m.t('ladder.dns_query', { name: /name (\S+)/.exec(text)?.[1] ?? '' }), tone: 'normal' };
    if (id === 3011) {
      const status = num(text, /response status (\d+)/) ?? 0;
      const label = status === 0 ? m.t('ladder.dns_answer', { addresses: m.t('ladder.dns_ok') }) : m.t('ladder.dns_error', { status: renderMessage(m, codeMessage(status, DNS_STATUS_NAMES)) });
      return { ...base, type: 'arrow', kind: 'dns-answer', from: 'dns', to: 'socket', label, tone: status === 0 ? 'normal' : 'error' };
    }
    const status = num(text, /(?:Status|status) (\d+)/);
    return note('process', 'dns', said(m, text, `DNS-Client ${id}`), status ? 'error' : 'muted');
  }
  if (provider === 'TCPIP') return note('socket', 'socket', said(m, text), /fail|abort|reset/i.test(text) ? 'error' : 'muted');
  if (provider === 'Schannel') return note('schannel', 'event', said(m, text, `Schannel ${id}`), 'error');
  return note('process', 'event', said(m, text, e.source), 'muted');
}

function processTitle(c: ConnectionRecord, m: Messages): LaneHead {
  const title = c.process ?? (c.pid !== null ? `pid ${c.pid}` : m.t('ladder.process'));
  const stack = c.client_stack === 'winhttp' ? 'WinHTTP / WebIO' : c.client_stack === 'dotnet' ? '.NET' : undefined;
  const pid = c.process && c.pid !== null ? `pid ${c.pid}` : undefined;
  return { lane: 'process', title, ...(stack || pid ? { subtitle: [stack, pid].filter(Boolean).join(' · ') } : {}) };
}

function dnsServer(c: ConnectionRecord): string | undefined {
  for (const e of c.evidence) {
    const m = /DNS Server (\S+?) for name/.exec(e.text);
    if (m) return m[1];
  }
  return undefined;
}

/** The ladder of one connection: every evidence line that is a message or a milestone, in time order. */
export function buildLadder(c: ConnectionRecord, m: Messages): Ladder {
  const steps: LadderStep[] = [];
  c.evidence.forEach((e, i) => {
    const step = e.source.startsWith('packet #') ? packetStep(c, e, i, m) : eventStep(c, e, i, m);
    if (step) steps.push(step);
  });
  const used = new Set<Lane>(['process', 'socket', 'server']);
  for (const s of steps) {
    if (s.type === 'arrow') {
      used.add(s.from);
      used.add(s.to);
    } else {
      used.add(s.lane);
    }
  }
  // Schannel is drawn wherever WinHTTP's calls into it are logged (credentials, InitializeSecurityContext).
  if (steps.some((s) => s.type === 'note' && s.kind === 'enabled-protocols')) used.add('schannel');
  const endpoint = clientEndpoint(c);
  const remote = c.remote_ip ? `${c.remote_ip.includes(':') ? `[${c.remote_ip}]` : c.remote_ip}:${c.remote_port ?? '?'}` : undefined;
  const heads: Record<Lane, LaneHead> = {
    process: processTitle(c, m),
    schannel: { lane: 'schannel', title: 'Schannel', subtitle: m.t('ladder.schannel_sub') },
    socket: { lane: 'socket', title: m.t('ladder.client_socket'), ...(endpoint ?? (c.local_port !== null ? `:${c.local_port}` : undefined) ? { subtitle: endpoint ?? `:${c.local_port}` } : {}) },
    dns: { lane: 'dns', title: m.t('ladder.dns_server'), ...(dnsServer(c) ? { subtitle: dnsServer(c)! } : {}) },
    server: { lane: 'server', title: c.server_name ?? m.t('ladder.server'), ...(remote ? { subtitle: remote } : {}) },
  };
  const times = steps.map((s) => s.time).filter((t): t is bigint => t !== undefined);
  const start = times.length ? times.reduce((a, b) => (b < a ? b : a)) : undefined;
  return { lanes: LANE_ORDER.filter((l) => used.has(l)).map((l) => heads[l]), steps, ...(start !== undefined ? { start } : {}) };
}
