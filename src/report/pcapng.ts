// pcapng export of captured frames (Section Header, one Interface Description per capture interface, one
// Enhanced Packet Block per frame), written in bounded chunks as frames arrive.
// Layout: draft-ietf-opsawg-pcapng (blocks are little-endian here; the byte-order magic says so).
import { closeSync, existsSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { ExitCode, TraceError } from '../common/errors.js';
import { message } from '../common/message.js';
import { FILETIME_UNIX_EPOCH } from '../common/time.js';
import { dissectFrame } from '../net/index.js';
import type { PacketCaptured } from '../providers/observations.js';
import { CAPTURE } from '../diagnose/capture.js';

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_END = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_TSRESOL = 9;
const EPB_FLAGS = 2;
const EPB_PACKETID = 5;
const SNAPLEN = 65535;
const FLUSH_AT = 1 << 20;
/** FILETIME of 1970-01-01: EPB timestamps count 100 ns units since then (if_tsresol = 7). */

/** LINKTYPE_* values, as etl2pcapng writes them. */
export const LINKTYPES = { ethernet: 1, raw_ip: 101, ieee802_11: 105 } as const;

export interface PcapngInterface {
  link: PacketCaptured['link'];
  name: string;
  description?: string;
}

/** How each frame is described in its interface block; pktmon component names come from a first pass. */
export type InterfaceNamer = (p: PacketCaptured) => PcapngInterface;

export const defaultInterfaceNamer: InterfaceNamer = (p) => ({
  link: p.link,
  name: p.ifaceName ?? `if:${p.iface}`,
  ...(p.ifaceDescription ? { description: p.ifaceDescription } : {}),
});

const utf8 = new TextEncoder();

function le32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}

function le64(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, v), true);
  return b;
}

class BlockBuilder {
  private parts: Uint8Array[] = [];
  private size = 0;

  u16(v: number): this {
    return this.bytes(Uint8Array.of(v & 0xff, (v >> 8) & 0xff));
  }

  u32(v: number): this {
    return this.bytes(le32(v));
  }

  u64(v: bigint): this {
    return this.bytes(le64(v));
  }

  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  pad(): this {
    const n = (4 - (this.size % 4)) % 4;
    return n ? this.bytes(new Uint8Array(n)) : this;
  }

  option(code: number, value: Uint8Array): this {
    this.u16(code).u16(value.length).bytes(value);
    return this.pad();
  }

  /** Wraps the body in type, total length (twice), as every pcapng block is. */
  block(type: number): Uint8Array {
    const total = 12 + this.size;
    const out = new Uint8Array(total);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, type, true);
    dv.setUint32(4, total, true);
    let o = 8;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    dv.setUint32(total - 4, total, true);
    return out;
  }
}

export interface PcapngWriteResult {
  frames: number;
  interfaces: PcapngInterface[];
}

/**
 * Writes frames to `path`. The file appears under its name only when close() succeeds (written beside it
 * first), so a failed export never leaves half a file, and an existing file is replaced only with `force`.
 */
export class PcapngWriter {
  private readonly fd: number;
  private readonly temp: string;
  private chunks: Uint8Array[] = [];
  private pending = 0;
  private readonly interfaces = new Map<string, number>();
  private readonly list: PcapngInterface[] = [];
  private frames = 0;
  private done = false;

  constructor(
    readonly path: string,
    opts: { force?: boolean; namer?: InterfaceNamer } = {},
  ) {
    if (!opts.force && existsSync(path)) {
      throw new TraceError(message('output.exists'), ExitCode.IO_ERR, path);
    }
    this.namer = opts.namer ?? defaultInterfaceNamer;
    this.temp = `${path}.${process.pid}.partial`;
    try {
      this.fd = openSync(this.temp, 'wx');
    } catch (err) {
      throw new TraceError(message('output.cannot_write', { reason: (err as Error).message }), ExitCode.IO_ERR, path);
    }
    const shb = new BlockBuilder().u32(BYTE_ORDER_MAGIC).u16(1).u16(0).u64(-1n);
    shb.option(SHB_USERAPPL, utf8.encode('tracedoctor')).u32(OPT_END);
    this.push(shb.block(BLOCK_SHB));
  }

  private readonly namer: InterfaceNamer;

