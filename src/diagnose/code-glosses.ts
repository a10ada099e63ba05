// Codes whose name alone does not say what happened (WSAETIMEDOUT: no answer): their words are the report
// catalogs' `gloss.<NAME>` messages, written after the code.
import { codeText } from './codes.js';
import { msg, type MessageParam } from './message.js';

const GLOSSED: ReadonlySet<string> = new Set([
  'WSAENETUNREACH',
  'WSAECONNABORTED',
  'WSAECONNRESET',
  'WSAETIMEDOUT',
  'WSAECONNREFUSED',
  'WSAEHOSTUNREACH',
  'ERROR_SEM_TIMEOUT',
  'STATUS_IO_TIMEOUT',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'ERROR_TIMEOUT',
  'DNS_ERROR_RCODE_NAME_ERROR',
  'WSATRY_AGAIN',
]);

/** A code with its name from a src/windows table (codeText) and, where the name needs them, a few words. */
export function codeMessage(n: number, table: Readonly<Record<number, string>>): MessageParam {
  const shown = codeText(n, table);
  const name = table[n >>> 0] ?? table[n];
  return name !== undefined && GLOSSED.has(name) ? msg('code.glossed', { code: shown, gloss: msg(`gloss.${name}`) }) : shown;
}
