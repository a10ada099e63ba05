// Text exports come in whatever encoding the exporting tool or the user's editor chose: UTF-8 (with or without
// BOM), UTF-16LE (Event Viewer "Save as XML", PowerShell `>` redirection, Notepad "Unicode"), or the ANSI code
// page of a Japanese system (CP932). We decide once from the first bytes and decode every line with it.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/** Decides the encoding of a text from its first bytes. Returns undefined when the bytes look binary. */
export function detectEncoding(head: Uint8Array): DetectedEncoding | undefined {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without BOM: ASCII-heavy text has a zero in every other byte.
  const sample = head.subarray(0, Math.min(head.length, 512));
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? zeroOdd++ : zeroEven++);
  const half = sample.length / 2;
  if (half >= 4 && zeroOdd > half * 0.6 && zeroEven < half * 0.1) return { encoding: 'utf-16le', bomLength: 0 };
  if (half >= 4 && zeroEven > half * 0.6 && zeroOdd < half * 0.1) return { encoding: 'utf-16be', bomLength: 0 };
  // A stray NUL or control byte (a damaged line, a pasted binary value) does not make a text file binary;
  // more than a few in the first 512 bytes does.
  let control = zeroOdd + zeroEven;
  for (const b of sample) if (b > 0 && b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) control++;
  if (control > Math.max(2, sample.length * 0.02)) return undefined;
  if (decodesCleanly(head, 'utf-8')) return { encoding: 'utf-8', bomLength: 0 };
  if (decodesCleanly(head, 'shift_jis')) return { encoding: 'shift_jis', bomLength: 0 };
  return { encoding: 'windows-1252', bomLength: 0 };
}

/** True when `bytes` decode without error, forgiving a multi-byte character cut off at the end of the sample. */
function decodesCleanly(bytes: Uint8Array, encoding: string): boolean {
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try again without the last byte(s)
    }
  }
  return false;
}

/** Decodes the head of a file for sniffing (lenient: a cut-off last character becomes U+FFFD). */
export function decodeHead(head: Uint8Array, enc: DetectedEncoding): string {
  return new TextDecoder(enc.encoding).decode(head.subarray(enc.bomLength));
}

/** Bytes `text` occupies in `encoding` (for byte offsets of text decoded in chunks). */
export function byteLength(text: string, encoding: TextEncoding): number {
  if (encoding === 'utf-8') return Buffer.byteLength(text, 'utf8');
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return text.length * 2;
  if (encoding === 'windows-1252') return text.length;
  // Shift_JIS: ASCII and half-width kana take one byte, everything else two.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 || (c >= 0xff61 && c <= 0xff9f) ? 1 : 2;
  }
  return n;
}
