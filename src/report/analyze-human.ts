// `analyze --format human`: the answer first (verdict, top finding, the fix), then each failing connection with
// its evidence, the healthy ones grouped by server and process, then what the trace lacks. Prose fits the width
// asked for (100 by default); commands and registry paths are never broken. Colour only when asked.
import type { AnalysisResult, InputSummary } from '../pipeline/index.js';
import type { Connection } from '../correlate/types.js';
import type { Finding, Remediation } from '../diagnose/types.js';
import { FAILED_OUTCOMES, HEALTHY_OUTCOMES } from '../correlate/index.js';
import { spProtocolNames } from '../windows/sp-prot.js';
import { osLabel, codeText, codeMessage, certProblemMessage } from '../diagnose/index.js';
import { SOCKET_ERROR_NAMES } from '../windows/win32-errors.js';
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { hex32 } from '../common/format.js';
import { displayTime, filetimeToIso, isDateless } from '../common/time.js';
import { messages as catalog, type Messages } from '../common/i18n/catalog.js';
import { findingText, renderMessage, sideText, type RemediationText } from './i18n/render.js';
import { evidenceText } from './i18n/packet-text.js';
import { displayWidth, padToWidth } from './text-width.js';
import { readIssueText } from './i18n/read-issues.js';

export interface HumanOptions {
  color: boolean;
  width?: number;
  cipherName: (id: number) => string;
  /** Evidence lines shown per failing connection (the JSON output has all of them). */
  maxEvidence?: number;
  /** Language of the report's own words (default English); codes and registry paths never change. */
  messages?: Messages;
}

