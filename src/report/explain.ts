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
import { messages } from './i18n/catalog.js';
import { remediationText, renderMessage, type RemediationText } from './i18n/render.js';

export interface Explanation {
  code: string;
  title: string;
  meaning: string;
  remediation: RemediationText[];
}

const EN = messages('en');

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

function reported(r: Omit<ReportedError, 'ref' | 'text'>, text: string): ReportedError {
  return { ...r, text, ref: { time: 0n, source: 'the code given', text } };
}

/** The message a code stands for, as the REPORTED_ERROR rows read messages; undefined when it is no such code. */
function asReported(code: string): ReportedError | undefined {
  const c = code.trim();
  const aadsts = /^AADSTS\d+$/i.exec(c)?.[0].toUpperCase();
  if (aadsts) {
    const entry = ERROR_CATALOG.find((e) => e.aadsts === aadsts);
    return reported({ kinds: entry ? [entry.kind] : ['unrecognised_error'], aadsts, meaning: entry?.meaning }, aadsts);
  }
  const named = winHttpErrorByName(c.toUpperCase());
  const n = /^0x[0-9a-f]{1,8}$/i.test(c) ? parseInt(c, 16) >>> 0 : /^\d+$/.test(c) ? Number(c) : named?.code;
  const sec = Object.entries(SECURITY_STATUS_NAMES).find(([, name]) => name === c.toUpperCase())?.[0];
  const status = sec !== undefined ? Number(sec) : n;
  if (status === undefined) return undefined;
  const winHttp = status >= 12000 && status < 12200 ? status : winHttpCodeFromHresult(status);
  if (winHttp !== undefined) return reported({ kinds: [`winhttp_${winHttp}`], winHttpError: winHttp }, `WinHTTP ${winHttp}`);
  const row = REPORTED_MEANINGS.find((m) => m.schannel?.includes(status));
  if (!(isSecurityFailure(status) && SECURITY_STATUS_NAMES[status]) && !row) return undefined;
  return reported({ kinds: row ? [row.kinds[0]!] : [], meaning: `Schannel returned ${hex32(status)} ${SECURITY_STATUS_NAMES[status] ?? ''}`.trim() }, `${hex32(status)} ${SECURITY_STATUS_NAMES[status] ?? ''}`.trim());
}

export function explainCode(code: string): Explanation | undefined {
  const rule = CATALOG.find((r) => r.code === code.trim().toUpperCase());
  if (rule) {
    return {
      code: rule.code,
      title: `${renderMessage(EN, rule.title)} [${rule.code}] — a ${rule.severity} ${rule.kind === 'gap' ? 'gap' : 'finding'} of \`analyze\``,
      meaning: 'The evidence, the exact cause and the fix come from the trace: run `tracedoctor analyze` on it.',
      remediation: [
        { text: 'Capture while reproducing the failing command:', command: CAPTURE.netshStart },
        { text: 'Stop the capture, then analyse the .etl:', command: CAPTURE.netshStop },
      ],
    };
  }
  const r = asReported(code);
  if (!r) return undefined;
  const groups = groupReported([r]);
  const row = meaningOf(r);
  const name = r.winHttpError !== undefined ? WINHTTP_ERROR_NAMES[r.winHttpError] : undefined;
  const title = `${code.trim()}${name ? ` ${name}` : ''}${row ? ` — ${renderMessage(EN, row.label)}` : ''}`;
  const meaning = renderMessage(EN, explainReported(groups, NO_TRACE)).replace(/ The input is the error text only, not a trace: the capture/, ' The capture');
  return { code: code.trim(), title, meaning, remediation: remediateReported(groups, NO_TRACE).map((r) => remediationText(r, EN)) };
}

export function renderExplanation(e: Explanation, width: number): string {
  return [...wrap(e.title, width, ''), ...wrap(e.meaning, width, '  '), '', '  The fix:', ...remediationLines(e.remediation, width, '    ')].join('\n') + '\n';
}
