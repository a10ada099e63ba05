// `analyze --format human`: the answer first (verdict, top finding, the fix), then each failing connection with
// its evidence, the healthy ones grouped by server and process, then what the trace lacks. Prose fits the width
// asked for (100 by default); commands and registry paths are never broken. Colour only when asked.
import type { AnalysisResult, InputSummary } from '../pipeline/index.js';
import type { Connection } from '../correlate/types.js';
import type { Finding, Remediation } from '../diagnose/types.js';
import { FAILED_OUTCOMES, HEALTHY_OUTCOMES, protocolNames } from '../correlate/index.js';
import { osLabel, codeText, SOCKET_ERROR_NAMES, WINHTTP_ERROR_NAMES } from '../diagnose/index.js';
import { hex32 } from '../common/format.js';
import { filetimeToIso } from '../common/time.js';

export interface HumanOptions {
  color: boolean;
  width?: number;
  cipherName: (id: number) => string;
  /** Evidence lines shown per failing connection (the JSON output has all of them). */
  maxEvidence?: number;
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

/** Word-wraps `text` to `width`, the first line prefixed by `first`, the others by `rest`; words are never cut. */
export function wrap(text: string, width: number, first: string, rest = ' '.repeat(first.length)): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  const kept = text.replace(REGISTRY_PATH, (p) => p.replace(/ /g, KEPT_SPACE));
  for (const word of kept.split(/\s+/).filter(Boolean).map((w) => w.replaceAll(KEPT_SPACE, ' '))) {
    const candidate = empty ? line + word : `${line} ${word}`;
    if (candidate.length > width && !empty) {
      out.push(line);
      line = rest + word;
    } else {
      line = candidate;
    }
    empty = false;
  }
  out.push(line);
  return out;
}

function time(t: bigint): string {
  return filetimeToIso(t);
}

function severityTag(f: Finding, s: Style): string {
  const tag = `[${f.severity}]`;
  return f.severity === 'error' ? s.red(tag) : f.severity === 'warning' ? s.yellow(tag) : s.dim(tag);
}

/** Numbered fix steps: prose wrapped, each command whole on its own line. */
export function remediationLines(steps: Remediation[], width: number, indent: string): string[] {
  const out: string[] = [];
  steps.forEach((r, i) => {
    const n = `${indent}${i + 1}. `;
    const sub = ' '.repeat(n.length);
    // Commands are printed whole on one line, however long: a line broken inside quotes runs something else.
    const commands: string[] = [];
    if (r.powershell) commands.push(`${sub}PS> ${r.powershell}`);
    const command = r.command && !r.text.includes(r.command) ? r.command : r.registry && !r.powershell ? regAdd(r.registry) : undefined;
    if (command) commands.push(`${sub}> ${command}`);
    // A step announces its command with a colon; a step with no command to print ends as a sentence.
    const text = commands.length === 0 ? r.text.replace(/:\s*$/, '.') : r.text;
    out.push(...wrap(text, width, n), ...commands);
  });
  return out;
}

/** The `reg add` command that sets a registry value. */
function regAdd(v: NonNullable<Remediation['registry']>): string {
  const data = typeof v.value === 'number' ? String(v.value) : `"${v.value}"`;
  return `reg add "${v.path}" /v ${v.name} /t ${v.type} /d ${data} /f`;
}

function connectionTitle(c: Connection): string {
  const proc = c.process ?? (c.pid !== undefined ? `pid ${c.pid}` : 'unknown process');
  const source = c.pidSource === 'tcpip' ? ', from TCPIP/AFD events' : c.pidSource === 'packet' ? ', from the packet capture' : '';
  const pid = c.process && c.pid !== undefined ? ` (pid ${c.pid}${source})` : c.pid !== undefined && source ? ` (${source.slice(2)})` : '';
  const addr = c.remoteIp ? `${c.remoteIp.includes(':') ? `[${c.remoteIp}]` : c.remoteIp}:${c.remotePort ?? '?'}` : 'no address';
  return `#${c.id} ${proc}${pid} → ${c.serverName ?? '(no name)'}  ${addr}${c.localPort !== undefined ? `  local port ${c.localPort}` : ''}`;
}

