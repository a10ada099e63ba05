// Whether a text is pasted error output: in the head of a file, or further into a log whose head shows none.
import { findErrorMatches, findStatedCodes, findUnknownErrorOutput } from '../error-catalog.js';
import { detectEncoding } from '../encoding.js';
import { LineReader } from '../lines.js';

/** How far into an otherwise unrecognised text file we look for a known error message (logs put them late). */
export const ERROR_SCAN_BYTES = 16 * 1024 * 1024;

/**
 * A message from the error catalog (WinRM/WinHTTP/HCW/AADSTS/.NET, English or Japanese), a WinHTTP HRESULT
 * (0x80072EFD), an ERROR_WINHTTP_* name or `error 12175`. A bare `(12029)` is too weak alone.
 */
function statesKnownError(text: string): boolean {
  return findErrorMatches(text).length > 0 || findStatedCodes(text).some((c) => !c.text.startsWith('('));
}

/**
 * A known error message, or text shaped like PowerShell/WinRM/Entra error output (FullyQualifiedErrorId,
 * "failed with the following error message :", AADSTSnnnnn) whose message no row knows.
 */
export function looksLikeErrorText(text: string): boolean {
  return statesKnownError(text) || findUnknownErrorOutput(text) !== undefined;
}

/**
 * True when a text file whose head matched no layout contains a known error message further in (an HCW or
 * PowerShell transcript log with the failure near its end). Reads line by line up to `maxBytes`.
 */
export function scanForErrorText(path: string, head: Uint8Array, maxBytes = ERROR_SCAN_BYTES): boolean {
  const enc = detectEncoding(head);
  if (!enc) return false;
  const reader = new LineReader(path, enc);
  try {
    // Each line together with the one before it, so a message broken over two lines is still seen.
    let previous = '';
    for (const l of reader.lines()) {
      if (l.offset > maxBytes) return false;
      const pair = `${previous} ${l.text}`;
      previous = l.text;
      if (statesKnownError(pair)) return true;
    }
    return false;
  } finally {
    reader.close();
  }
}
