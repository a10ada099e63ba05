// `analyze --fix-script FILE`: the remediation of the diagnosis as a PowerShell script and a .reg file that are
// safe to copy: every line whole (no wrapping inside quoted registry paths), every step commented with what it
// is for. Only the registry values are executed; installing a KB, restarting a service or capturing again are
// left as commented instructions, because they need a person to decide when.
import type { AnalysisResult } from '../pipeline/index.js';
import { hex32 } from '../common/format.js';
import { messages, type Messages } from '../common/i18n/catalog.js';
import { findingText, type FindingText, type RemediationText } from './i18n/render.js';

type RegistryStep = RemediationText & { registry: NonNullable<RemediationText['registry']> };

/** The findings whose fixes the script carries: the diagnosed causes (errors), not the capture gaps; in the words of `m`. */
function causes(r: AnalysisResult, m: Messages): FindingText[] {
  return r.findings.filter((f) => f.kind !== 'gap' && f.severity === 'error' && f.remediation.length > 0).map((f) => findingText(f, m));
}

function comment(text: string): string[] {
  return text.split(/\r?\n/).map((l) => `# ${l}`.trimEnd());
}

/**
 * PowerShell text: UTF-8 with a byte order mark (Windows PowerShell 5.1 reads BOM-less files as ANSI, and the
 * comments may be Japanese), CRLF. Comments are in the words of `m`; commands and registry values never change.
 */
export function renderFixScript(r: AnalysisResult, m: Messages = messages('en')): string {
  const out: string[] = [
    ...comment(m.t('script.written_from')),
    ...r.inputs.map((i) => `#   ${i.path}`),
    ...comment(m.t('script.review')),
    ...comment(m.t('script.only_registry')),
    '',
  ];
  const found = causes(r, m);
  if (found.length === 0) {
    out.push(...comment(m.t('script.nothing_to_change', { verdict: r.verdict })));
    return '\uFEFF' + out.join('\r\n') + '\r\n';
  }
  out.push('#Requires -RunAsAdministrator', "$ErrorActionPreference = 'Stop'", '');
  for (const f of found) {
    out.push(`# ---- ${f.title} [${f.code}]`);
    let i = 0;
    for (const step of f.remediation) {
      if (step.heading) {
        out.push(...comment(step.text));
        i = 0;
        continue;
      }
      out.push(...comment(`${++i}. ${step.text}`));
      if (step.registry && step.powershell) out.push(step.powershell);
      else if (step.powershell) out.push(`#    PS> ${step.powershell}`);
      if (step.command && !step.text.includes(step.command)) out.push(`#    > ${step.command}`);
    }
    out.push('');
  }
  return '\uFEFF' + out.join('\r\n') + '\r\n';
}

function registrySteps(r: AnalysisResult, m: Messages): { finding: FindingText; step: RegistryStep }[] {
  const seen = new Set<string>();
  const out: { finding: FindingText; step: RegistryStep }[] = [];
  for (const f of causes(r, m)) {
    for (const step of f.remediation) {
      if (!step.registry) continue;
      const key = `${step.registry.path}\\${step.registry.name}`.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ finding: f, step: step as RegistryStep });
    }
  }
  return out;
}

const HIVES: Record<string, string> = { HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER' };

function regKey(path: string): string {
  return path.replace(/^(HKLM|HKCU)\\/, (_m, hive: string) => `${HIVES[hive]}\\`);
}

function regValue(reg: RegistryStep['registry']): string {
  if (reg.type === 'REG_DWORD') return `dword:${hex32(Number(reg.value)).slice(2).toLowerCase()}`;
  return `"${String(reg.value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The .reg text (regedit's "Version 5.00" format), or undefined when the diagnosis sets no registry value.
 * Its comments are in the words of `m` (the file is UTF-16, so any language is kept).
 */
export function renderFixReg(r: AnalysisResult, m: Messages = messages('en')): string | undefined {
  const steps = registrySteps(r, m);
  if (steps.length === 0) return undefined;
  const out: string[] = ['Windows Registry Editor Version 5.00', '', `; ${m.t('reg.written_by')}`];
  let lastKey = '';
  for (const { finding, step } of steps) {
    const key = regKey(step.registry.path);
    out.push('', `; ${finding.code}: ${step.text.replace(/\r?\n/g, ' ')}`);
    if (key !== lastKey) out.push(`[${key}]`);
    lastKey = key;
    out.push(`"${step.registry.name}"=${regValue(step.registry)}`);
  }
  return out.join('\r\n') + '\r\n';
}

/** regedit reads Version 5.00 files as UTF-16 little-endian with a byte order mark. */
export function regFileBytes(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** `fix.ps1` → `fix.reg`; any other name gets `.reg` appended. */
export function regPathFor(scriptPath: string): string {
  return /\.ps1$/i.test(scriptPath) ? scriptPath.replace(/\.ps1$/i, '.reg') : `${scriptPath}.reg`;
}