function serverDid(c: Connection): string {
  const parts: string[] = [];
  if (c.synUnanswered) parts.push('never answered the SYN');
  if (c.serverSelectedVersion) parts.push(`selected ${c.serverSelectedVersion}${c.cipher ? ` / ${c.cipher}` : ''}`);
  if (c.certificateIssuer || c.certificateSubject) parts.push(`certificate ${c.certificateSubject ?? '?'} issued by ${c.certificateIssuer ?? '?'}`);
  if (c.alert) parts.push(`${c.alert === 'encrypted' ? 'encrypted alert' : `alert ${c.alert}`} from the ${c.alertFrom ?? '?'}`);
  if (c.resetBy) parts.push(`TCP reset by the ${c.resetBy}`);
  if (c.connectError !== undefined) parts.push(`connect error ${codeText(c.connectError, SOCKET_ERROR_NAMES)}`);
  if (c.dnsStatus !== undefined) parts.push(`name lookup failed (status ${c.dnsStatus})`);
  if (!parts.length) parts.push(c.flow ? 'no answer visible in the capture' : 'not visible (no packets of this connection)');
  return parts.join('; ');
}

function failingBlock(c: Connection, o: HumanOptions, s: Style, width: number): string[] {
  const out: string[] = [];
  out.push(...wrap(connectionTitle(c), width, '  ', '      ').map((l, i) => (i === 0 ? s.bold(l) : l)));
  const row = (label: string, value: string) => out.push(...wrap(value, width, `      ${label.padEnd(16)}`, ' '.repeat(22)));
  row('client', c.clientStack === 'winhttp' ? 'WinHTTP (WebIO)' : c.clientStack === 'dotnet' ? '.NET (not WinHTTP)' : 'not known');
  row('WinHTTP enabled', c.winhttpEnabledProtocols === undefined ? 'not in the trace' : `${hex32(c.winhttpEnabledProtocols)}  ${protocolNames(c.winhttpEnabledProtocols).join('|')}`);
  if (c.appSecureProtocols !== undefined) row('request option', `${hex32(c.appSecureProtocols)}  ${protocolNames(c.appSecureProtocols).join('|')}`);
  row(
    'offered',
    c.clientOfferedVersions.length
      ? `${c.clientOfferedVersions.join(', ')} with ${plural(c.clientCipherSuites.length, 'cipher suite')}` +
          (c.clientCipherSuites.length ? `: ${c.clientCipherSuites.slice(0, 3).map(o.cipherName).join(', ')}${c.clientCipherSuites.length > 3 ? ', …' : ''}` : '') +
          (c.clientHelloTruncated ? ' (ClientHello cut by the capture)' : '')
      : 'no ClientHello in the trace',
  );
  row('server', serverDid(c));
  if (c.winhttpErrors.length) row('WinHTTP errors', c.winhttpErrors.map((e) => codeText(e, WINHTTP_ERROR_NAMES)).join(', '));
  if (c.certErrors.length) row('certificate', c.certErrors.join('; '));
  row('outcome', `${c.outcome}${c.findingCodes.length ? `  (${c.findingCodes.join(', ')})` : ''}`);
  out.push('      evidence');
  const max = o.maxEvidence ?? 14;
  for (const e of c.evidence.slice(0, max)) out.push(...wrap(`${e.source}: ${e.text}`, width, `        ${time(e.time)}  `, ' '.repeat(12)));
  const hidden = c.evidence.length - Math.min(max, c.evidence.length) + (c.evidenceCut ?? 0);
  if (hidden > 0) out.push(s.dim(`        … ${plural(hidden, 'more evidence line')} (see --format json)`));
  return out;
}

function healthyLines(c: Connection, width: number): string[] {
  const tls = c.serverSelectedVersion ? `${c.serverSelectedVersion}${c.cipher ? ' ' + c.cipher : ''}` : 'TLS';
  const how =
    c.outcome === 'negotiated'
      ? 'negotiated (the trace ends before the handshake finished; no alert, reset or error)'
      : c.outcome === 'closed'
        ? 'exchanged data, then closed by a reset (a normal close)'
        : 'established';
  return wrap(`${connectionTitle(c)}  ${c.outcome === 'closed' && !c.serverSelectedVersion ? 'TCP' : tls} ${how}`, width, '  ', '      ');
}

