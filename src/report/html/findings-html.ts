// The finding parts of the HTML report: the verdict with the cause in one sentence, the fix steps with copy
// buttons (PowerShell, commands, a .reg file of the registry values), other findings, and the gaps with the
// capture command that would close each.
import type { AnalyzeRecord } from '../analyze-json.js';
import { regFileText } from '../reg-file.js';
import type { Messages } from '../../common/i18n/catalog.js';
import { readIssueText } from '../i18n/read-issues.js';
import { evidenceText } from '../i18n/packet-text.js';
import { esc } from './escape.js';
import { displayTime, isDateless } from '../../common/time.js';

export type FindingRecord = AnalyzeRecord['findings'][number];
export type RemediationRecord = FindingRecord['remediation'][number];

/** A command block with its copy button; the button carries the exact text. */
export function copyBlock(text: string, kind: 'powershell' | 'command' | 'reg', m: Messages): string {
  return (
    `<div class="cmd cmd-${kind}"><div class="cmd-bar"><span class="cmd-kind">${esc(m.t(`fix.kind_${kind}`))}</span>` +
    `<button type="button" class="copy" data-copy="${esc(text)}">${esc(m.t('fix.copy'))}</button></div>` +
    `<pre><code>${esc(text)}</code></pre></div>`
  );
}

