// The shell every HTML page shares: doctype, language, a strict Content-Security-Policy that admits only the
// page's own inline stylesheet and script (by hash) and fetches nothing, the stylesheet, the body, the script.
import { createHash } from 'node:crypto';
import type { Messages } from '../../common/i18n/catalog.js';
import { SCRIPT, STYLE } from './assets.js';
import { esc } from './escape.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy: nothing may be fetched, framed, submitted or based elsewhere; only our style and script run. */
export const CONTENT_SECURITY_POLICY =
  `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; ` +
  `base-uri 'none'; form-action 'none'`;

export function htmlDocument(title: string, body: string, m: Messages): string {
  return (
    `<!DOCTYPE html>\n<html lang="${m.lang}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${esc(CONTENT_SECURITY_POLICY)}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="referrer" content="no-referrer">\n` +
    `<title>${esc(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n${body}\n</main>\n<script>${SCRIPT}</script>\n</body>\n</html>\n`
  );
}
