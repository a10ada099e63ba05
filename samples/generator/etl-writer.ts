// Writes an ETL file the way an ETW session does: a header buffer, then per-CPU data buffers flushed as they
// fill (so file order is neither time nor SequenceNumber order), each buffer 0xFF-filled past FilledBytes.
import { closeSync, openSync, writeSync } from 'node:fs';
import { ByteWriter } from './bytes.js';
import type { OsProfile } from './os-profiles.js';
import { xpressCompress } from './xpress.js';

export const BUFFER_HEADER_SIZE = 0x48;
const LOGFILE_HEADER64_SIZE = 0x118;
const SYSTEM_HEADER_SIZE = 0x20;

export const BufferFlag = { FLUSH_MARKER: 0x1, PROC_INDEX: 0x20, COMPRESSED: 0x40 } as const;
export const BufferType = { GENERIC: 0, HEADER: 4 } as const;

export interface SystemTime {
  year: number;
  month: number;
  dayOfWeek: number;
  day: number;
  hour: number;
  minute?: number;
}

export interface TimeZone {
  /** Minutes west of UTC (UTC = local + bias). */
  bias: number;
  standardName: string;
  standardDate: SystemTime;
  standardBias: number;
  daylightName: string;
  daylightDate: SystemTime;
  daylightBias: number;
}

export const TZ_PACIFIC: TimeZone = {
  bias: 480,
  standardName: '@tzres.dll,-212',
  standardDate: { year: 0, month: 11, dayOfWeek: 0, day: 1, hour: 2 },
  standardBias: 0,
  daylightName: '@tzres.dll,-211',
  daylightDate: { year: 0, month: 3, dayOfWeek: 0, day: 2, hour: 2 },
  daylightBias: -60,
};

export const TZ_TOKYO: TimeZone = {
  bias: -540,
  standardName: '@tzres.dll,-632',
  standardDate: { year: 0, month: 0, dayOfWeek: 0, day: 0, hour: 0 },
  standardBias: 0,
  daylightName: '@tzres.dll,-631',
  daylightDate: { year: 0, month: 0, dayOfWeek: 0, day: 0, hour: 0 },
  daylightBias: 0,
};

export const TZ_WEST_EUROPE: TimeZone = {
  bias: -60,
  standardName: 'W. Europe Standard Time',
  standardDate: { year: 0, month: 10, dayOfWeek: 0, day: 5, hour: 3 },
  standardBias: 0,
  daylightName: 'W. Europe Daylight Time',
  daylightDate: { year: 0, month: 3, dayOfWeek: 0, day: 5, hour: 2 },
  daylightBias: -60,
};

export interface SessionInfo {
  os: OsProfile;
  loggerName: string;
  logFileName: string;
  /** Session buffer size in bytes (every uncompressed buffer has this size). */
  bufferSize: number;
  cpus: number;
  cpuMhz: number;
  loggerId: number;
  logFileMode: number;
  maximumFileSizeMb: number;
  /** FILETIME of the sync point (session start). */
  startTime: bigint;
  bootTime: bigint;
  /** QPC value at the sync point. */
  startQpc: bigint;
  timeZone: TimeZone;
  /** Thread/process that started the session (logged in the header event). */
  headerPid: number;
  headerTid: number;
  /** Store data buffers XPRESS-compressed, as a relogged (pktmon-style) file does. */
  compress?: boolean;
  /** Flush timer in seconds: a buffer holding events older than this is written out part-full (default 1). */
  flushTimerSeconds?: number;
}

/** Where buffers go: a file or memory. `writeAt` rewrites the header buffer once the totals are known. */
export interface ByteSink {
  write(b: Uint8Array): void;
  writeAt(b: Uint8Array, position: number): void;
  close(): void;
}

