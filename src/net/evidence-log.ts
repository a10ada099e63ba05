// Evidence references (time, source, text) of a whole analysis, kept off the heap. A trace with 100,000
// connections quotes millions of event messages and packet lines — several hundred MB of text, far more than the
// facts themselves. Each reference is written once to a log: the newest ones in memory, older ones in a temporary
// file once the memory part passes a bound. Evidence lists (`list()`, `record()`) hold only entry numbers and
// read the references back when someone looks at them, so they stand in for EvidenceRef[] everywhere.
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
const OWNER = Symbol('evidence log');
const IDS = Symbol('evidence ids');

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
  private readonly listHandler: ProxyHandler<number[]>;
  private readonly recordHandler: ProxyHandler<Record<string, number>>;

  constructor(opts: EvidenceLogOptions = {}) {
    this.memoryChars = opts.memoryChars ?? 1 << 20;
    this.directory = opts.directory ?? tmpdir();
    this.listHandler = listHandler(this);
    this.recordHandler = recordHandler(this);
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
  list(): EvidenceRef[] {
    const ids: number[] = [];
    const list = new Proxy<number[]>(ids, this.listHandler) as unknown as EvidenceRef[];
    lists.set(list, { ids, log: this });
    return list;
  }

  /**
   * Appends `ref` to `list` when it holds fewer than `max` references; false when it is full. The same as
   * `list.push(ref)` on any array, without going through the list's traps (this runs for every event).
   */
  static append(list: EvidenceRef[], ref: EvidenceRef, max: number): boolean {
    const logged = lists.get(list);
    if (logged === undefined) {
      if (list.length >= max) return false;
      list.push(ref);
      return true;
    }
    if (logged.ids.length >= max) return false;
    logged.ids.push(logged.log.add(ref));
    return true;
  }

  /** An empty record of named references kept in this log. */
  record<K extends string>(): Partial<Record<K, EvidenceRef>> {
    return new Proxy<Record<string, number>>({}, this.recordHandler) as unknown as Partial<Record<K, EvidenceRef>>;
  }

  /** Sorts a list made by `list()` by time, keeping the order of equal times, without reading its texts. */
  sortByTime(list: EvidenceRef[]): boolean {
    const ids = (list as unknown as { [IDS]?: number[] })[IDS];
    if (!ids) return false;
    const times = ids.map((id) => this.times[id]!);
    let sorted = true;
    for (let i = 1; i < times.length && sorted; i++) sorted = times[i - 1]! <= times[i]!;
    if (sorted) return true;
    const order = ids.map((_, i) => i).sort((x, y) => (times[x]! < times[y]! ? -1 : times[x]! > times[y]! ? 1 : x - y));
    const before = [...ids];
    order.forEach((from, to) => (ids[to] = before[from]!));
    return true;
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

/** The entry numbers behind each list made by a log, with that log. */
const lists = new WeakMap<object, { ids: number[]; log: EvidenceLog }>();

/** The log behind an evidence list or record, when it is one made by a log's `list()` / `record()`. */
export function logOf(list: object): EvidenceLog | undefined {
  return (list as { [OWNER]?: EvidenceLog })[OWNER];
}

function arrayIndex(prop: string | symbol): number {
  if (typeof prop !== 'string') return -1;
  const n = Number(prop);
  return Number.isInteger(n) && n >= 0 && String(n) === prop ? n : -1;
}

function listHandler(log: EvidenceLog): ProxyHandler<number[]> {
  return {
    get(ids, prop, receiver) {
      if (prop === OWNER) return log;
      if (prop === IDS) return ids;
      const i = arrayIndex(prop);
      if (i >= 0) return i < ids.length ? log.get(ids[i]!) : undefined;
      return Reflect.get(ids, prop, receiver);
    },
    set(ids, prop, value) {
      const i = arrayIndex(prop);
      if (i >= 0) ids[i] = log.add(value as EvidenceRef);
      else return Reflect.set(ids, prop, value);
      return true;
    },
    getOwnPropertyDescriptor(ids, prop) {
      const d = Reflect.getOwnPropertyDescriptor(ids, prop);
      const i = arrayIndex(prop);
      if (d && i >= 0) d.value = log.get(ids[i]!);
      return d;
    },
    defineProperty(ids, prop, d) {
      const i = arrayIndex(prop);
      if (i >= 0 && 'value' in d) return Reflect.defineProperty(ids, prop, { ...d, value: log.add(d.value as EvidenceRef) });
      return Reflect.defineProperty(ids, prop, d);
    },
  };
}

function recordHandler(log: EvidenceLog): ProxyHandler<Record<string, number>> {
  return {
    get(ids, prop) {
      if (prop === OWNER) return log;
      if (typeof prop !== 'string' || !Object.hasOwn(ids, prop)) return undefined;
      return log.get(ids[prop]!);
    },
    set(ids, prop, value) {
      if (typeof prop !== 'string') return false;
      if (value === undefined) delete ids[prop];
      else ids[prop] = log.add(value as EvidenceRef);
      return true;
    },
    getOwnPropertyDescriptor(ids, prop) {
      const d = Reflect.getOwnPropertyDescriptor(ids, prop);
      if (d && typeof prop === 'string') d.value = log.get(ids[prop]!);
      return d;
    },
    defineProperty(ids, prop, d) {
      if (typeof prop === 'string' && 'value' in d) return Reflect.defineProperty(ids, prop, { ...d, value: log.add(d.value as EvidenceRef) });
      return Reflect.defineProperty(ids, prop, d);
    },
  };
}