interface Style {
  bold(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

function style(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { bold: wrap(1, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), dim: wrap(2, 22) };
}

/**
 * Registry paths keep their spaces (`…\Internet Settings\WinHttp`): a path broken over two lines and copied
 * back creates the wrong key. They are kept whole, like every other word, and the terminal wraps what is longer.
 */
const REGISTRY_PATH = /\bHK(?:LM|CU|EY_[A-Z_]+):?\\[^=\n]*?(?=\s+=|\s+\(|\s+—|$)/g;
const KEPT_SPACE = '\u0000';

/**
 * Commands quoted in prose (the capture to take next, `netsh winhttp import proxy source=ie`) are kept whole the
 * same way: a command split over two lines and pasted back runs without its later arguments. A command runs
 * from its program name to an arrow, a semicolon, a parenthesis or a closing backtick.
 */
const PROSE_COMMAND = /\b(?:netsh|pktmon|logman|wevtutil|reg (?:add|query|delete)|tracerpt)\s[^→;()`\n]*[^→;()`\s]/g;
const BACKTICKED = /`[^`\n]+`/g;

/**
 * Where Japanese text may break without a blank: after a kana or kanji (or a Japanese comma/full stop), unless
 * what follows is punctuation that must not start a line.
 */
const JAPANESE_BREAK = /(?<=[\u3001\u3002\u3040-\u30ff\u4e00-\u9fff\uff09\u300d])(?=[^\u3001\u3002\u30fc\uff09\u300d)\].,:;])/u;

/**
 * Word-wraps `text` to `width`, the first line prefixed by `first`, the others by `rest`; words are never cut.
 * `japanese`: Japanese sentences have few blanks, so a line may also break between Japanese characters (and
 * nothing is put between the pieces).
 */
export function wrap(text: string, width: number, first: string, rest = ' '.repeat(first.length), japanese = false): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  const keep = (p: string) => p.replace(/ /g, KEPT_SPACE);
  const kept = text.replace(REGISTRY_PATH, keep).replace(BACKTICKED, keep).replace(PROSE_COMMAND, keep);
  for (const word of kept.split(/\s+/).filter(Boolean).map((w) => w.replaceAll(KEPT_SPACE, ' '))) {
    const pieces = japanese ? word.split(JAPANESE_BREAK) : [word];
    pieces.forEach((piece, i) => {
      const candidate = empty ? line + piece : i === 0 ? `${line} ${piece}` : line + piece;
      if (displayWidth(candidate) > width && !empty) {
        out.push(line);
        line = rest + piece;
      } else {
        line = candidate;
      }
      empty = false;
    });
  }
  out.push(line);
  return out;
}

function time(t: bigint): string {
  return displayTime(filetimeToIso(t));
}

function severityTag(f: Pick<Finding, 'severity'>, s: Style, m: Messages): string {
  const tag = `[${m.t(`severity.${f.severity}`)}]`;
  return f.severity === 'error' ? s.red(tag) : f.severity === 'warning' ? s.yellow(tag) : s.dim(tag);
}

/** Numbered fix steps: prose wrapped, each command whole on its own line; `fullStop` ends a sentence in the report's language. */
export function remediationLines(steps: RemediationText[], width: number, indent: string, fullStop = '.', japanese = false): string[] {
  const out: string[] = [];
  // Steps are numbered from 1 under each heading (the cause they fix), indented below it; a heading is not numbered.
  const nested = steps.some((s) => s.heading) ? '  ' : '';
  let i = 0;
  for (const r of steps) {
    if (r.heading) {
      out.push(...wrap(r.text, width, indent, undefined, japanese));
      i = 0;
      continue;
    }
    const n = `${indent}${nested}${++i}. `;
    const sub = ' '.repeat(n.length);
    // Commands are printed whole on one line, however long: a line broken inside quotes runs something else.
    const commands: string[] = [];
    if (r.powershell) commands.push(`${sub}PS> ${r.powershell}`);
    const command = r.command && !r.text.includes(r.command) ? r.command : r.registry && !r.powershell ? regAdd(r.registry) : undefined;
    if (command) commands.push(`${sub}> ${command}`);
    // A step announces its command with a colon; a step with no command to print ends as a sentence.
    const text = commands.length === 0 ? r.text.replace(/:\s*$/, fullStop) : r.text;
    out.push(...wrap(text, width, n, undefined, japanese), ...commands);
  }
  return out;
}

/** The `reg add` command that sets a registry value. */
function regAdd(v: NonNullable<Remediation['registry']>): string {
  const data = typeof v.value === 'number' ? String(v.value) : `"${v.value}"`;
  return `reg add "${v.path}" /v ${v.name} /t ${v.type} /d ${data} /f`;
}

function connectionTitle(c: Connection, m: Messages): string {
  const proc = c.process ?? (c.pid !== undefined ? `pid ${c.pid}` : m.t('human.unknown_process'));
  const source = c.pidSource === 'tcpip' ? m.t('human.pid_from_tcpip') : c.pidSource === 'packet' ? m.t('human.pid_from_packet') : '';
  const pid = c.process && c.pid !== undefined ? ` (pid ${c.pid}${source ? `, ${source}` : ''})` : c.pid !== undefined && source ? ` (${source})` : '';
  const addr = c.remoteIp ? `${c.remoteIp.includes(':') ? `[${c.remoteIp}]` : c.remoteIp}:${c.remotePort ?? '?'}` : m.t('human.no_address');
  const local = c.localPort !== undefined ? `  ${m.t('human.local_port', { port: c.localPort })}` : '';
  return `#${c.id} ${proc}${pid} → ${c.serverName ?? m.t('conn.no_name')}  ${addr}${local}`;
}

function serverDid(c: Connection, m: Messages): string {
  const parts: string[] = [];
  if (c.synUnanswered) parts.push(m.t('human.syn_unanswered'));
  if (c.serverSelectedVersion) parts.push(m.t('human.selected', { version: c.serverSelectedVersion, cipher: c.cipher ? ` / ${c.cipher}` : '' }));
  if (c.certificateIssuer || c.certificateSubject) parts.push(m.t('conn.certificate', { subject: c.certificateSubject ?? '?', issuer: c.certificateIssuer ?? '?' }));
  if (c.alert) parts.push(c.alert === 'encrypted' ? m.t('human.encrypted_alert', { from: sideText(m, c.alertFrom ?? '?') }) : m.t('conn.alert', { alert: c.alert, from: sideText(m, c.alertFrom ?? '?') }));
  if (c.resetBy) parts.push(m.t('conn.reset', { by: sideText(m, c.resetBy) }));
  if (c.connectError !== undefined) parts.push(m.t('human.connect_error', { code: renderMessage(m, codeMessage(c.connectError, SOCKET_ERROR_NAMES)) }));
  if (c.dnsStatus !== undefined) parts.push(m.t('conn.dns_failed', { status: c.dnsStatus }));
  if (!parts.length) parts.push(m.t(c.flow ? 'human.no_answer_in_capture' : 'human.not_visible'));
  return parts.join('; ');
}

function failingBlock(c: Connection, o: HumanOptions, s: Style, width: number, m: Messages): string[] {
  const out: string[] = [];
  out.push(...wrap(connectionTitle(c, m), width, '  ', '      ').map((l, i) => (i === 0 ? s.bold(l) : l)));
  const row = (label: string, value: string) => out.push(...wrap(value, width, `      ${padToWidth(label, 16)}`, ' '.repeat(22)));
  row(m.t('conn.client'), c.clientStack === 'winhttp' ? 'WinHTTP (WebIO)' : c.clientStack === 'dotnet' ? m.t('conn.dotnet') : m.t('conn.unknown'));
  row(m.t('human.label_enabled'), c.winhttpEnabledProtocols === undefined ? m.t('conn.not_in_trace') : `${hex32(c.winhttpEnabledProtocols)}  ${spProtocolNames(c.winhttpEnabledProtocols).join('|')}`);
  if (c.appSecureProtocols !== undefined) row(m.t('human.label_request_option'), `${hex32(c.appSecureProtocols)}  ${spProtocolNames(c.appSecureProtocols).join('|')}`);
  row(
    m.t('human.label_offered'),
    c.clientOfferedVersions.length
      ? m.t('human.offered', { versions: c.clientOfferedVersions.join(', '), count: c.clientCipherSuites.length }) +
          (c.clientCipherSuites.length ? `: ${c.clientCipherSuites.slice(0, 3).map(o.cipherName).join(', ')}${c.clientCipherSuites.length > 3 ? ', …' : ''}` : '') +
          (c.clientHelloTruncated ? ` ${m.t('human.hello_cut')}` : '')
      : m.t('conn.no_client_hello'),
  );
  row(m.t('conn.server_did'), serverDid(c, m));
  if (c.winhttpErrors.length) row(m.t('conn.winhttp_errors'), c.winhttpErrors.map((e) => codeText(e, WINHTTP_ERROR_NAMES)).join(', '));
  if (c.certErrors.length) row(m.t('human.label_certificate'), c.certErrors.map((e) => renderMessage(m, certProblemMessage(e))).join('; '));
  row(m.t('conn.outcome'), `${c.outcome}${c.findingCodes.length ? `  (${c.findingCodes.join(', ')})` : ''}`);
  out.push(`      ${m.t('human.label_evidence')}`);
  const max = o.maxEvidence ?? 14;
  for (const e of c.evidence.slice(0, max)) out.push(...wrap(`${e.source}: ${evidenceText(m, e)}`, width, `        ${time(e.time)}  `, ' '.repeat(12)));
  const hidden = c.evidence.length - Math.min(max, c.evidence.length) + (c.evidenceCut ?? 0);
  if (hidden > 0) out.push(s.dim(`        ${m.t('human.more_evidence', { count: hidden })}`));
  return out;
}

function healthyLines(c: Connection, width: number, m: Messages): string[] {
  const tls = c.serverSelectedVersion ? `${c.serverSelectedVersion}${c.cipher ? ' ' + c.cipher : ''}` : 'TLS';
  const how = m.t(c.outcome === 'negotiated' ? 'human.negotiated' : c.outcome === 'closed' ? 'human.closed_after_data' : 'human.established_word');
  return wrap(`${connectionTitle(c, m)}  ${c.outcome === 'closed' && !c.serverSelectedVersion ? 'TCP' : tls} ${how}`, width, '  ', '      ');
}

/** Healthy connections grouped by server and process: a long trace holds thousands to one endpoint. */
function healthyGroups(cs: readonly Connection[], width: number, m: Messages): string[] {
  const groups = new Map<string, Connection[]>();
  for (const c of cs) {
    const key = `${c.serverName ?? c.remoteIp ?? ''}\u0000${c.process ?? c.pid ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const out: string[] = [];
  for (const list of groups.values()) {
    if (list.length === 1) {
      out.push(...healthyLines(list[0]!, width, m));
      continue;
    }
    const c = list[0]!;
    const versions = [...new Set(list.map((x) => x.serverSelectedVersion).filter((v): v is string => !!v))];
    const process = c.process ?? (c.pid !== undefined ? `pid ${c.pid}` : m.t('human.unknown_process'));
    const ids = list.length <= 6 ? ` (#${list.map((x) => x.id).join(', #')})` : ` (#${list[0]!.id} … #${list[list.length - 1]!.id})`;
    const line = m.t('human.healthy_group', {
      count: list.length,
      process,
      server: c.serverName ?? c.remoteIp ?? m.t('conn.no_name'),
      versions: versions.length ? ` (${versions.join(', ')})` : '',
      ids,
    });
    out.push(...wrap(line, width, '  ', '      '));
  }
  return out;
}

function otherLines(c: Connection, width: number, m: Messages): string[] {
  return wrap(`${connectionTitle(c, m)}  ${c.outcome}${c.truncated ? ` ${m.t('human.capture_truncated')}` : ''}`, width, '  ', '      ');
}

function inputLine(i: InputSummary, m: Messages): string {
  const dateless = i.startTime !== undefined && isDateless(filetimeToIso(i.startTime)) ? ` ${m.t('human.no_dates')}` : '';
  const span = i.startTime !== undefined ? `${time(i.startTime)} → ${i.endTime !== undefined ? time(i.endTime) : '?'}${dateless}` : m.t('human.span_unknown');
  const lost = (i.eventsLost ?? 0) + (i.buffersLost ?? 0) > 0 ? `, ${m.t('human.lost', { events: i.eventsLost ?? 0, buffers: i.buffersLost ?? 0 })}` : '';
  const counts = m.t('human.input_counts', { events: i.events, packets: i.packets });
  const os = i.osBuild === undefined ? m.t('human.os_unknown') : osLabel(i.osBuild);
  return `${i.path} [${i.format}] ${os}, ${span}, ${counts}${lost}${i.damaged ? `, ${m.t('human.damaged')}` : ''}`;
}

/** The TLS versions the healthy connections selected, saying so when some did not show theirs (cut packets). */
function versionsText(healthy: Connection[], m: Messages): string {
  const known = healthy.map((c) => c.serverSelectedVersion).filter((v): v is string => !!v);
  if (!known.length) return '';
  const versions = [...new Set(known)].join(', ');
  const unseen = healthy.length - known.length;
  return ` (${unseen ? m.t('human.ok_versions_unseen', { versions, unseen }) : versions})`;
}

/** How many connections worked, and how: completed handshakes, negotiated ones, closes after an exchange. */
function healthyText(healthy: Connection[], m: Messages): string {
  const n = (o: string) => healthy.filter((c) => c.outcome === o).length;
  const done = n('established');
  if (done === healthy.length) return m.t('human.all_completed', { count: done });
  const parts = [
    done && m.t('human.some_completed', { count: done }),
    n('negotiated') && m.t('human.some_negotiated', { count: n('negotiated') }),
    n('closed') && m.t('human.some_exchanged', { count: n('closed') }),
  ];
  return m.t('human.worked', { count: healthy.length, parts: parts.filter(Boolean).join(', ') });
}

export function renderAnalyzeHuman(r: AnalysisResult, o: HumanOptions): string {
  const width = o.width ?? 100;
  const s = style(o.color);
  const m = o.messages ?? catalog('en');
  const out: string[] = [];
  const findings = r.findings.map((f) => findingText(f, m));
  const ja = m.lang === 'ja';
  const causes = findings.filter((f) => f.kind !== 'gap');
  const gaps = findings.filter((f) => f.kind === 'gap');
  const top = causes.find((f) => f.severity === 'error');
  const failing = r.connections.filter((c) => !HEALTHY_OUTCOMES.has(c.outcome) && (FAILED_OUTCOMES.has(c.outcome) || c.findingCodes.some((code) => r.findings.some((f) => f.code === code && f.severity === 'error'))));
  const healthy = r.connections.filter((c) => HEALTHY_OUTCOMES.has(c.outcome));
  const others = r.connections.filter((c) => !failing.includes(c) && !healthy.includes(c));

  const unread = r.inputs.length > 0 && r.rejected.length === r.inputs.length;
  if (unread) {
    out.push(s.bold(s.yellow(m.t('human.not_analysed'))));
    for (const e of r.rejected) out.push(...wrap(e.describe(m), width, '  ', '    '));
  } else if (r.verdict === 'failure' && top) {
    for (const l of wrap(m.t('human.failure', { title: top.headline ?? top.title, code: top.code }), width, '', '  ', ja)) out.push(s.bold(s.red(l)));
    out.push(...wrap(top.explanation, width, '  ', undefined, ja));
    out.push('');
    out.push(s.bold(`  ${m.t('human.the_fix')}`));
    out.push(...remediationLines(top.remediation, width, '    ', m.t('punct.full_stop'), ja));
  } else if (r.verdict === 'ok') {
    out.push(s.bold(s.green(m.t('human.ok', { what: healthyText(healthy, m), versions: versionsText(healthy, m) }))));
  } else if (r.verdict === 'inconclusive' && causes.some((f) => f.headline)) {
    // The input says what failed (an error message) without showing why: its reading and the capture come first.
    const said = causes.find((f) => f.headline)!;
    for (const l of wrap(m.t('human.inconclusive_said', { title: said.headline!, code: said.code }), width, '', '  ', ja)) out.push(s.bold(s.yellow(l)));
  } else {
    out.push(s.bold(s.yellow(m.t('human.inconclusive'))));
    if (gaps.length) out.push(...wrap(m.t('human.missing', { codes: gaps.map((g) => g.code).join(', ') }), width, '  '));
  }

  const rest = causes.filter((f) => f !== top);
  if (rest.length) {
    out.push('', s.bold(m.t('section.other_findings_short')));
    for (const f of rest) {
      out.push(...wrap(`${f.title} [${f.code}]`, width, `  ${severityTag(f, s, m)} `, '    ', ja));
      out.push(...wrap(f.explanation, width, '    ', undefined, ja));
      if (f.remediation.length) {
        out.push(`    ${m.t('human.fix')}`);
        out.push(...remediationLines(f.remediation, width, '      ', m.t('punct.full_stop'), ja));
      }
    }
  }

  if (failing.length) {
    out.push('', s.bold(m.t('section.failing', { count: failing.length })));
    failing.forEach((c, i) => {
      if (i > 0) out.push('');
      out.push(...failingBlock(c, o, s, width, m));
    });
  }
  if (healthy.length) {
    out.push('', s.bold(m.t('human.healthy', { count: healthy.length })));
    for (const l of healthyGroups(healthy, width, m)) out.push(s.green(l));
  }
  if (others.length) {
    out.push('', s.bold(m.t('human.others', { count: others.length })));
    for (const c of others) out.push(...otherLines(c, width, m));
  }
  if (gaps.length) {
    out.push('', s.bold(m.t('section.gaps')));
    for (const g of gaps) {
      out.push(...wrap(`${g.title} [${g.code}]`, width, `  ${severityTag(g, s, m)} `, '    ', ja));
      out.push(...wrap(g.explanation, width, '    ', undefined, ja));
      out.push(...remediationLines(g.remediation, width, '      ', m.t('punct.full_stop'), ja));
    }
  }
  out.push('', s.bold(m.t('section.inputs')));
  for (const i of r.inputs) {
    out.push(...wrap(inputLine(i, m), width, '  ', '    '));
    for (const x of i.issues.slice(0, 5)) out.push(...wrap(readIssueText(m, x, x.offset !== undefined ? ` ${m.t('human.at_byte', { offset: `0x${x.offset.toString(16)}` })}` : ''), width, '    ! '));
    if (i.issues.length > 5) out.push(`    ! ${m.t('inputs.more_issues', { count: i.issues.length - 5 })}`);
  }
  const st = r.stats;
  out.push(
    ...wrap(
      m.t('human.stats', { observations: st.observations, packets: st.packets, flows: st.flows, ignored: st.flowsIgnored, connections: r.connections.length }) +
        `${st.cut ? `, ${m.t('footer.cut', { count: st.cut })}` : ''}`,
      width,
      '  ',
    ).map(s.dim),
  );
  return out.join('\n') + '\n';
}
