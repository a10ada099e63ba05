// A minimal ETL writer for the benchmark (and for multi-buffer reader tests): a 64-bit native-layout trace with
// a header buffer (logfile-header event), fixed-size per-CPU data buffers in PROC_INDEX layout, QPC clock at
// 10 MHz, records 8-byte aligned, 0xFF fill. Layout per shared/reference/etl-format.md §1–§5.
import { closeSync, openSync, writeSync } from 'node:fs';
import { guidBytes } from '../src/common/format.js';

const HDR = 0x48;

function utf16z(s: string): Uint8Array {
  return Buffer.from(s + '\0', 'utf16le');
}

export interface EventHeaderRecord {
  tid: number;
  pid: number;
  time: bigint;
  provider: string;
  id: number;
  version?: number;
  channel?: number;
  level?: number;
  opcode?: number;
  task?: number;
  keyword?: bigint;
  activityId?: string;
  ext?: { type: number; data: Uint8Array }[];
  payload: Uint8Array;
  /** EVENT_HEADER32 instead of EVENT_HEADER64. */
  pointer32?: boolean;
}

/** An EVENT_HEADER record (0x50-byte header, extended items, user data). */
export function eventHeaderRecord(r: EventHeaderRecord): Uint8Array {
  const ext = r.ext ?? [];
  const extBytes = ext.reduce((n, e) => n + 8 + ((e.data.length + 7) & ~7), 0);
  const size = 0x50 + extBytes + r.payload.length;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, size, true);
  b[2] = r.pointer32 ? 0x12 : 0x13;
  b[3] = 0xc0;
  dv.setUint16(4, ext.length > 0 ? 1 : 0, true);
  dv.setUint32(8, r.tid, true);
  dv.setUint32(0x0c, r.pid, true);
  dv.setBigUint64(0x10, r.time, true);
  b.set(guidBytes(r.provider), 0x18);
  dv.setUint16(0x28, r.id, true);
  b[0x2a] = r.version ?? 0;
  b[0x2b] = r.channel ?? 0;
  b[0x2c] = r.level ?? 4;
  b[0x2d] = r.opcode ?? 0;
  dv.setUint16(0x2e, r.task ?? 0, true);
  dv.setBigUint64(0x30, r.keyword ?? 0n, true);
  if (r.activityId) b.set(guidBytes(r.activityId), 0x40);
  let q = 0x50;
  ext.forEach((e, i) => {
    const total = 8 + ((e.data.length + 7) & ~7);
    dv.setUint16(q, total, true);
    dv.setUint16(q + 2, e.type, true);
    dv.setUint16(q + 4, i < ext.length - 1 ? 1 : 0, true);
    dv.setUint16(q + 6, e.data.length, true);
    b.set(e.data, q + 8);
    q += total;
  });
  b.set(r.payload, q);
  return b;
}

/** A SYSTEM64 (0x20-byte header) or COMPACT64 record. */
export function systemRecord(r: { hookId: number; version: number; tid: number; pid: number; time: bigint; payload: Uint8Array; compact?: boolean }): Uint8Array {
  const head = r.compact ? 0x18 : 0x20;
  const size = head + r.payload.length;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  dv.setUint16(0, r.version, true);
  b[2] = r.compact ? 0x04 : 0x02;
  b[3] = 0xc0;
  dv.setUint16(4, size, true);
  dv.setUint16(6, r.hookId, true);
  dv.setUint32(8, r.tid, true);
  dv.setUint32(0x0c, r.pid, true);
  dv.setBigUint64(0x10, r.time, true);
  b.set(r.payload, head);
  return b;
}

export interface WriterOptions {
  bufferSize: number;
  cpus: number;
  loggerName?: string;
  /** FILETIME of the sync point. */
  startFiletime?: bigint;
  /** Raw QPC value of the sync point. */
  syncQpc?: bigint;
}

/**
 * Streams a trace to `path`. add() records in any CPU order (each CPU's records in time order); finish()
 * flushes the partly filled buffers and patches the logfile header (EndTime, BuffersWritten).
 */
export class SyntheticEtlWriter {
  private readonly fd: number;
  private readonly bufs: Uint8Array[];
  private readonly fill: number[];
  private seq = 1;
  private buffers = 1;
  private bytes = 0;
  private lastTime: bigint;
  readonly startFiletime: bigint;
  readonly syncQpc: bigint;

  constructor(
    readonly path: string,
    private readonly o: WriterOptions,
  ) {
    this.startFiletime = o.startFiletime ?? 133500000000000000n;
    this.syncQpc = o.syncQpc ?? 1_000_000_000n;
    this.lastTime = this.syncQpc;
    this.fd = openSync(path, 'w');
    this.bufs = Array.from({ length: o.cpus }, () => new Uint8Array(o.bufferSize));
    this.fill = new Array<number>(o.cpus).fill(HDR);
    this.writeHeaderBuffer(0n, 1);
  }

  /** Bytes written so far (header buffer included). */
  get size(): number {
    return this.bytes;
  }

