// The streaming reader: pass 1 indexes buffers, pass 2 walks records — in time order (per-CPU buffers by
// sequence number, k-way merge on raw timestamp) for events(), in file order for scan(). Memory: one decoded
// buffer per CPU stream.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ExitCode, TraceError } from '../common/errors.js';
import { described, message } from '../common/message.js';
import { indexBuffers, type BufferInfo } from './buffer-index.js';
import { BufferLoader } from './buffer-loader.js';
import { makeClock } from './clock.js';
import { BUFFER_HEADER_SIZE, BufferFlag, LogFileMode } from './constants.js';
import { GuidCache } from './guid-cache.js';
import { parseTraceHeader, type TraceHeader } from './logfile-header.js';
import { MinHeap } from './merge-heap.js';
import { RecordCursor, type RecordDamage } from './records.js';
import type { HeaderKind, RawEvent, ReadIssue } from './types.js';

export interface ReadStats {
  buffersTotal: number;
  buffersCompressed: number;
  /** Buffers flagged EVENTS_LOST (0x2). */
  buffersEventsLost: number;
  /** Buffers flagged BUFFER_LOST (0x4). */
  buffersBufferLost: number;
  /** Buffers that could not be located, decompressed or read (damage, unsupported compression). */
  buffersSkipped: number;
  /** Records skipped because of damage (a damaged record that ends a buffer counts once). */
  recordsSkipped: number;
  /** Bytes that could not be read as records. */
  bytesSkipped: number;
  /** Records read, by header kind (every record, also those a filter left out). */
  recordsByKind: Record<HeaderKind, number>;
}

export type RecordFilter = (kind: HeaderKind, providerGuid: string) => boolean;

/** What scan() shows of each record: enough to count and group; toRawEvent() for the full record. */
export interface RecordView {
  readonly kind: HeaderKind;
  readonly providerGuid: string;
  readonly id: number;
  toRawEvent(): RawEvent;
}

export interface EtlFile {
  path: string;
  header: TraceHeader;
  buffers: BufferInfo[];
  /** Damage found so far: pass 1 at open, pass 2 as records are read (reset by each new events()/scan()). */
  issues: ReadIssue[];
  stats: ReadStats;
  /** Records in time order. Never throws for damaged data: damage goes to `issues`. */
  events(opts?: { filter?: RecordFilter }): Generator<RawEvent>;
  /** Every record in file order, without time ordering or conversion — for counting (`info`). */
  scan(visit: (rec: RecordView) => void): void;
  close(): void;
}

const MAX_ISSUES = 1000;

/** Opens an ETL file: reads its logfile header and indexes its buffers (pass 1). */
export function openEtl(path: string): EtlFile {
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new TraceError(message('input.cannot_open_etl', { reason: message('input.system_error', { text: (err as Error).message }) }), ExitCode.NO_INPUT, path);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new TraceError(message('input.directory_not_etl'), ExitCode.NO_INPUT, path);
    size = st.size;
    return new EtlReader(path, fd, size);
  } catch (err) {
    closeSync(fd);
    if (err instanceof TraceError) throw err;
    throw new TraceError(message('input.cannot_read_etl', { reason: message('input.system_error', { text: (err as Error).message }) }), ExitCode.NO_INPUT, path);
  }
}

function emptyKinds(): Record<HeaderKind, number> {
  return { system: 0, compact: 0, perfinfo: 0, full: 0, instance: 0, event_header: 0, message: 0 };
}

