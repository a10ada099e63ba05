// Renders the diagnosis' language-neutral messages (src/diagnose/message.ts) with a message catalog: every
// finding title, explanation, headline and fix-step text a report shows comes through here.
import type { MessageParam } from '../../diagnose/message.js';
import { decodeMessages } from '../../common/message.js';
import type { Finding, Remediation } from '../../diagnose/types.js';
import type { MessageKey, Messages } from '../../common/i18n/catalog.js';

/** A fix step with its words in one language (its commands and registry values are the same in all). */
export interface RemediationText extends Omit<Remediation, 'text'> {
  text: string;
}

/** A finding with its words in one language. */
export interface FindingText extends Omit<Finding, 'title' | 'explanation' | 'headline' | 'remediation'> {
  title: string;
  explanation: string;
  headline?: string;
  remediation: RemediationText[];
}

/**
 * The text of a message. Numbers are written as they are (`1217`, no grouping), as the explanations always
 * quoted them: counts, ids and codes are read together with the evidence lines.
 */
export function renderMessage(m: Messages, p: MessageParam): string {
  if (typeof p === 'string') return carriedText(m, p);
  if (typeof p === 'number') return String(p);
  if ('items' in p) return p.items.map((i) => renderMessage(m, i)).join(m.t(`sep.${p.sep}` as MessageKey));
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.params ?? {})) params[k] = renderMessage(m, v);
  return m.t(p.key as MessageKey, params);
}

/**
 * A text that may carry messages of a lower layer (src/common/message.ts), as an evidence reference's text or a
 * read problem the diagnosis quotes does: each one rendered, the rest (the trace's own words) as it is.
 */
export function carriedText(m: Messages, text: string): string {
  return decodeMessages(text, (x) => renderMessage(m, x));
}

/** `client` / `server` (the end of a connection that did something) in the language of `m`; other values as they are. */
export function sideText(m: Messages, side: string): string {
  return side === 'client' ? m.t('evidence.side.client') : side === 'server' ? m.t('evidence.side.server') : side;
}

export function remediationText(r: Remediation, m: Messages): RemediationText {
  return { ...r, text: renderMessage(m, r.text) };
}

export function findingText(f: Finding, m: Messages): FindingText {
  const out: FindingText = {
    ...f,
    title: renderMessage(m, f.title),
    explanation: renderMessage(m, f.explanation),
    headline: undefined,
    remediation: f.remediation.map((r) => remediationText(r, m)),
  };
  if (f.headline !== undefined) out.headline = renderMessage(m, f.headline);
  else delete out.headline;
  return out;
}
