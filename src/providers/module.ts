// What every provider module looks like, and the evidence reference each observation carries.
import type { FieldValue, TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation } from './observations.js';

export interface ProviderModule {
  /** Canonical provider name, used in `EvidenceRef.source`. */
  readonly name: string;
  /** Lower-case GUIDs without braces. */
  readonly guids: readonly string[];
  /** Other names the provider appears under in text exports. */
  readonly aliases?: readonly string[];
  /** Event ids the handler reads; other events skip it (and the evidence rendering). Absent = all ids. */
  readonly ids?: ReadonlySet<number>;
  /** A fresh handler with its own small state (e.g. handle → API name). */
  create(): ProviderHandler;
}

export type ProviderHandler = (ev: TraceEvent, ref: EvidenceRef) => Observation[];

/** Longest rendering kept for one field in a compact evidence text. */
const MAX_VALUE_CHARS = 120;

function renderValue(v: FieldValue): string {
  if (v === null) return 'null';
  if (v instanceof Uint8Array) {
    const hex = Buffer.from(v.buffer, v.byteOffset, Math.min(v.byteLength, 32)).toString('hex');
    return v.byteLength > 32 ? `0x${hex}… (${v.byteLength} bytes)` : `0x${hex}`;
  }
  if (Array.isArray(v)) return `[${v.map(renderValue).join(', ')}]`;
  if (typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}=${renderValue(x)}`)
      .join(', ')}}`;
  }
  const s = String(v);
  return s.length > MAX_VALUE_CHARS ? s.slice(0, MAX_VALUE_CHARS) + '…' : s;
}

/** `name=value name=value` of the event's fields, for events without a rendered message. */
export function compactFields(ev: TraceEvent): string {
  return Object.entries(ev.fields)
    .map(([k, v]) => `${k}=${renderValue(v)}`)
    .join(' ');
}

export function evidenceRef(ev: TraceEvent, providerName: string): EvidenceRef {
  const message = ev.message?.trim();
  return {
    time: ev.time,
    source: `${providerName}/${ev.id}`,
    text: message && message !== '' ? message : compactFields(ev),
  };
}

/** The fields every observation shares. */
export function base(ev: TraceEvent, ref: EvidenceRef): { time: bigint; pid: number; tid: number; ref: EvidenceRef } {
  return { time: ev.time, pid: ev.pid, tid: ev.tid, ref };
}

/** A small insertion-ordered map that forgets its oldest entries, so per-handle state stays bounded. */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit = 4096) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.limit) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
  delete(key: K): void {
    this.map.delete(key);
  }
}
