// Evidence references (time, source, text) of a whole analysis, kept off the heap. A trace with 100,000
// connections quotes millions of event messages and packet lines — several hundred MB of text, far more than the
// facts themselves. Each reference is written once to a log: the newest ones in memory, older ones in a temporary
// file once the memory part passes a bound. Evidence lists made by a log (`list()`) and their key records
// hold only entry numbers and read the references back when someone looks at them; without a log they hold the
// references themselves (`evidenceList()`).
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvidenceRef } from '../providers/observations.js';

export interface EvidenceLogOptions {
  /** Characters of reference text kept in memory before they go to the file (default 1 M). */
  memoryChars?: number;
  /** Where the file is made (default the system's temporary directory). */
  directory?: string;
}

const READ_BLOCK = 1 << 18;
const READ_BLOCKS = 4;
const BLOCK = 64;
const LONG_SOURCE = 0xffff;
const RECENT = 8;
/** In unicode mode a surrogate pair is one code point: only lone surrogates are `Cs`. */
const LONE_SURROGATE = /\p{Cs}/u;

interface LogFile {
  fd: number;
  dir: string;
}

/** Files whose name could not be removed while open (Windows): removed when the log goes, or at exit. */
const named = new Set<LogFile>();
let exitHook = false;

/** Closes (and, where still named, removes) a log's file once the log itself is gone. */
const files = new FinalizationRegistry<LogFile>((f) => removeFile(f));

function removeFile(f: LogFile): void {
  try {
    closeSync(f.fd);
  } catch {
    // Already closed.
  }
  if (named.delete(f)) rmSync(f.dir, { recursive: true, force: true });
}

function removeNamedFiles(): void {
  for (const f of named) removeFile(f);
}

export class EvidenceLog {
  private readonly memoryChars: number;
  private readonly directory: string;
  // Per entry 14 bytes stay in memory: its time, its source's length and its length in the file. The file
  // offset is kept for every BLOCK-th entry; the others are found by adding lengths from there.
  private times = new BigInt64Array(1024);
  /** Characters of each entry's source (the rest of the entry is its text); LONG_SOURCE: see longSources. */
  private sourceLengths = new Uint16Array(1024);
  private readonly longSources = new Map<number, number>();
  private byteLengths = new Uint32Array(1024);
  private blockOffsets = new Float64Array(16);
  private fileBytes = 0;
  private count = 0;
  /** Entries from `written` on, as `source + text`, not yet in the file. */
  private tail: string[] = [];
  private tailChars = 0;
  private writeBuffer = Buffer.alloc(0);
  private readonly illFormed = new Map<number, string>();
  private written = 0;
  private file?: LogFile;
  /** The blocks of the file read last, the oldest first. */
  private readonly blocks: { start: number; bytes: Buffer; length: number }[] = [];
  /** Marks a reference read back from this log with its entry, so that logging it again finds that entry. */
  private readonly entryMark = Symbol('evidence entry');
  /** The last references logged: a handler quotes one event as a milestone and as evidence, one after the other. */
  private readonly recent: (EvidenceRef | undefined)[] = new Array<EvidenceRef | undefined>(RECENT);
  private readonly recentIds = new Int32Array(RECENT);
  private recentNext = 0;

  constructor(opts: EvidenceLogOptions = {}) {
    this.memoryChars = opts.memoryChars ?? 1 << 20;
    this.directory = opts.directory ?? tmpdir();
  }

  /** References logged so far. */
  get size(): number {
    return this.count;
  }

  /** References whose text is held in memory (the rest is in the file). */
  get resident(): number {
    return this.count - this.written;
  }

  /**
   * The entry of `ref`. A reference read back from the log, or logged again soon after, is the entry it was; other
   * repeats become a new entry with the same contents (the same reference either way).
   */
  add(ref: EvidenceRef): number {
    const marked = (ref as unknown as Record<symbol, number | undefined>)[this.entryMark];
    if (marked !== undefined) return marked;
    for (let i = 0; i < RECENT; i++) if (this.recent[i] === ref) return this.recentIds[i]!;
    const id = this.count++;
    if (id >= this.times.length) this.grow();
    this.times[id] = ref.time;
    if (ref.source.length < LONG_SOURCE) this.sourceLengths[id] = ref.source.length;
    else {
      this.sourceLengths[id] = LONG_SOURCE;
      this.longSources.set(id, ref.source.length);
    }
    const entry = ref.source + ref.text;
    this.tail.push(entry);
    this.tailChars += entry.length;
    this.recent[this.recentNext] = ref;
    this.recentIds[this.recentNext] = id;
    this.recentNext = (this.recentNext + 1) % RECENT;
    if (this.tailChars > this.memoryChars) this.flush();
    return id;
  }

  time(id: number): bigint {
    return this.times[id]!;
  }

