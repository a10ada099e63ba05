// The 5-byte TLS record header (formats/tls.ksy `record_header`). Read by hand on the hot path: the TLS tracker
// reads one per record of every flow, and the generated parser costs a stream and an object per call.
// recordHeaderGenerated() is the same read with the generated parser; test/net/differential.test.ts proves both
// agree on the start of every TCP payload of the samples.
import { formatType, parsePartial } from './kaitai.js';

export interface RecordHeader {
  contentType: number;
  version: number;
  length: number;
}

const { ContentType } = formatType('Tls');

/** True for a content type tls.ksy's `content_type` enum names (change_cipher_spec … heartbeat). */
export function isKnownContentType(type: number): boolean {
  return typeof ContentType[type] === 'string';
}

/** content_type (u1), version (u2be), length (u2be); undefined when fewer than 5 bytes are given. */
export function recordHeader(b: Uint8Array): RecordHeader | undefined {
  if (b.length < 5) return undefined;
  return { contentType: b[0]!, version: (b[1]! << 8) | b[2]!, length: (b[3]! << 8) | b[4]! };
}

/** recordHeader() done with the generated parser. */
export function recordHeaderGenerated(b: Uint8Array): RecordHeader | undefined {
  const r = parsePartial<RecordHeader>(formatType('Tls', 'RecordHeader'), b);
  if (r.truncated || r.error) return undefined;
  return { contentType: r.value.contentType, version: r.value.version, length: r.value.length };
}