/** `3 connections` / `1 connection`, with thousands separators. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Healthy connections grouped by server and process: a long trace holds thousands to one endpoint. */
function healthyGroups(cs: readonly Connection[], width: number): string[] {
  const groups = new Map<string, Connection[]>();
  for (const c of cs) {
    const key = `${c.serverName ?? c.remoteIp ?? '(no name)'}\u0000${c.process ?? (c.pid !== undefined ? `pid ${c.pid}` : 'unknown process')}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const out: string[] = [];
  for (const list of groups.values()) {
    if (list.length === 1) {
      out.push(...healthyLines(list[0]!, width));
      continue;
    }
    const c = list[0]!;
    const versions = [...new Set(list.map((x) => x.serverSelectedVersion).filter((v): v is string => !!v))];
    const proc = c.process ?? (c.pid !== undefined ? `pid ${c.pid}` : 'an unknown process');
    const ids = list.length <= 6 ? ` (#${list.map((x) => x.id).join(', #')})` : ` (#${list[0]!.id} … #${list[list.length - 1]!.id})`;
    out.push(...wrap(`${plural(list.length, 'connection')} from ${proc} to ${c.serverName ?? c.remoteIp ?? '(no name)'} succeeded${versions.length ? ` (${versions.join(', ')})` : ''}${ids}`, width, '  ', '      '));
  }
  return out;
}

function otherLines(c: Connection, width: number): string[] {
  return wrap(`${connectionTitle(c)}  ${c.outcome}${c.truncated ? ' (capture truncated)' : ''}`, width, '  ', '      ');
}

function inputLine(i: InputSummary): string {
  const span = i.startTime !== undefined ? `${time(i.startTime)} → ${i.endTime !== undefined ? time(i.endTime) : '?'}` : 'time span unknown';
  const lost = (i.eventsLost ?? 0) + (i.buffersLost ?? 0) > 0 ? `, lost ${i.eventsLost ?? 0} events / ${i.buffersLost ?? 0} buffers` : '';
  return `${i.path} [${i.format}] ${osLabel(i.osBuild)}, ${span}, ${plural(i.events, 'event')}, ${plural(i.packets, 'packet')}${lost}${i.damaged ? ', DAMAGED' : ''}`;
}

/** How many connections worked, and how: completed handshakes, negotiated ones, closes after an exchange. */
function healthyText(healthy: Connection[]): string {
  const n = (o: string) => healthy.filter((c) => c.outcome === o).length;
  const done = n('established');
  if (done === healthy.length) return `${plural(done, 'connection')} completed the TLS handshake`;
  const parts = [done && `${done} completed the TLS handshake`, n('negotiated') && `${n('negotiated')} negotiated TLS`, n('closed') && `${n('closed')} exchanged data`];
  return `${plural(healthy.length, 'connection')} worked: ${parts.filter(Boolean).join(', ')}`;
}

export function renderAnalyzeHuman(r: AnalysisResult, o: HumanOptions): string {
  const width = o.width ?? 100;
  const s = style(o.color);
  const out: string[] = [];
  const causes = r.findings.filter((f) => f.kind !== 'gap');
  const gaps = r.findings.filter((f) => f.kind === 'gap');
  const top = causes.find((f) => f.severity === 'error');
  const failing = r.connections.filter((c) => !HEALTHY_OUTCOMES.has(c.outcome) && (FAILED_OUTCOMES.has(c.outcome) || c.findingCodes.some((code) => r.findings.some((f) => f.code === code && f.severity === 'error'))));
  const healthy = r.connections.filter((c) => HEALTHY_OUTCOMES.has(c.outcome));
  const others = r.connections.filter((c) => !failing.includes(c) && !healthy.includes(c));

  const unread = r.inputs.length > 0 && r.rejected.length === r.inputs.length;
  if (unread) {
    out.push(s.bold(s.yellow(`NOT ANALYSED: no input could be read.`)));
    for (const e of r.rejected) out.push(...wrap(e.describe(), width, '  ', '    '));
  } else if (r.verdict === 'failure' && top) {
    for (const l of wrap(`FAILURE: ${top.headline ?? top.title} [${top.code}]`, width, '', '  ')) out.push(s.bold(s.red(l)));
    out.push(...wrap(top.explanation, width, '  '));
    out.push('');
    out.push(s.bold('  The fix:'));
    out.push(...remediationLines(top.remediation, width, '    '));
  } else if (r.verdict === 'ok') {
    const versions = [...new Set(healthy.map((c) => c.serverSelectedVersion).filter((v): v is string => !!v))];
    out.push(
      s.bold(s.green(`OK: ${healthyText(healthy)}${versions.length ? ` (${versions.join(', ')})` : ''}; no failure found.`)),
    );
  } else if (r.verdict === 'inconclusive' && causes.some((f) => f.headline)) {
    // The input says what failed (an error message) without showing why: its reading and the capture come first.
    const said = causes.find((f) => f.headline)!;
    for (const l of wrap(`INCONCLUSIVE: ${said.headline} [${said.code}]`, width, '', '  ')) out.push(s.bold(s.yellow(l)));
  } else {
    out.push(s.bold(s.yellow('INCONCLUSIVE: this trace shows no failed and no completed TLS connection.')));
    if (gaps.length) out.push(...wrap(`What is missing: ${gaps.map((g) => g.code).join(', ')} (below, with the capture command that would answer).`, width, '  '));
  }

  const rest = causes.filter((f) => f !== top);
  if (rest.length) {
    out.push('', s.bold('Other findings'));
    for (const f of rest) {
      out.push(...wrap(`${f.title} [${f.code}]`, width, `  ${severityTag(f, s)} `, '    '));
      out.push(...wrap(f.explanation, width, '    '));
      if (f.remediation.length) {
        out.push('    Fix:');
        out.push(...remediationLines(f.remediation, width, '      '));
      }
    }
  }

  if (failing.length) {
    out.push('', s.bold(`Failing connections (${failing.length})`));
    failing.forEach((c, i) => {
      if (i > 0) out.push('');
      out.push(...failingBlock(c, o, s, width));
    });
  }
  if (healthy.length) {
    out.push('', s.bold(`Healthy connections (${healthy.length})`));
    for (const l of healthyGroups(healthy, width)) out.push(s.green(l));
  }
  if (others.length) {
    out.push('', s.bold(`Other connections (${others.length}, neither failed nor completed)`));
    for (const c of others) out.push(...otherLines(c, width));
  }
  if (gaps.length) {
    out.push('', s.bold('Gaps in this trace'));
    for (const g of gaps) {
      out.push(...wrap(`${g.title} [${g.code}]`, width, `  ${severityTag(g, s)} `, '    '));
      out.push(...wrap(g.explanation, width, '    '));
      out.push(...remediationLines(g.remediation, width, '      '));
    }
  }
  out.push('', s.bold('Inputs'));
  for (const i of r.inputs) {
    out.push(...wrap(inputLine(i), width, '  ', '    '));
    for (const x of i.issues.slice(0, 5)) out.push(...wrap(`${x.kind}${x.offset !== undefined ? ` at byte 0x${x.offset.toString(16)}` : ''}: ${x.message}`, width, '    ! '));
    if (i.issues.length > 5) out.push(`    ! … ${i.issues.length - 5} more`);
  }
  const st = r.stats;
  out.push(
    ...wrap(
      `${plural(st.observations, 'observation')}, ${plural(st.packets, 'packet')}, ${plural(st.flows, 'TCP flow')} (${st.flowsIgnored.toLocaleString('en-US')} not on a port of interest), ` +
        `${plural(r.connections.length, 'connection')}${st.cut ? `, ${plural(st.cut, 'item')} over the memory bounds counted but not kept` : ''}`,
      width,
      '  ',
    ).map(s.dim),
  );
  return out.join('\n') + '\n';
}
