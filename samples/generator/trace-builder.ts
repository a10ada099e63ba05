// Collects a scenario's events on a microsecond timeline (any order), then writes them per CPU in time order.
import { manifestEvent } from './event-record.js';
import { EtlWriter, type ByteSink, type TimeZone } from './etl-writer.js';
import type { OsProfile } from './os-profiles.js';
import type { FieldValues } from './payload.js';
import type { Frame } from './net/tcp-conversation.js';
import { Rng } from './rng.js';
import { isoToFiletime } from '../../src/common/time.js';

export interface Thread {
  pid: number;
  tid: number;
  cpu: number;
}

export interface SessionSpec {
  os: OsProfile;
  cpus: number;
  cpuMhz: number;
  /** Session start, ISO-8601 UTC. */
  start: string;
  /** Seconds between boot and the session start. */
  uptimeSeconds: number;
  timeZone: TimeZone;
  logFileName: string;
  loggerName?: string;
  bufferSize?: number;
  compress?: boolean;
  /** netsh's own process, which starts the session. */
  controller: Thread;
}

export const NdisKeyword = {
  ETHERNET: 0x1n,
  PACKET_START: 0x40000000n,
  PACKET_END: 0x80000000n,
  SEND: 0x100000000n,
  RECEIVE: 0x200000000n,
} as const;

export const NDIS = 'Microsoft-Windows-NDIS-PacketCapture';

interface Item {
  us: number;
  order: number;
  cpu: number;
  build: (qpc: bigint) => Uint8Array;
}

export interface EventOptions {
  activityId?: string;
  extraKeyword?: bigint;
  omitAfter?: string;
}

export interface CaptureInterface {
  miniportIfIndex: number;
  lowerIfIndex: number;
  /** Thread context of receive-path indications (DPC on the NIC's CPU). */
  receiveThread: Thread;
}

export class TraceBuilder {
  private items: Item[] = [];
  private order = 0;
  readonly rng: Rng;

  constructor(
    readonly spec: SessionSpec,
    seed: number,
  ) {
    this.rng = new Rng(seed);
  }

  /** A manifest event at `us` microseconds after the session start. */
  event(us: number, thread: Thread, provider: string, id: number, version: number, values: FieldValues, o: EventOptions = {}): void {
    this.items.push({
      us,
      order: this.order++,
      cpu: thread.cpu,
      build: (qpc) =>
        manifestEvent(provider, id, version, values, {
          pid: thread.pid,
          tid: thread.tid,
          qpc,
          activityId: o.activityId,
          extraKeyword: o.extraKeyword,
          omitAfter: o.omitAfter,
        }),
    });
  }

  /**
   * One captured frame as NDIS-PacketCapture 1001 events. Send-path frames carrying data are logged as two
   * fragments (protocol headers, then payload), the way the send path hands them to the capture filter.
   */
  frame(us: number, f: Frame, nic: CaptureInterface, sender: Thread): void {
    const dir = f.direction === 'send' ? NdisKeyword.SEND : NdisKeyword.RECEIVE;
    const thread = f.direction === 'send' ? sender : nic.receiveThread;
    const parts =
      f.direction === 'send' && f.bytes.length > f.headerLength
        ? [f.bytes.subarray(0, f.headerLength), f.bytes.subarray(f.headerLength)]
        : [f.bytes];
    parts.forEach((part, i) => {
      let kw = NdisKeyword.ETHERNET | dir;
      if (i === 0) kw |= NdisKeyword.PACKET_START;
      if (i === parts.length - 1) kw |= NdisKeyword.PACKET_END;
      const values: FieldValues = {
        MiniportIfIndex: nic.miniportIfIndex,
        LowerIfIndex: nic.lowerIfIndex,
        Fragment: new Uint8Array(part),
      };
      const gft = this.spec.os.ndisGftFields;
      if (gft) {
        values.GftFlowEntryId = 0n;
        values.GftOffloadInformation = 0n;
      }
      this.event(us, thread, NDIS, 1001, 0, values, { extraKeyword: kw, omitAfter: gft ? undefined : 'Fragment' });
    });
  }

  /** Time of the latest event collected so far (µs). */
  get lastEventUs(): number {
    let m = 0;
    for (const it of this.items) if (it.us > m) m = it.us;
    return m;
  }

  get eventCount(): number {
    return this.items.length;
  }

  /** Opens an ETL writer for this session on `sink` (the header buffer is written at once). */
  openWriter(sink: ByteSink): EtlWriter {
    const s = this.spec;
    const start = isoToFiletime(s.start);
    if (start === undefined) throw new Error(`bad start time ${s.start}`);
    const startQpc = BigInt(s.uptimeSeconds) * s.os.perfFreq + 1234n;
    return new EtlWriter(sink, {
      os: s.os,
      loggerName: s.loggerName ?? 'NetTrace',
      logFileName: s.logFileName,
      bufferSize: s.bufferSize ?? 0x2000,
      cpus: s.cpus,
      cpuMhz: s.cpuMhz,
      loggerId: 0x21,
      logFileMode: s.compress ? 0x4010001 : 0x1,
      maximumFileSizeMb: 512,
      startTime: start,
      bootTime: start - BigInt(s.uptimeSeconds) * 10_000_000n,
      startQpc,
      timeZone: s.timeZone,
      headerPid: s.controller.pid,
      headerTid: s.controller.tid,
      compress: s.compress,
    });
  }

  /** Moves the collected events into `w` in time order and forgets them; returns the last event time. */
  emit(w: EtlWriter): number {
    const sorted = this.items.sort((a, b) => a.us - b.us || a.order - b.order);
    let last = 0;
    for (const it of sorted) {
      const qpc = w.qpcAt(it.us);
      w.add(it.cpu, qpc, it.build(qpc));
      last = it.us;
    }
    this.items = [];
    return last;
  }

  /** Writes the session to `sink`; returns the number of records and data buffers written. */
  write(sink: ByteSink): { records: number; buffers: number } {
    const w = this.openWriter(sink);
    const last = this.emit(w);
    w.close(w.qpcAt(last + 250_000));
    return { records: w.stats.records, buffers: w.stats.buffers };
  }
}