  add(cpu: number, record: Uint8Array, time: bigint): void {
    const need = (record.length + 7) & ~7;
    if (need > this.o.bufferSize - HDR) throw new Error('record larger than a buffer');
    if (this.fill[cpu]! + need > this.o.bufferSize) this.flush(cpu);
    this.bufs[cpu]!.set(record, this.fill[cpu]!);
    this.bufs[cpu]!.fill(0, this.fill[cpu]! + record.length, this.fill[cpu]! + need);
    this.fill[cpu]! += need;
    if (time > this.lastTime) this.lastTime = time;
  }

  private flush(cpu: number): void {
    const b = this.bufs[cpu]!;
    const filled = this.fill[cpu]!;
    b.fill(0xff, filled);
    const dv = new DataView(b.buffer);
    b.fill(0, 0, HDR);
    dv.setUint32(0, this.o.bufferSize, true);
    dv.setUint32(4, filled, true);
    dv.setBigUint64(0x18, BigInt(this.seq++), true);
    dv.setUint16(0x28, cpu, true);
    dv.setUint32(0x2c, 3, true);
    dv.setUint32(0x30, filled, true);
    dv.setUint16(0x34, 0x20, true); // PROC_INDEX
    writeSync(this.fd, b, 0, b.length, this.bytes);
    this.bytes += b.length;
    this.buffers++;
    this.fill[cpu] = HDR;
  }

  private writeHeaderBuffer(endFiletime: bigint, buffersWritten: number): void {
    const size = this.o.bufferSize;
    const b = new Uint8Array(size).fill(0xff);
    const dv = new DataView(b.buffer);
    const names = [utf16z(this.o.loggerName ?? 'SyntheticSession'), utf16z('C:\\bench\\synthetic.etl')];
    const eventSize = 0x20 + 0x118 + names[0]!.length + names[1]!.length;
    const filled = HDR + ((eventSize + 7) & ~7);
    b.fill(0, 0, filled);
    dv.setUint32(0, size, true);
    dv.setUint32(4, filled, true);
    dv.setUint32(0x2c, 3, true);
    dv.setUint32(0x30, filled, true);
    dv.setUint16(0x34, 0x21, true);
    dv.setUint16(0x36, 4, true); // HEADER
    // SYSTEM_TRACE_HEADER of the logfile-header event
    dv.setUint32(HDR, 0xc0020002, true);
    dv.setUint16(HDR + 4, eventSize, true);
    dv.setBigUint64(HDR + 0x10, this.syncQpc, true);
    const l = HDR + 0x20;
    dv.setUint32(l, size, true);
    b.set([10, 0, 1, 5], l + 4);
    dv.setUint32(l + 0x08, 19045, true);
    dv.setUint32(l + 0x0c, this.o.cpus, true);
    dv.setBigInt64(l + 0x10, endFiletime, true);
    dv.setUint32(l + 0x18, 156250, true);
    dv.setUint32(l + 0x24, buffersWritten, true);
    dv.setUint32(l + 0x28, 1, true);
    dv.setUint32(l + 0x2c, 8, true);
    dv.setUint32(l + 0x34, 3000, true);
    b.set(Buffer.from('Coordinated Universal Time', 'utf16le'), l + 0x48 + 4);
    dv.setBigInt64(l + 0xf8, this.startFiletime - 36_000_000_000n, true);
    dv.setBigInt64(l + 0x100, 10_000_000n, true);
    dv.setBigInt64(l + 0x108, this.startFiletime, true);
    dv.setUint32(l + 0x110, 1, true);
    b.set(names[0]!, l + 0x118);
    b.set(names[1]!, l + 0x118 + names[0]!.length);
    writeSync(this.fd, b, 0, b.length, 0);
    this.bytes = Math.max(this.bytes, size);
  }

  /** Flushes every CPU's partial buffer, patches the header and closes the file. */
  finish(): void {
    for (let cpu = 0; cpu < this.o.cpus; cpu++) if (this.fill[cpu]! > HDR) this.flush(cpu);
    this.writeHeaderBuffer(this.startFiletime + (this.lastTime - this.syncQpc), this.buffers);
    closeSync(this.fd);
  }
}

/** TraceLogging metadata for the benchmark event: provider traits (0x0C) and event schema (0x0B). */
export function traceLoggingExt(provider: string, event: string, fields: [name: string, inType: number][]): { type: number; data: Uint8Array }[] {
  const name = Buffer.from(provider + '\0', 'utf8');
  const traits = new Uint8Array(2 + name.length);
  new DataView(traits.buffer).setUint16(0, traits.length, true);
  traits.set(name, 2);
  const parts: number[] = [0, 0, 0, ...Buffer.from(event + '\0', 'utf8')];
  for (const [f, t] of fields) parts.push(...Buffer.from(f + '\0', 'utf8'), t);
  const schema = Uint8Array.from(parts);
  new DataView(schema.buffer).setUint16(0, schema.length, true);
  return [
    { type: 0x0c, data: traits },
    { type: 0x0b, data: schema },
  ];
}
