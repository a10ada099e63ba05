// Findings as the English report words them: the diagnosis states them as catalog messages.
import type { Finding } from '../../src/diagnose/types.js';
import { messages } from '../../src/common/i18n/catalog.js';
import { carriedText, findingText, type FindingText } from '../../src/report/i18n/render.js';

const EN = messages('en');

export function english(f: Finding): FindingText;
export function english(f: Finding | undefined): FindingText | undefined;
export function english(f: Finding | undefined): FindingText | undefined {
  return f === undefined ? undefined : findingText(f, EN);
}

/** An evidence text as the English report shows it: the messages the analysis carries in it rendered. */
export function englishText(text: string): string {
  return carriedText(EN, text);
}
