// Where the structures of a seed file sit, found once per seed with the reader itself, so that structure-aware
// mutations hit buffer headers, record sizes, extended items, XPRESS streams, TraceLogging metadata, packet frames
// and TLS records instead of random bytes.
import { openEtl } from '../../src/etl/index.js';
import { sniffFormat } from '../../src/ingest/index.js';

/** A byte range [start, end) of the seed file. */
export interface Span {
  start: number;
  end: number;
}

export interface SeedMap {
  format: 'etl' | 'text' | 'other';
  /** File offsets of buffer headers. */
  buffers: number[];
  /** Records of uncompressed buffers: their file offset (size word positions depend on the header kind). */
  records: { offset: number; kind: string }[];
  /** File offsets of extended data item headers (uncompressed buffers). */
  extItems: number[];
  /** XPRESS streams of compressed buffers. */
  xpress: Span[];
  /** TraceLogging event schemas (ext item 11) and provider traits (ext item 12). */
  traceLogging: Span[];
  /** IPv4 headers found inside event payloads (packet captures). */
  ipFrames: number[];
  /** TLS record headers found inside event payloads. */
  tlsRecords: number[];
  /** Line starts of a text export. */
  lines: number[];
}

const EXT_TL_SCHEMA = 11;
const EXT_PROV_TRAITS = 12;

function emptyMap(format: SeedMap['format']): SeedMap {
  return { format, buffers: [], records: [], extItems: [], xpress: [], traceLogging: [], ipFrames: [], tlsRecords: [], lines: [] };
}

/** Maps a seed; `path` holds the same bytes as `bytes`. Never throws: a seed the reader refuses maps as 'other'. */
export function mapSeed(path: string, bytes: Uint8Array): SeedMap {
  const format = sniffFormat(bytes.subarray(0, 64 * 1024));
  if (format === 'etl') {
    try {
      return mapEtl(path);
    } catch {
      return emptyMap('other');
    }
  }
  if (format !== undefined) {
    const m = emptyMap('text');
    m.lines.push(0);
    for (let i = 0; i < bytes.length && m.lines.length < 100_000; i++) if (bytes[i] === 0x0a) m.lines.push(i + 1);
    return m;
  }
  return emptyMap('other');
}

function mapEtl(path: string): SeedMap {
  const m = emptyMap('etl');
  const f = openEtl(path);
  try {
    const compressed = new Set<number>();
    for (const b of f.buffers) {
      m.buffers.push(b.offset);
      if (b.compressed) {
        compressed.add(b.offset);
        m.xpress.push({ start: b.offset + 0x48, end: b.offset + b.available });
      }
    }
    f.scan((rec) => {
      const ev = rec.toRawEvent();
      if (compressed.has(ev.bufferOffset) || ev.recordOffset === undefined) return;
      const base = ev.bufferOffset;
      if (m.records.length < 20_000) m.records.push({ offset: base + ev.recordOffset, kind: rec.kind });
      for (const x of ev.ext) {
        const at = base + x.data.byteOffset - 8;
        if (m.extItems.length < 20_000) m.extItems.push(at);
        if (x.type === EXT_TL_SCHEMA || x.type === EXT_PROV_TRAITS) m.traceLogging.push({ start: base + x.data.byteOffset, end: base + x.data.byteOffset + x.data.length });
      }
      const p = ev.payload;
      const start = base + p.byteOffset;
      for (let i = 0; i + 5 < p.length; i++) {
        const b0 = p[i]!;
        if (b0 === 0x45 && m.ipFrames.length < 20_000 && (p[i + 9] === 6 || p[i + 9] === 17)) m.ipFrames.push(start + i);
        else if ((b0 === 0x16 || b0 === 0x15 || b0 === 0x17 || b0 === 0x14) && p[i + 1] === 0x03 && p[i + 2]! <= 0x04 && m.tlsRecords.length < 20_000) m.tlsRecords.push(start + i);
      }
    });
  } finally {
    f.close();
  }
  return m;
}