  /** The reference of entry `id`, read back (a new object, known to `add`). */
  get(id: number): EvidenceRef {
    const entry = id >= this.written ? this.tail[id - this.written]! : (this.illFormed.get(id) ?? this.readEntry(id));
    const cut = this.sourceLengths[id] === LONG_SOURCE ? this.longSources.get(id)! : this.sourceLengths[id]!;
    const ref: EvidenceRef = { time: this.times[id]!, source: entry.slice(0, cut), text: entry.slice(cut) };
    Object.defineProperty(ref, this.entryMark, { value: id });
    return ref;
  }

  /** An empty evidence list kept in this log. */
  list(): EvidenceList {
    return new LoggedEvidence(this);
  }

  /** Sorts entry numbers by their times, keeping the order of equal times, without reading their texts. */
  sortIds(ids: number[]): void {
    const times = this.times;
    let sorted = true;
    for (let i = 1; i < ids.length && sorted; i++) sorted = times[ids[i - 1]!]! <= times[ids[i]!]!;
    if (sorted) return;
    const order = ids.map((_, i) => i).sort((x, y) => {
      const a = times[ids[x]!]!;
      const b = times[ids[y]!]!;
      return a < b ? -1 : a > b ? 1 : x - y;
    });
    const before = [...ids];
    order.forEach((from, to) => (ids[to] = before[from]!));
  }

  private grow(): void {
    const n = Math.ceil(this.times.length * 1.5);
    const times = new BigInt64Array(n);
    times.set(this.times);
    this.times = times;
    const sources = new Uint16Array(n);
    sources.set(this.sourceLengths);
    this.sourceLengths = sources;
    const bytes = new Uint32Array(n);
    bytes.set(this.byteLengths);
    this.byteLengths = bytes;
  }

  private flush(): void {
    const file = (this.file ??= this.openFile());
    // Each character takes at most 3 bytes in UTF-8 (a surrogate pair 4 for 2): one pass encodes and measures.
    const bytes = this.writeBuffer.length >= this.tailChars * 3 ? this.writeBuffer : (this.writeBuffer = Buffer.allocUnsafe(this.tailChars * 3));
    let used = 0;
    for (const entry of this.tail) {
      const id = this.written++;
      if (id % BLOCK === 0) {
        const block = id / BLOCK;
        if (block >= this.blockOffsets.length) {
          const offsets = new Float64Array(this.blockOffsets.length * 2);
          offsets.set(this.blockOffsets);
          this.blockOffsets = offsets;
        }
        this.blockOffsets[block] = this.fileBytes + used;
      }
      // UTF-8 cannot carry a lone surrogate (a damaged UTF-16 string from a trace): such an entry stays here.
      if (LONE_SURROGATE.test(entry)) this.illFormed.set(id, entry);
      const length = this.illFormed.has(id) ? 0 : bytes.write(entry, used, 'utf8');
      this.byteLengths[id] = length;
      used += length;
    }
    writeSync(file.fd, bytes, 0, used, this.fileBytes);
    this.fileBytes += used;
    this.tail = [];
    this.tailChars = 0;
  }


  private openFile(): LogFile {
    const dir = mkdtempSync(join(this.directory, 'tracedoctor-evidence-'));
    const path = join(dir, 'evidence');
    const file: LogFile = { fd: openSync(path, 'w+'), dir };
    files.register(this, file);
    try {
      // Where the system allows it the name goes at once: the file lives as long as it is open, nothing is left.
      unlinkSync(path);
      rmdirSync(dir);
    } catch {
      if (!exitHook) process.once('exit', removeNamedFiles);
      exitHook = true;
      named.add(file);
    }
    return file;
  }

  private readEntry(id: number): string {
    const first = id - (id % BLOCK);
    let start = this.blockOffsets[first / BLOCK]!;
    for (let i = first; i < id; i++) start += this.byteLengths[i]!;
    const end = start + this.byteLengths[id]!;
    for (const b of this.blocks) if (start >= b.start && end <= b.start + b.length) return b.bytes.toString('utf8', start - b.start, end - b.start);
    // A connection's references were logged in a few bursts (while it was read, then when its flow and names
    // were joined): a few blocks around them are read, not one entry at a time.
    const length = Math.max(READ_BLOCK, end - start);
    const reused = this.blocks.length >= READ_BLOCKS ? this.blocks.shift() : undefined;
    const bytes = reused && reused.bytes.length >= length ? reused.bytes : Buffer.allocUnsafe(length);
    const got = readSync(this.file!.fd, bytes, 0, length, start);
    this.blocks.push({ start, bytes, length: got });
    return bytes.toString('utf8', 0, end - start);
  }

}

/**
 * The references behind a record (a connection, a flow), in the order they were added until sorted. Appending
 * is bounded by the caller; reading gives references equal to those added (from a log: new objects each time).
 */