export class MemorySink implements ByteSink {
  private parts: Buffer[] = [];
  private result?: Buffer;
  write(b: Uint8Array): void {
    this.parts.push(Buffer.from(b));
  }
  writeAt(b: Uint8Array, position: number): void {
    const all = this.bytes();
    all.set(b, position);
  }
  close(): void {}
  bytes(): Buffer {
    if (!this.result || this.parts.length > 1) {
      this.result = Buffer.concat(this.parts);
      this.parts = [this.result];
    }
    return this.result;
  }
}

export class FileSink implements ByteSink {
  private fd: number;
  written = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(b: Uint8Array): void {
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
    this.written += b.length;
  }
  writeAt(b: Uint8Array, position: number): void {
    writeSync(this.fd, b, 0, b.length, position);
  }
  close(): void {
    closeSync(this.fd);
  }
}

interface OpenBuffer {
  bytes: Buffer;
  used: number;
  sequence: bigint;
  firstQpc: bigint;
  lastQpc: bigint;
  records: number;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Deterministic stand-in for the kernel list pointers ETW leaves at buffer offset 0x38. */
function kernelPointer(seq: bigint): bigint {
  return 0xffffa88f0c000038n + (seq << 13n);
}

export class EtlWriter {
  private readonly perCpu: (OpenBuffer | undefined)[];
  private nextSequence = 1n;
  private buffersWritten = 1; // the header buffer
  private lastQpc: bigint;
  private headerBufferSize: number;
  private closed = false;
  private readonly flushTimerQpc: bigint;
  readonly stats = { records: 0, buffers: 0, bytes: 0 };

  constructor(
    private readonly sink: ByteSink,
    readonly info: SessionInfo,
  ) {
    if (info.bufferSize < 0x1000 || info.bufferSize % 0x1000 !== 0) throw new Error('buffer size must be a multiple of 4 KiB');
    this.perCpu = new Array(info.cpus).fill(undefined);
    this.lastQpc = info.startQpc;
    this.flushTimerQpc = BigInt(Math.round((info.flushTimerSeconds ?? 1) * 1000)) * info.os.perfFreq / 1000n;
    const header = this.headerBuffer(0n, 0);
    this.headerBufferSize = header.length;
    this.sink.write(header);
    this.stats.bytes += header.length;
  }

  /** Microseconds after the session start → raw QPC. */
  qpcAt(micros: number): bigint {
    return this.info.startQpc + (BigInt(Math.round(micros)) * this.info.os.perfFreq) / 1_000_000n;
  }

  /** Adds one record to `cpu`'s current buffer. Per CPU, records must arrive in time order. */
  add(cpu: number, qpc: bigint, record: Uint8Array): void {
    if (this.closed) throw new Error('writer already closed');
    if (cpu < 0 || cpu >= this.info.cpus) throw new Error(`cpu ${cpu} out of range`);
    const need = align8(record.length);
    if (need > this.info.bufferSize - BUFFER_HEADER_SIZE) throw new Error(`record of ${record.length} bytes exceeds the buffer`);
    // The session's flush timer: part-full buffers of any CPU are written once their oldest event is stale.
    for (let c = 0; c < this.perCpu.length; c++) {
      const open = this.perCpu[c];
      if (open && qpc - open.firstQpc >= this.flushTimerQpc) this.flush(c, open, true);
    }
    let buf = this.perCpu[cpu];
    if (buf && qpc < buf.lastQpc) throw new Error(`cpu ${cpu}: record at ${qpc} is older than ${buf.lastQpc}`);
    if (buf && buf.used + need > this.info.bufferSize) {
      this.flush(cpu, buf, false);
      buf = undefined;
    }
    if (!buf) {
      buf = { bytes: Buffer.alloc(this.info.bufferSize, 0xff), used: BUFFER_HEADER_SIZE, sequence: this.nextSequence++, firstQpc: qpc, lastQpc: qpc, records: 0 };
      this.perCpu[cpu] = buf;
    }
    buf.bytes.set(record, buf.used);
    // Padding between records is zero; only the space after FilledBytes keeps the 0xFF fill.
    if (need > record.length) buf.bytes.fill(0, buf.used + record.length, buf.used + need);
    buf.used += need;
    buf.lastQpc = qpc;
    buf.records++;
    this.stats.records++;
    if (qpc > this.lastQpc) this.lastQpc = qpc;
  }

