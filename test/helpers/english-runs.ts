// English sentences left in a report meant for another language: runs of four or more English words, once what
// is the same in every language (codes, commands, paths, URLs, host names) and what the trace says (evidence
// lines, texts quoted in 「」) are masked.

/** Spans that are no prose of the report's own, each masked before words are counted. */
const MASKS: readonly RegExp[] = [
  /「[^」]*」/gu, // a quote of the trace or of the error a user saw
  /`[^`]*`/g, // a command or value in a code span
  /\bhttps?:\/\/\S+/g,
  /\S*[\\/]\S*/g, // paths, registry keys, `Provider/Id`, `CRL/OCSP`, `WinHTTP/WebIO`
  /\S*[A-Za-z0-9-]\.[A-Za-z][\w.-]*\S*/g, // host names, file names, `System.Net`
  /\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b/g, // ERROR_WINHTTP_SECURE_FAILURE, TLS1_2_CLIENT, handshake_failure
  /\S*=\S*/g, // key=value arguments
  /\bSkype for Business(?: Online)?\b/g, // product names Microsoft's Japanese articles keep in English
];

/** An English word: letters, possibly with an inner apostrophe or hyphen. */
const RUN = /[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){3,}/g;

export function englishRuns(text: string): string[] {
  let t = text;
  for (const m of MASKS) t = t.replace(m, ' § ');
  return [...t.matchAll(RUN)].map((m) => m[0]);
}

/** The human report without its command lines and the trace's evidence lines (rendered at an unbounded width). */
export function humanProse(report: string): string {
  return report
    .split('\n')
    .filter((l) => !/^\s+(?:PS)?> /.test(l) && !/^\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s/.test(l))
    .join('\n');
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * The text a reader sees in an HTML report, with the parts that are not its own prose left out: styles, scripts,
 * code and preformatted blocks (commands), and the evidence lists and tables (the trace's lines).
 */
export function htmlProse(html: string): string {
  const text = html
    .replace(/<(style|script|pre|code)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<ul class="evidence-list">[\s\S]*?<\/ul>/g, ' ')
    .replace(/<table class="evidence-table">[\s\S]*?<\/table>/g, ' ')
    // A ladder step's tooltip is its evidence line: time, source, the trace's text.
    .replace(/<title>\d{4}-\d\d-\d\dT[^<]*<\/title>/g, ' ')
    .replace(/<[^>]*?\b(?:title|aria-label|alt|placeholder)="([^"]*)"[^>]*>/g, '\n$1\n')
    // Elements end runs of words: a label next to a label is no sentence.
    .replace(/<[^>]+>/g, '\n');
  return text.replace(/&(#39|[a-z]+);/g, (e, n: string) => ENTITIES[n] ?? e);
}