export interface EvidenceList extends Iterable<EvidenceRef> {
  readonly length: number;
  /** Appends `ref` when the list holds fewer than `max` references; false when it is full. */
  append(ref: EvidenceRef, max: number): boolean;
  at(index: number): EvidenceRef | undefined;
  slice(start?: number, end?: number): EvidenceRef[];
  map<T>(f: (ref: EvidenceRef, index: number) => T): T[];
  some(f: (ref: EvidenceRef) => boolean): boolean;
  /** Sorts by time, keeping the order of equal times. */
  sortByTime(): void;
  /** An empty key record kept where this list keeps its references. */
  keyRecord<K extends string>(): KeyEvidence<K>;
}

/** The reference behind each milestone of a record (the key), each set once unless replaced. */
export interface KeyEvidence<K extends string> {
  get(key: K): EvidenceRef | undefined;
  has(key: K): boolean;
  set(key: K, ref: EvidenceRef): void;
  /** The keys set, in the order they were first set. */
  keys(): K[];
}

/** An empty evidence list holding its references in memory (no log). */
export function evidenceList(refs: EvidenceRef[] = []): EvidenceList {
  return new HeldEvidence(refs);
}

function byTime(a: EvidenceRef, b: EvidenceRef): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
}

class HeldEvidence implements EvidenceList {
  constructor(private readonly refs: EvidenceRef[]) {}

  get length(): number {
    return this.refs.length;
  }

  append(ref: EvidenceRef, max: number): boolean {
    if (this.refs.length >= max) return false;
    this.refs.push(ref);
    return true;
  }

  at(index: number): EvidenceRef | undefined {
    return this.refs[index];
  }

  slice(start?: number, end?: number): EvidenceRef[] {
    return this.refs.slice(start, end);
  }

  map<T>(f: (ref: EvidenceRef, index: number) => T): T[] {
    return this.refs.map((r, i) => f(r, i));
  }

  some(f: (ref: EvidenceRef) => boolean): boolean {
    return this.refs.some((r) => f(r));
  }

  sortByTime(): void {
    this.refs.sort(byTime);
  }

  keyRecord<K extends string>(): KeyEvidence<K> {
    return new HeldKeys<K>();
  }

  [Symbol.iterator](): Iterator<EvidenceRef> {
    return this.refs[Symbol.iterator]();
  }
}

class LoggedEvidence implements EvidenceList {
  private readonly ids: number[] = [];

  constructor(private readonly log: EvidenceLog) {}

  get length(): number {
    return this.ids.length;
  }

  append(ref: EvidenceRef, max: number): boolean {
    if (this.ids.length >= max) return false;
    this.ids.push(this.log.add(ref));
    return true;
  }

  at(index: number): EvidenceRef | undefined {
    const id = this.ids[index];
    return id === undefined ? undefined : this.log.get(id);
  }

  slice(start?: number, end?: number): EvidenceRef[] {
    return this.ids.slice(start, end).map((id) => this.log.get(id));
  }

  map<T>(f: (ref: EvidenceRef, index: number) => T): T[] {
    return this.ids.map((id, i) => f(this.log.get(id), i));
  }

  some(f: (ref: EvidenceRef) => boolean): boolean {
    return this.ids.some((id) => f(this.log.get(id)));
  }

  sortByTime(): void {
    this.log.sortIds(this.ids);
  }

  keyRecord<K extends string>(): KeyEvidence<K> {
    return new LoggedKeys<K>(this.log);
  }

  *[Symbol.iterator](): Iterator<EvidenceRef> {
    for (const id of this.ids) yield this.log.get(id);
  }
}

class HeldKeys<K extends string> implements KeyEvidence<K> {
  private readonly refs: Partial<Record<K, EvidenceRef>> = {};

  get(key: K): EvidenceRef | undefined {
    return this.refs[key];
  }

  has(key: K): boolean {
    return this.refs[key] !== undefined;
  }

  set(key: K, ref: EvidenceRef): void {
    this.refs[key] = ref;
  }

  keys(): K[] {
    return Object.keys(this.refs) as K[];
  }
}

class LoggedKeys<K extends string> implements KeyEvidence<K> {
  private readonly ids: Partial<Record<K, number>> = {};

  constructor(private readonly log: EvidenceLog) {}

  get(key: K): EvidenceRef | undefined {
    const id = this.ids[key];
    return id === undefined ? undefined : this.log.get(id);
  }

  has(key: K): boolean {
    return this.ids[key] !== undefined;
  }

  set(key: K, ref: EvidenceRef): void {
    this.ids[key] = this.log.add(ref);
  }

  keys(): K[] {
    return Object.keys(this.ids) as K[];
  }
}

/** The list of a record nothing may add to any more (appending throws: its array is frozen). */
export const SEALED_EVIDENCE: EvidenceList = new HeldEvidence(Object.freeze([]) as unknown as EvidenceRef[]);
