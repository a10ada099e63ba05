// What every provider module looks like, and the evidence reference each observation carries.
import type { FieldValue, TraceEvent } from '../decode/types.js';
import type { EvidenceRef, Observation, ProviderOutput } from './observations.js';

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

/**
 * A module that reads events by what they carry, whatever their provider, beside the provider's own module:
 * the error-text reader shapes pasted messages as events of the provider they imitate (WinRM, WinHTTP …).
 */
export interface ContentModule {
  readonly name: string;
  /** Whether this module reads the event; tested on every event, so cheap. */
  reads(ev: TraceEvent): boolean;
  create(): ContentHandler;
}

export type ContentHandler = (ev: TraceEvent) => ProviderOutput[];

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

/** `provider/id` source strings, made once each: every connection quotes the same few dozen. */
const sources = new Map<string, Map<number, string>>();

function sourceOf(providerName: string, id: number): string {
  let byId = sources.get(providerName);
  if (byId === undefined) sources.set(providerName, (byId = new Map()));
  let s = byId.get(id);
  if (s === undefined) byId.set(id, (s = `${providerName}/${id}`));
  return s;
}

export function evidenceRef(ev: TraceEvent, providerName: string): EvidenceRef {
  const message = ev.message?.trim();
  return {
    time: ev.time,
    source: sourceOf(providerName, ev.id),
    text: message && message !== '' ? message : compactFields(ev),
  };
}

/** The fields every observation shares. */
export function base(ev: TraceEvent, ref: EvidenceRef): { time: bigint; pid: number; tid: number; ref: EvidenceRef } {
  return { time: ev.time, pid: ev.pid, tid: ev.tid, ref };
}

/**
 * A small map that forgets its oldest entries, so per-handle state stays bounded: entries live in two
 * generations of `limit / 2`; when the young one is full it becomes the old one and the previous old one is
 * dropped. (Evicting one entry at a time from a Map's front is slow: a Map keeps deleted entries as holes until
 * it is rehashed, and finding the oldest live entry walks over them.)
 */
export class BoundedMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;
  constructor(limit = 4096) {
    this.half = Math.max(1, limit >> 1);
  }
  get(key: K): V | undefined {
    const v = this.young.get(key);
    return v !== undefined || this.young.has(key) ? v : this.old.get(key);
  }
  set(key: K, value: V): void {
    this.old.delete(key);
    this.young.set(key, value);
    if (this.young.size >= this.half) {
      this.old = this.young;
      this.young = new Map();
    }
  }
  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }
}
