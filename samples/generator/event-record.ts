// Builds EVENT_HEADER records (manifest events) as ETW stores them in a buffer: 0x50-byte header + user data.
import { guidBytes } from '../../src/common/format.js';
import { ByteWriter } from './bytes.js';
import { encodePayload, schemaOf, type FieldValues } from './payload.js';

/** EVENT_HEADER HeaderType for records whose payload pointers are 8 bytes wide. */
export const EVENT_HEADER64 = 0x13;
/** Channel every generated provider event uses (the value the netsh NDIS capture sample carries). */
export const DEFAULT_CHANNEL = 16;
/** Keyword bit ETW adds for channel 16 (the first manifest channel), as seen on the sample's NDIS events. */
export const CHANNEL_KEYWORD = 0x8000000000000000n;

export interface EventContext {
  pid: number;
  tid: number;
  /** Raw session-clock timestamp (QPC). */
  qpc: bigint;
  /** Optional ActivityId (GUID text); zero when absent. */
  activityId?: string;
  /** Extra keyword bits set at run time (NDIS direction/fragment flags). */
  extraKeyword?: bigint;
  /** Drop trailing template fields after this one (older builds' shorter templates). */
  omitAfter?: string;
}

export interface DescriptorFields {
  providerGuid: string;
  id: number;
  version: number;
  channel: number;
  level: number;
  opcode: number;
  task: number;
  keyword: bigint;
}

const guidCache = new Map<string, Uint8Array>();
function cachedGuid(g: string): Uint8Array {
  let b = guidCache.get(g);
  if (!b) guidCache.set(g, (b = guidBytes(g)));
  return b;
}

/** Raw EVENT_HEADER64 record around an already-encoded payload. */
export function eventHeaderRecord(ctx: EventContext, d: DescriptorFields, payload: Uint8Array): Uint8Array {
  const size = 0x50 + payload.length;
  if (size > 0xffff) throw new Error(`event ${d.id} is ${size} bytes; ETW records are limited to 64 KiB`);
  const w = new ByteWriter(size);
  w.u16(size).u8(EVENT_HEADER64).u8(0xc0);
  w.u16(0); // Flags: none stored for plain manifest events
  w.u16(0); // EventProperty
  w.u32(ctx.tid).u32(ctx.pid);
  w.u64(ctx.qpc);
  w.bytes(cachedGuid(d.providerGuid));
  w.u16(d.id).u8(d.version).u8(d.channel).u8(d.level).u8(d.opcode).u16(d.task);
  w.u64(d.keyword);
  w.u32(0).u32(0); // KernelTime, UserTime
  w.bytes(ctx.activityId ? guidBytes(ctx.activityId) : new Uint8Array(16));
  w.bytes(payload);
  return w.finish();
}

/** A manifest event: looks up the template, encodes `values` and wraps them in an EVENT_HEADER64. */
export function manifestEvent(
  provider: string,
  id: number,
  version: number,
  values: FieldValues,
  ctx: EventContext,
): Uint8Array {
  const s = schemaOf(provider, id, version);
  const payload = encodePayload(s, values, 8, ctx.omitAfter);
  return eventHeaderRecord(
    ctx,
    {
      providerGuid: s.guid,
      id: s.id,
      version: s.version,
      channel: DEFAULT_CHANNEL,
      level: s.level,
      opcode: s.opcode,
      task: s.task,
      keyword: s.keyword | CHANNEL_KEYWORD | (ctx.extraKeyword ?? 0n),
    },
    payload,
  );
}