  private flush(cpu: number, buf: OpenBuffer, final: boolean): void {
    const os = this.info.os;
    const h = buf.bytes;
    let flag = final ? BufferFlag.FLUSH_MARKER : 0;
    if (!os.legacyBufferContext) flag |= BufferFlag.PROC_INDEX;
    const filled = buf.used;
    h.writeUInt32LE(this.info.bufferSize, 0x00);
    h.writeUInt32LE(filled, 0x04);
    h.writeUInt32LE(filled + (os.legacyBufferContext ? 0x70 : 0x10000), 0x08);
    h.writeUInt32LE(0, 0x0c);
    // Relogged (compressed) files carry FILETIME flush stamps; native sessions carry the raw clock.
    h.writeBigUInt64LE(this.info.compress ? this.toFiletime(buf.lastQpc) : buf.lastQpc, 0x10);
    h.writeBigUInt64LE(buf.sequence, 0x18);
    h.writeBigUInt64LE(0n, 0x20);
    this.writeContext(h, cpu);
    h.writeUInt32LE(3, 0x2c);
    h.writeUInt32LE(filled, 0x30);
    h.writeUInt16LE(flag, 0x34);
    h.writeUInt16LE(BufferType.GENERIC, 0x36);
    h.writeBigUInt64LE(kernelPointer(buf.sequence), 0x38);
    h.writeBigUInt64LE(kernelPointer(buf.sequence - 1n), 0x40);
    let out: Uint8Array = h;
    if (this.info.compress) {
      const packed = xpressCompress(h.subarray(BUFFER_HEADER_SIZE, filled));
      const c = Buffer.alloc(BUFFER_HEADER_SIZE + packed.length);
      h.copy(c, 0, 0, BUFFER_HEADER_SIZE);
      c.writeUInt32LE(c.length, 0x00);
      c.writeUInt16LE(flag | BufferFlag.COMPRESSED, 0x34);
      c.set(packed, BUFFER_HEADER_SIZE);
      out = c;
    }
    this.sink.write(out);
    this.buffersWritten++;
    this.stats.buffers++;
    this.stats.bytes += out.length;
    this.perCpu[cpu] = undefined;
  }

  private toFiletime(qpc: bigint): bigint {
    return this.info.startTime + ((qpc - this.info.startQpc) * 10_000_000n) / this.info.os.perfFreq;
  }

  private writeContext(h: Buffer, cpu: number): void {
    if (this.info.os.legacyBufferContext) {
      h.writeUInt8(cpu, 0x28);
      h.writeUInt8(8, 0x29);
    } else {
      h.writeUInt16LE(cpu & 0x7ff, 0x28);
    }
    // The relogger writes LoggerId 0.
    h.writeUInt16LE(this.info.compress ? 0 : this.info.loggerId, 0x2a);
  }

  /** Flushes every open buffer (CPU order) and rewrites the header with EndTime and BuffersWritten. */
  close(endQpc?: bigint): void {
    if (this.closed) return;
    for (let cpu = 0; cpu < this.perCpu.length; cpu++) {
      const b = this.perCpu[cpu];
      if (b) this.flush(cpu, b, true);
    }
    const end = endQpc ?? this.lastQpc;
    const endTime = this.toFiletime(end);
    const header = this.headerBuffer(endTime, this.buffersWritten);
    if (header.length !== this.headerBufferSize) throw new Error('header buffer size changed');
    this.sink.writeAt(header, 0);
    this.sink.close();
    this.closed = true;
  }