class EtlReader implements EtlFile {
  readonly header: TraceHeader;
  readonly buffers: BufferInfo[];
  issues: ReadIssue[] = [];
  stats: ReadStats;
  private readonly indexIssues: ReadIssue[];
  private readonly indexSkipped: { buffers: number; bytes: number };
  private readonly toFiletime: (raw: bigint) => bigint;
  private readonly guids = new GuidCache();
  private issuesDropped = 0;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly fd: number,
    fileSize: number,
  ) {
    const first = new Uint8Array(Math.min(fileSize, 0x10000));
    const got = readSync(fd, first, 0, first.length, 0);
    this.header = parseTraceHeader(first.subarray(0, got), path);
    const h = this.header;
    this.toFiletime = makeClock({ clockType: h.clockType, syncRaw: h.syncRawTime, syncFiletime: h.startTime, perfFreq: h.perfFreq, cpuSpeedMHz: h.cpuSpeedMHz });
    const unusedTailOk = (h.logFileMode & (LogFileMode.PREALLOCATE | LogFileMode.CIRCULAR)) !== 0;
    const ix = indexBuffers(fd, path, fileSize, h.bufferSize, unusedTailOk);
    this.buffers = ix.buffers;
    this.indexIssues = ix.issues;
    // A file cut at a buffer boundary looks complete; a cleanly closed, non-circular session says how many
    // buffers it wrote.
    const found = ix.buffers.length + ix.buffersSkipped;
    if (ix.issues.length === 0 && h.endTime > 0n && !unusedTailOk && found < h.buffersWritten) {
      this.indexIssues.push({
        kind: 'truncated',
        file: path,
        offset: fileSize,
        ...described('read.buffers_missing', { written: h.buffersWritten, found }),
      });
    }
    if (this.indexIssues.length > MAX_ISSUES) {
      const more = this.indexIssues.length - MAX_ISSUES;
      this.indexIssues.length = MAX_ISSUES;
      this.indexIssues.push({ kind: 'bad_buffer', file: path, offset: fileSize, ...described('read.more_damaged_buffers', { count: more }) });
    }
    this.indexSkipped = { buffers: ix.buffersSkipped, bytes: ix.bytesSkipped };
    this.stats = this.freshStats();
    this.issues = [...this.indexIssues];
  }

  private freshStats(): ReadStats {
    let compressed = 0;
    let eventsLost = 0;
    let bufferLost = 0;
    for (const b of this.buffers) {
      if (b.compressed) compressed++;
      if (b.flags & BufferFlag.EVENTS_LOST) eventsLost++;
      if (b.flags & BufferFlag.BUFFER_LOST) bufferLost++;
    }
    return {
      buffersTotal: this.buffers.length,
      buffersCompressed: compressed,
      buffersEventsLost: eventsLost,
      buffersBufferLost: bufferLost,
      buffersSkipped: this.indexSkipped.buffers,
      recordsSkipped: 0,
      bytesSkipped: this.indexSkipped.bytes,
      recordsByKind: emptyKinds(),
    };
  }

  /** Starts a pass: record-level stats and pass-2 issues begin again. */
  private beginPass(): { loader: BufferLoader } {
    if (this.closed) throw new TraceError(message('input.closed'), ExitCode.NO_INPUT, this.path);
    this.stats = this.freshStats();
    this.issues = [...this.indexIssues];
    this.issuesDropped = 0;
    return { loader: new BufferLoader(this.fd, this.path, this.header.compressionFormat, (i) => this.addIssue(i)) };
  }

  private addIssue(issue: ReadIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
    else if (this.issuesDropped++ === 0) {
      this.issues.push({
        kind: issue.kind,
        file: this.path,
        offset: issue.offset,
        ...described('read.too_many_problems', { max: MAX_ISSUES }),
      });
    }
  }

  /** Loads a buffer into a cursor; false (counted) when the buffer is unusable. */
  private loadInto(cursor: RecordCursor, loader: BufferLoader, b: BufferInfo, reuse = false): boolean {
    const bytes = loader.load(b, reuse);
    if (bytes === undefined) {
      this.stats.buffersSkipped++;
      this.stats.bytesSkipped += Math.max(0, (b.compressed ? b.savedOffset : b.filledBytes) - BUFFER_HEADER_SIZE);
      return false;
    }
    let end = bytes.length;
    if (b.filledBytes >= BUFFER_HEADER_SIZE && b.filledBytes < end) end = b.filledBytes;
    cursor.reset(bytes, BUFFER_HEADER_SIZE, end, b.cpu, b.offset);
    cursor.compressed = b.compressed;
    return true;
  }

  private makeCursor(): RecordCursor {
    const cursor: RecordCursor = new RecordCursor(this.guids, this.header.pointerSize, (d: RecordDamage) => {
      const b = cursor.bufferOffset;
      const compressed = cursor.compressed;
      // Uncompressed buffers map 1:1 to the file; compressed ones only to their buffer.
      const offset = compressed ? b : b + d.offset;
      const where = compressed
        ? message('read.in_decompressed_buffer', { offset: `0x${d.offset.toString(16)}`, buffer: `0x${b.toString(16)}` })
        : '';
      this.addIssue({ kind: d.kind, file: this.path, offset, ...described(d.stopsBuffer ? 'read.damage_rest_skipped' : 'read.damage_record_skipped', { damage: d.detail, where }) });
      this.stats.recordsSkipped++;
      this.stats.bytesSkipped += d.stopsBuffer ? cursor.end - d.offset : cursor.size;
    });
    return cursor;
  }

  *events(opts: { filter?: RecordFilter } = {}): Generator<RawEvent> {
    const { loader } = this.beginPass();
    const filter = opts.filter;
    const byCpu = new Map<number, BufferInfo[]>();
    for (const b of this.buffers) {
      let list = byCpu.get(b.cpu);
      if (!list) byCpu.set(b.cpu, (list = []));
      list.push(b);
    }
    const streams: CpuStream[] = [];
    for (const cpu of [...byCpu.keys()].sort((a, b) => a - b)) {
      const list = byCpu.get(cpu)!.sort((a, b) => a.sequence - b.sequence || a.offset - b.offset);
      streams.push(new CpuStream(streams.length, list, this.makeCursor()));
    }
    const kinds = this.stats.recordsByKind;
    const toFiletime = this.toFiletime;
    const advance = (s: CpuStream): boolean => {
      const c = s.cursor;
      for (;;) {
        while (!s.loaded || !c.next()) {
          if (s.nextBuffer >= s.buffers.length) return false;
          s.loaded = this.loadInto(c, loader, s.buffers[s.nextBuffer++]!);
        }
        kinds[c.kind]++;
        const raw = c.rawTime();
        if (filter !== undefined && !filter(c.kind, c.providerGuid)) continue;
        s.head = c.toRawEvent(raw, toFiletime(raw));
        return true;
      }
    };
    const heap = new MinHeap<CpuStream>((a, b) => a.head!.rawTime < b.head!.rawTime || (a.head!.rawTime === b.head!.rawTime && a.order < b.order));
    for (const s of streams) if (advance(s)) heap.push(s);
    while (heap.size > 0) {
      const s = heap.peek()!;
      yield s.head!;
      if (advance(s)) heap.topChanged();
      else heap.pop();
    }
  }

  scan(visit: (rec: RecordView) => void): void {
    const { loader } = this.beginPass();
    const kinds = this.stats.recordsByKind;
    const c = this.makeCursor();
    const toFiletime = this.toFiletime;
    const view: RecordView = {
      get kind() {
        return c.kind;
      },
      get providerGuid() {
        return c.providerGuid;
      },
      get id() {
        return c.id;
      },
      toRawEvent() {
        // The buffer is read into a reused array (scan keeps nothing): an event handed out gets its own copy.
        if (shared) {
          const own = c.bytes.slice();
          c.bytes = own;
          c.dv = new DataView(own.buffer);
          shared = false;
        }
        const raw = c.rawTime();
        return c.toRawEvent(raw, toFiletime(raw));
      },
    };
    let shared = false;
    for (const b of this.buffers) {
      if (!this.loadInto(c, loader, b, true)) continue;
      shared = !b.compressed;
      while (c.next()) {
        kinds[c.kind]++;
        visit(view);
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

class CpuStream {
  nextBuffer = 0;
  loaded = false;
  head: RawEvent | undefined;
  constructor(
    /** Tie-break for equal timestamps: CPU order. */
    readonly order: number,
    readonly buffers: BufferInfo[],
    readonly cursor: RecordCursor,
  ) {}
}