/** The first sentence of an explanation (the cause in one sentence), and the rest. */
export function splitFirstSentence(text: string): [string, string] {
  const m = /^(.+?[.!?。])\s*(?=[A-Z「（(\u3040-\u30ff\u4e00-\u9fff]|$)/su.exec(text);
  if (!m || m[1]!.length < 20) return [text, ''];
  return [m[1]!, text.slice(m[0].length).trim()];
}

function stepHtml(r: RemediationRecord, m: Messages): string {
  const parts = [`<p class="step-text">${esc(r.text)}${r.kb ? ` <span class="kb">${esc(r.kb)}</span>` : ''}</p>`];
  if (r.powershell) parts.push(copyBlock(r.powershell, 'powershell', m));
  if (r.command) parts.push(copyBlock(r.command, 'command', m));
  return `<li>${parts.join('')}</li>`;
}

/** Fix steps as an ordered list, then the registry values of the steps as one .reg snippet. */
export function fixHtml(f: FindingRecord, m: Messages): string {
  if (!f.remediation.length) return '';
  const reg = regFileText(f.remediation.flatMap((r) => (r.registry ? [r.registry as Parameters<typeof regFileText>[0][number]] : [])));
  // Steps under a heading (the cause they fix) are their own list, numbered from 1.
  const groups: { heading?: RemediationRecord; steps: RemediationRecord[] }[] = [];
  for (const r of f.remediation) {
    if ('heading' in r && r.heading) groups.push({ heading: r, steps: [] });
    else if (groups.length) groups[groups.length - 1]!.steps.push(r);
    else groups.push({ steps: [r] });
  }
  const lists = groups
    .map((g) => `${g.heading ? `<p class="fix-cause">${esc(g.heading.text)}</p>` : ''}${g.steps.length ? `<ol class="fix-steps">${g.steps.map((r) => stepHtml(r, m)).join('')}</ol>` : ''}`)
    .join('');
  return (
    lists +
    (reg ? `<div class="reg"><p class="reg-intro">${esc(m.t('fix.reg_intro'))}</p>${copyBlock(reg, 'reg', m)}</div>` : '')
  );
}

function severityBadge(f: FindingRecord, m: Messages): string {
  return `<span class="badge sev-${esc(f.severity)}">${esc(m.t(`severity.${f.severity}` as 'severity.error'))}</span>`;
}

function evidenceList(f: FindingRecord, m: Messages): string {
  if (!f.evidence.length) return '';
  const rows = f.evidence.map((e) => `<li><time>${esc(displayTime(e.time))}</time> <span class="src">${esc(e.source)}</span> ${esc(evidenceText(m, e))}</li>`).join('');
  return `<details class="finding-evidence collapsible"><summary>${esc(m.t('finding.evidence', { count: f.evidence.length }))}</summary><ul class="evidence-list">${rows}</ul></details>`;
}

export function verdictHtml(r: AnalyzeRecord, m: Messages): string {
  const top = r.findings.find((f) => f.severity === 'error' && f.kind !== 'gap');
  const verdictWord = m.t(`verdict.${r.verdict}` as 'verdict.failure');
  if (r.verdict === 'failure' && top) {
    const [cause, rest] = splitFirstSentence(top.explanation);
    return (
      `<section class="verdict verdict-failure" id="verdict"><p class="verdict-word">${esc(verdictWord)}</p>` +
      `<h1>${esc(top.title)} <code class="code">${esc(top.code)}</code></h1>` +
      `<p class="cause">${esc(cause)}</p>${rest ? `<p class="explanation">${esc(rest)}</p>` : ''}` +
      `<h2 id="fix">${esc(m.t('section.fix'))}</h2>${fixHtml(top, m)}${evidenceList(top, m)}</section>`
    );
  }
  const established = r.summary.established;
  const said = r.findings.find((f) => f.kind !== 'gap');
  const line =
    r.verdict === 'ok'
      ? m.t('verdict.ok_line', { count: established })
      : said
        ? said.title
        : m.t('verdict.inconclusive_line');
  return (
    `<section class="verdict verdict-${esc(r.verdict)}" id="verdict"><p class="verdict-word">${esc(verdictWord)}</p>` +
    `<h1>${esc(line)}${said && r.verdict !== 'ok' ? ` <code class="code">${esc(said.code)}</code>` : ''}</h1>` +
    (said && r.verdict !== 'ok' ? `<p class="explanation">${esc(said.explanation)}</p>${said.remediation.length ? `<h2 id="fix">${esc(m.t('section.next_steps'))}</h2>${fixHtml(said, m)}` : ''}` : '') +
    `</section>`
  );
}

function findingCard(r: AnalyzeRecord, f: FindingRecord, m: Messages): string {
  // A code can appear more than once (one finding per failing server): the id is the finding's position.
  return (
    `<article class="finding finding-${esc(f.kind)}" id="finding-${r.findings.indexOf(f) + 1}" data-code="${esc(f.code)}">` +
    `<h3>${severityBadge(f, m)} ${esc(f.title)} <code class="code">${esc(f.code)}</code></h3>` +
    `<p class="explanation">${esc(f.explanation)}</p>` +
    (f.remediation.length ? `<details class="collapsible" open><summary>${esc(m.t(f.kind === 'gap' ? 'gap.capture' : 'finding.fix'))}</summary>${fixHtml(f, m)}</details>` : '') +
    evidenceList(f, m) +
    `</article>`
  );
}

/** The findings other than the one the verdict shows (causes and notes). */
export function otherFindingsHtml(r: AnalyzeRecord, m: Messages): string {
  const top = r.verdict === 'failure' ? r.findings.find((f) => f.severity === 'error' && f.kind !== 'gap') : r.findings.find((f) => f.kind !== 'gap');
  const rest = r.findings.filter((f) => f !== top && f.kind !== 'gap');
  if (!rest.length) return '';
  return `<section id="findings"><h2>${esc(m.t('section.other_findings', { count: rest.length }))}</h2>${rest.map((f) => findingCard(r, f, m)).join('')}</section>`;
}

export function gapsHtml(r: AnalyzeRecord, m: Messages): string {
  const gaps = r.findings.filter((f) => f.kind === 'gap');
  const body = gaps.length ? gaps.map((f) => findingCard(r, f, m)).join('') : `<p class="none">${esc(m.t('gap.none'))}</p>`;
  return `<section id="gaps"><h2>${esc(m.t('section.gaps'))}</h2>${body}</section>`;
}

export function inputsHtml(r: AnalyzeRecord, m: Messages): string {
  const rows = r.inputs
    .map((i) => {
      const issues = i.issues.slice(0, 8).map((x) => `<li>${esc(readIssueText(m, x, x.offset !== null ? ` @0x${x.offset.toString(16)}` : ''))}</li>`).join('');
      const more = i.issues.length > 8 ? `<li>${esc(m.t('inputs.more_issues', { count: i.issues.length - 8 }))}</li>` : '';
      return (
        `<tr><td class="path">${esc(i.path)}</td><td>${esc(i.format)}</td><td>${esc(i.os_build !== null ? `${i.os_version ?? ''} build ${i.os_build}` : '—')}</td>` +
        `<td>${esc(i.start_time ? displayTime(i.start_time) : '—')}<br>${esc(i.end_time ? displayTime(i.end_time) : '—')}${i.start_time && isDateless(i.start_time) ? `<br>${esc(m.t('human.no_dates'))}` : ''}</td><td class="num">${i.events}</td><td class="num">${i.packets}</td>` +
        `<td>${i.damaged ? `<strong class="bad">${esc(m.t('inputs.damaged'))}</strong>` : ''}${issues || more ? `<ul class="issues">${issues}${more}</ul>` : ''}</td></tr>`
      );
    })
    .join('');
  const head = ['inputs.file', 'inputs.format', 'inputs.os', 'inputs.span', 'inputs.events', 'inputs.packets', 'inputs.issues'] as const;
  return (
    `<section id="inputs"><h2>${esc(m.t('section.inputs'))}</h2><div class="scroll"><table class="inputs"><thead><tr>${head.map((k) => `<th>${esc(m.t(k))}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows}</tbody></table></div></section>`
  );
}