  /** The header buffer: SYSTEM_TRACE_HEADER + TRACE_LOGFILE_HEADER (64-bit) [+ hook 0x0050], then 0xFF fill. */
  private headerBuffer(endTime: bigint, buffersWritten: number): Buffer {
    const i = this.info;
    const os = i.os;
    const ev = new ByteWriter(0x400);
    const strings = Buffer.from(i.loggerName + '\0' + i.logFileName + '\0', 'utf16le');
    const size = SYSTEM_HEADER_SIZE + LOGFILE_HEADER64_SIZE + strings.length;
    // SYSTEM_TRACE_HEADER: Version 2, HeaderType 2 (SYSTEM64), marker flags 0xC0 → u32 0xC0020002.
    ev.u16(2).u8(2).u8(0xc0).u16(size).u16(0x0000).u32(i.headerTid).u32(i.headerPid).u64(i.startQpc).u32(0).u32(0);
    ev.u32(i.bufferSize);
    if (i.compress) ev.u8(os.major).u8(os.minor).u8(2).u8(0);
    else ev.u8(os.major).u8(os.minor).u8(1).u8(5);
    ev.u32(os.build).u32(i.cpus).u64(endTime).u32(os.timerResolution).u32(i.maximumFileSizeMb);
    ev.u32(i.logFileMode).u32(buffersWritten).u32(1).u32(8).u32(0).u32(i.cpuMhz);
    ev.u64(i.compress ? 0 : os.headerSlots[0]).u64(i.compress ? 0 : os.headerSlots[1]);
    writeTimeZone(ev, i.timeZone);
    ev.u32(0); // alignment pad before the LARGE_INTEGERs
    ev.u64(i.bootTime).u64(os.perfFreq).u64(i.startTime).u32(1 /* QPC */).u32(0);
    ev.bytes(strings);
    while (ev.length % 8) ev.u8(0);
    if (os.hook0050) {
      ev.u16(2).u8(2).u8(0xc0).u16(0x50).u16(0x0050).u32(i.headerTid).u32(i.headerPid).u64(i.startQpc).u32(0).u32(0);
      ev.zeros(0x30);
    }
    const body = ev.finish();
    const filled = BUFFER_HEADER_SIZE + body.length;
    const bufSize = i.compress ? Math.max(0x200, (filled + 0x1ff) & ~0x1ff) : i.bufferSize;
    const b = Buffer.alloc(bufSize, 0xff);
    b.writeUInt32LE(bufSize, 0x00);
    b.writeUInt32LE(os.headerSavedOffsetZero ? 0 : filled, 0x04);
    b.writeUInt32LE(filled, 0x08);
    b.writeUInt32LE(0, 0x0c);
    b.writeBigUInt64LE(0n, 0x10);
    b.writeBigUInt64LE(0n, 0x18);
    b.writeBigUInt64LE(0n, 0x20);
    this.writeContext(b, 0);
    b.writeUInt32LE(3, 0x2c);
    b.writeUInt32LE(filled, 0x30);
    b.writeUInt16LE(BufferFlag.FLUSH_MARKER | (os.legacyBufferContext ? 0 : BufferFlag.PROC_INDEX), 0x34);
    b.writeUInt16LE(BufferType.HEADER, 0x36);
    b.fill(0, 0x38, 0x48);
    b.set(body, BUFFER_HEADER_SIZE);
    return b;
  }
}

function writeSystemTime(w: ByteWriter, t: SystemTime): void {
  w.u16(t.year).u16(t.month).u16(t.dayOfWeek).u16(t.day).u16(t.hour).u16(t.minute ?? 0).u16(0).u16(0);
}

function writeFixedName(w: ByteWriter, s: string): void {
  const b = Buffer.alloc(64);
  b.write(s.slice(0, 31), 0, 'utf16le');
  w.bytes(b);
}

/** TIME_ZONE_INFORMATION, 0xAC bytes. */
function writeTimeZone(w: ByteWriter, tz: TimeZone): void {
  w.i32(tz.bias);
  writeFixedName(w, tz.standardName);
  writeSystemTime(w, tz.standardDate);
  w.i32(tz.standardBias);
  writeFixedName(w, tz.daylightName);
  writeSystemTime(w, tz.daylightDate);
  w.i32(tz.daylightBias);
}