  write(p: PacketCaptured): void {
    const iface = this.interfaceFor(p);
    let data = p.data;
    if (p.link === 'ieee802_11' && data.length >= 2 && data[1]! & 0x40) {
      // The capture logs 802.11 frames after decryption but keeps the Protected bit: clear it so readers
      // dissect the payload instead of treating it as ciphertext (what etl2pcapng does too).
      data = data.slice();
      data[1] = data[1]! & ~0x40;
    }
    const ts = p.time - FILETIME_UNIX_EPOCH;
    const b = new BlockBuilder()
      .u32(iface)
      .u32(Number((ts >> 32n) & 0xffffffffn))
      .u32(Number(ts & 0xffffffffn))
      .u32(data.length)
      .u32(originalLength(p))
      .bytes(data)
      .pad();
    const flags = p.direction === 'in' ? 1 : p.direction === 'out' ? 2 : 0;
    if (flags) b.option(EPB_FLAGS, le32(flags));
    b.option(EPB_PACKETID, le64(p.packetId ?? BigInt(p.number)));
    const comment = [`PID=${p.pid} TID=${p.tid}`];
    if (p.duplicateOf !== undefined) comment.push(`same packet as frame ${p.duplicateOf}`);
    if (p.dropReason !== undefined) comment.push(`dropped (reason ${p.dropReason})`);
    b.option(OPT_COMMENT, utf8.encode(comment.join(' '))).u32(OPT_END);
    this.push(b.block(BLOCK_EPB));
    this.frames++;
  }

  /** Finishes the file and moves it to its name. */
  close(): PcapngWriteResult {
    if (this.done) return { frames: this.frames, interfaces: this.list };
    this.flush();
    closeSync(this.fd);
    this.done = true;
    try {
      renameSync(this.temp, this.path);
    } catch (err) {
      this.discardTemp();
      throw new TraceError(message('output.cannot_write', { reason: (err as Error).message }), ExitCode.IO_ERR, this.path);
    }
    return { frames: this.frames, interfaces: this.list };
  }

  /** Abandons the export: nothing is left behind. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.discardTemp();
  }

  private discardTemp(): void {
    try {
      unlinkSync(this.temp);
    } catch {
      // nothing to remove
    }
  }

  private interfaceFor(p: PacketCaptured): number {
    const info = this.namer(p);
    const key = `${info.link}|${info.name}|${info.description ?? ''}`;
    let id = this.interfaces.get(key);
    if (id !== undefined) return id;
    id = this.list.length;
    this.interfaces.set(key, id);
    this.list.push(info);
    const b = new BlockBuilder().u16(LINKTYPES[info.link]).u16(0).u32(SNAPLEN);
    b.option(IF_NAME, utf8.encode(info.name));
    if (info.description) b.option(IF_DESCRIPTION, utf8.encode(info.description));
    b.option(IF_TSRESOL, Uint8Array.of(7)).u32(OPT_END);
    this.push(b.block(BLOCK_IDB));
    return id;
  }

  private push(block: Uint8Array): void {
    this.chunks.push(block);
    this.pending += block.length;
    if (this.pending >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    try {
      for (const c of this.chunks) {
        let off = 0;
        while (off < c.length) off += writeSync(this.fd, c, off, c.length - off);
      }
    } catch (err) {
      this.abort();
      throw new TraceError(message('output.cannot_write', { reason: (err as Error).message }), ExitCode.IO_ERR, this.path);
    }
    this.chunks = [];
    this.pending = 0;
  }
}

/**
 * Original length: what the source says (pktmon OriginalPayloadSize); for sources that do not say (ndiscap),
 * the length the IP header implies when that is longer than what was captured.
 */
function originalLength(p: PacketCaptured): number {
  if (p.originalLength > p.data.length) return p.originalLength;
  const implied = dissectFrame(p).impliedLength;
  return implied !== undefined && implied > p.data.length ? implied : p.data.length;
}

/** The message for a trace without captured frames (exit 65). */
export const NO_PACKETS_MESSAGE = `no packet capture in this trace (capture with \`${CAPTURE.netshStart}\` or \`${CAPTURE.pktmonFull}\`)`;

/** Where frames come from: re-iterable (the export reads the trace twice) and naming pktmon components. */
export interface FrameSource {
  packets(): Iterable<PacketCaptured>;
  /** PktMon component names known after a full pass. */
  components(): ReadonlyMap<number, { name: string; description?: string }>;
}

/**
 * Exports every frame of `source` to `path`. Pass 1 counts frames and learns the pktmon component names
 * (logged at the end of pktmon files); pass 2 writes. Throws TraceError 65 when there is no frame.
 */
export function exportPcapng(source: FrameSource, path: string, opts: { force?: boolean } = {}): PcapngWriteResult {
  let count = 0;
  for (const _p of source.packets()) count++;
  if (count === 0) throw new TraceError(NO_PACKETS_MESSAGE, ExitCode.DATA_ERR);
  const components = source.components();
  const namer: InterfaceNamer = (p) => {
    const c = p.packetId !== undefined ? components.get(p.iface) : undefined;
    if (c) {
      return {
        link: p.link,
        name: c.name,
        description: `${c.description ? `${c.description}, ` : ''}pktmon component ${p.iface}`,
      };
    }
    return defaultInterfaceNamer(p);
  };
  const writer = new PcapngWriter(path, { force: opts.force, namer });
  try {
    for (const p of source.packets()) writer.write(p);
    return writer.close();
  } catch (err) {
    writer.abort();
    throw err;
  }
}
