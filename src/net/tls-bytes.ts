// TLS records handed over whole by a TLS client rather than seen in TCP segments: WebIO logs the bytes it passes
// into InitializeSecurityContext (704: what the server sent) and the token it gets back (705: what the client
// sends). The same record/handshake parser as for packets (TlsTracker) reads them: each direction's buffers are
// joined into one byte stream, as if they had arrived in order on a connection that began with them.
import { HalfStream, STREAM_WINDOW } from './tcp-stream.js';
import { isKnownContentType, recordHeader } from './record-header.js';
import { TlsTracker, type Side, type TlsRecordNote } from './tls.js';
import type { TlsAlert, TlsCertificate, TlsClientHello, TlsServerHello } from './types.js';

/** What one direction's bytes held. */
export interface TlsBytesDirection {
  /** Distinct bytes of this direction (repeated input left out). */
  bytes: number;
  /** Buffers given. */
  chunks: number;
  /** 1-based number (over both directions) of this direction's last buffer. */
  lastChunk?: number;
  /** The bytes end inside a record: the last record (and the message in it) is only partly known. */
  truncated: boolean;
  /** The bytes do not start with a TLS record header: nothing was read from them. */
  notTls: boolean;
}

export interface TlsBytesFacts {
  clientHello?: TlsClientHello;
  serverHello?: TlsServerHello;
  certificates: TlsCertificate[];
  alerts: TlsAlert[];
  /** Per record: content type, version, handshake types; `packet` is the 1-based number of the buffer it ended in. */
  records: TlsRecordNote[];
  client: TlsBytesDirection;
  server: TlsBytesDirection;
}

/** One buffer and what it completed (`ClientHello`, `Alert 2:70`, …), for evidence. */
export interface TlsBytesUpdate {
  /** 1-based number of this buffer (over both directions). */
  chunk: number;
  milestones: string[];
  /** Bytes of the buffer that repeated input already given (a call retried after SEC_E_INCOMPLETE_MESSAGE). */
  repeated: number;
}

const ISN_BEFORE_ZERO = 0xffffffff;

class DirectionBytes {
  readonly stream = new HalfStream();
  length = 0;
  chunks = 0;
  lastChunk: number | undefined;
  /** The previous buffer: a later one that starts with a record-aligned tail of it repeats those bytes. */
  last: Uint8Array = new Uint8Array(0);
  /** Whether the first buffer began with a TLS record header (undefined until 5 bytes were given). */
  startsTls: boolean | undefined;

  constructor() {
    // Offset 0 is the first byte of the direction: garbage there means "not TLS", not "capture began mid-record".
    this.stream.setIsn(ISN_BEFORE_ZERO);
  }
}

/**
 * Reads both directions of one TLS handshake from whole buffers, in the order the client handled them.
 * Memory: bytes already parsed are dropped; at most STREAM_WINDOW bytes per direction are kept.
 */
export class TlsRecordReader {
  private readonly tracker = new TlsTracker();
  private readonly dirs: Record<Side, DirectionBytes> = { client: new DirectionBytes(), server: new DirectionBytes() };
  private chunk = 0;
  /** Buffer number → direction (bounded by the number of buffers one handshake takes). */
  private readonly chunkSide = new Map<number, Side>();

  /** Adds one buffer of `side` (client = sent by the client, server = received from the server). */
  add(side: Side, data: Uint8Array, time: bigint): TlsBytesUpdate {
    const d = this.dirs[side];
    this.chunk++;
    this.chunkSide.set(this.chunk, side);
    if (d.length === 0 && d.startsTls === undefined && data.length >= 5) d.startsTls = isRecordStart(data);
    d.chunks++;
    d.lastChunk = this.chunk;
    const repeated = repeatedPrefix(d.last, data);
    d.last = data.length <= STREAM_WINDOW ? data : data.subarray(0, STREAM_WINDOW);
    const fresh = data.subarray(repeated);
    if (fresh.length > 0) {
      d.stream.add(d.length, fresh, fresh.length, this.chunk);
      d.length += fresh.length;
    }
    const u = this.tracker.update(side, d.stream, time);
    return { chunk: this.chunk, milestones: u.milestones, repeated };
  }

  /** Reads what the buffers left unfinished (a record cut short) and returns every fact found. */
  finish(time: bigint): TlsBytesFacts {
    for (const side of ['client', 'server'] as const) this.tracker.finish(side, this.dirs[side].stream, time);
    const s = this.tracker.session;
    const direction = (side: Side): TlsBytesDirection => {
      const d = this.dirs[side];
      return {
        bytes: d.length,
        chunks: d.chunks,
        ...(d.lastChunk !== undefined ? { lastChunk: d.lastChunk } : {}),
        truncated: this.tracker.notes.some((n) => n.partial && this.chunkSide.get(n.packet) === side),
        notTls: d.startsTls === false,
      };
    };
    return {
      clientHello: s.clientHello,
      serverHello: s.serverHello,
      certificates: s.certificates,
      alerts: s.alerts,
      records: this.tracker.notes,
      client: direction('client'),
      server: direction('server'),
    };
  }
}

/**
 * Parses the TLS records of one direction given as whole buffers (e.g. WebIO 705 output tokens, or 704 input
 * buffers). A record or handshake message cut short is read as far as it goes and marked truncated.
 */
export function parseTlsRecordBytes(side: Side, buffers: Uint8Array | readonly Uint8Array[], time = 0n): TlsBytesFacts {
  const reader = new TlsRecordReader();
  for (const b of buffers instanceof Uint8Array ? [buffers] : buffers) reader.add(side, b, time);
  return reader.finish(time);
}

/**
 * How many leading bytes of `next` repeat the tail of `prev`. InitializeSecurityContext is called again with the
 * same unconsumed input when it needed more bytes (SEC_E_INCOMPLETE_MESSAGE), or with the leftover records
 * (SECBUFFER_EXTRA): either way the repeated part starts at a record boundary of `prev` and runs to its end.
 */
function repeatedPrefix(prev: Uint8Array, next: Uint8Array): number {
  let at = 0;
  while (at < prev.length) {
    const tail = prev.length - at;
    if (tail <= next.length && startsWith(next, prev.subarray(at))) return tail;
    const h = recordHeader(prev.subarray(at, at + 5));
    if (!h) return 0;
    at += 5 + h.length;
  }
  return 0;
}

/** A record header: a known content type, version 3.x. */
function isRecordStart(b: Uint8Array): boolean {
  const h = recordHeader(b);
  return h !== undefined && isKnownContentType(h.contentType) && h.version >> 8 === 3;
}

function startsWith(b: Uint8Array, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (b[i] !== prefix[i]) return false;
  return true;
}
