// `tracedoctor explain CODE`: what a WinHTTP error (12175), an HRESULT (0x80072f8f), a Schannel status
// (0x80090326, SEC_E_ILLEGAL_MESSAGE), an Entra ID code (AADSTS1002016) or a finding code means, its likely causes
// with their fixes, and the capture that proves which — read from the same catalogs the reports use (the
// REPORTED_ERROR meanings, the pasted-error catalog, the finding catalog), never written separately here.
import { CATALOG, CAPTURE } from '../diagnose/index.js';
import { SECURITY_STATUS_NAMES, isSecurityFailure } from '../windows/security-status.js';
import type { TraceContext } from '../diagnose/index.js';
import type { ReportedError } from '../diagnose/reported.js';
import { meaningOf, REPORTED_MEANINGS } from '../diagnose/reported.js';
import { explainReported, groupReported, remediateReported } from '../diagnose/reported-describe.js';
import { ERROR_CATALOG } from '../text/index.js';
import { WINHTTP_ERROR_NAMES, winHttpCodeFromHresult, winHttpErrorByName } from '../windows/winhttp-errors.js';
import { hex32 } from '../common/format.js';
import { remediationLines, wrap } from './analyze-human.js';
import { messages, type Messages } from '../common/i18n/catalog.js';
import { remediationText, renderMessage, type RemediationText } from './i18n/render.js';

export interface Explanation {
  code: string;
  title: string;
  meaning: string;
  remediation: RemediationText[];
}


const NO_TRACE: TraceContext = {
  eventsLost: 0,
  buffersLost: 0,
  readIssues: [],
  damaged: false,
  packets: 0,
  stats: { observations: 0, byKind: {}, flows: 0, flowsJoined: 0, flowsIgnored: 0, cut: 0, webioEvents: 0, winhttpEvents: 0, packets: 0 },
  facts: { proxyEvents: [], unattachedErrors: [], winrmEvents: [], schannelEvents: [], versionMismatches: [], captureFilters: [], dns: new Map(), processes: new Map() },
  connections: [],
  errorTextOnly: true,
};

function reported(r: Omit<ReportedError, 'ref' | 'text'>, text: string, m: Messages): ReportedError {
  return { ...r, text, ref: { time: 0n, source: m.t('explain.code_given'), text } };
}

/** The message a code stands for, as the REPORTED_ERROR rows read messages; undefined when it is no such code. */
function asReported(code: string, m: Messages): ReportedError | undefined {
  const c = code.trim();
  const aadsts = /^AADSTS\d+$/i.exec(c)?.[0].toUpperCase();
  if (aadsts) {
    const entry = ERROR_CATALOG.find((e) => e.aadsts === aadsts);
    return reported({ kinds: entry ? [entry.kind] : ['unrecognised_error'], aadsts }, aadsts, m);
  }
  const named = winHttpErrorByName(c.toUpperCase());
  const n = /^0x[0-9a-f]{1,8}$/i.test(c) ? parseInt(c, 16) >>> 0 : /^\d+$/.test(c) ? Number(c) : named?.code;
  const sec = Object.entries(SECURITY_STATUS_NAMES).find(([, name]) => name === c.toUpperCase())?.[0];
  const status = sec !== undefined ? Number(sec) : n;
  if (status === undefined) return undefined;
  const winHttp = status >= 12000 && status < 12200 ? status : winHttpCodeFromHresult(status);
  if (winHttp !== undefined) return reported({ kinds: [`winhttp_${winHttp}`], winHttpError: winHttp }, `WinHTTP ${winHttp}`, m);
  const row = REPORTED_MEANINGS.find((m) => m.schannel?.includes(status));
  if (!(isSecurityFailure(status) && SECURITY_STATUS_NAMES[status]) && !row) return undefined;
  const shown = `${hex32(status)} ${SECURITY_STATUS_NAMES[status] ?? ''}`.trim();
  return reported({ kinds: row ? [row.kinds[0]!] : [], meaning: m.t('explain.schannel_returned', { status: shown }) }, shown, m);
}

/** What `code` means, in the words of `m` (English unless asked); undefined when it is no code this tool knows. */
export function explainCode(code: string, m: Messages = messages('en')): Explanation | undefined {
  const rule = CATALOG.find((r) => r.code === code.trim().toUpperCase());
  if (rule) {
    return {
      code: rule.code,
      title: m.t(rule.kind === 'gap' ? 'explain.gap_title' : 'explain.finding_title', { title: renderMessage(m, rule.title), code: rule.code, severity: m.t(`severity.${rule.severity}`) }),
      meaning: m.t('explain.from_the_trace'),
      remediation: [
        { text: m.t('explain.capture_step'), command: CAPTURE.netshStart },
        { text: m.t('explain.stop_step'), command: CAPTURE.netshStop },
      ],
    };
  }
  const r = asReported(code, m);
  if (!r) return undefined;
  const groups = groupReported([r]);
  const row = meaningOf(r);
  const name = r.winHttpError !== undefined ? WINHTTP_ERROR_NAMES[r.winHttpError] : undefined;
  const title = `${code.trim()}${name ? ` ${name}` : ''}${row ? ` — ${renderMessage(m, row.label)}` : ''}`;
  return { code: code.trim(), title, meaning: meaningText(groups, m), remediation: remediateReported(groups, NO_TRACE).map((r) => remediationText(r, m)) };
}

/**
 * The meaning as analyze words it for an error text, but closing on what the capture shows: a code on the
 * command line is no input that could lack a trace.
 */
function meaningText(groups: ReturnType<typeof groupReported>, m: Messages): string {
  const text = renderMessage(m, explainReported(groups, NO_TRACE));
  const inputOnly = m.t('reported.error_text_only');
  if (!text.endsWith(inputOnly)) return text;
  return text.slice(0, text.length - inputOnly.length).trimEnd() + m.t('sep.sentence') + m.t('explain.capture_shows');
}

export function renderExplanation(e: Explanation, width: number, m: Messages = messages('en')): string {
  const ja = m.lang === 'ja';
  return (
    [
      ...wrap(e.title, width, '', undefined, ja),
      ...wrap(e.meaning, width, '  ', undefined, ja),
      '',
      `  ${m.t('human.the_fix')}`,
      ...remediationLines(e.remediation, width, '    ', m.t('punct.full_stop'), ja),
    ].join('\n') + '\n'
  );
}
