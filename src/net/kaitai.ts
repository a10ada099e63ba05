// Runs the parsers generated from formats/net_*.ksy, tls.ksy and dns.ksy, keeping what was read before a cut.
// Captured packets are often shorter than the structures they carry (pktmon's 128-byte default snap): the
// generated `_read()` assigns fields in declaration order, so calling it on a pre-built instance and stopping
// at the end-of-stream error leaves every field read before the cut in place. Nothing is invented.
import { KaitaiStream, loadFormat } from '../formats/load.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const cache = new Map<string, any>();

/** The generated class `File.Nested` (e.g. `NetLink`, `EthernetHeader`), loaded once. */
export function formatType(file: string, nested?: string): any {
  const key = nested ? `${file}.${nested}` : file;
  let cls = cache.get(key);
  if (!cls) {
    const top = loadFormat(file);
    cls = nested ? top[nested] : top;
    if (!cls) throw new Error(`generated format ${key} not found`);
    cache.set(key, cls);
  }
  return cls;
}

export interface PartialParse<T> {
  value: T;
  /** The bytes ended before the structure did; fields after the cut are undefined (unknown). */
  truncated: boolean;
  /** Bytes consumed. */
  end: number;
  /** Set when parsing failed for a reason other than running out of bytes (e.g. a validation error). */
  error?: string;
}

/** Parses `bytes` at `offset` with a generated class; `params` are the type's ksy params in order. */
export function parsePartial<T = any>(cls: any, bytes: Uint8Array, offset = 0, ...params: unknown[]): PartialParse<T> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const io = new KaitaiStream(view);
  io.seek(offset);
  const obj = Object.create(cls.prototype);
  obj._io = io;
  obj._parent = undefined;
  obj._root = obj;
  applyParams(cls, obj, params);
  // The generated readers stop at a cut by throwing; only the error's kind and message are used, so no stack
  // trace is captured (capturing one costs more than parsing a cut ClientHello).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    obj._read();
    return { value: obj as T, truncated: false, end: io.pos };
  } catch (err) {
    if (isEof(err)) return { value: obj as T, truncated: true, end: io.pos };
    return { value: obj as T, truncated: false, end: io.pos, error: (err as Error)?.message ?? String(err) };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function isEof(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | undefined;
  if (!e) return false;
  if (KaitaiStream.EOFError && err instanceof KaitaiStream.EOFError) return true;
  return e.name === 'EOFError' || /requested \d+ bytes, but only|EOF|out of bounds|Offset is outside/i.test(e.message ?? '');
}

// The generated constructor is `function T(_io, _parent, _root, param1, …)` and stores each param under its
// camel-cased ksy id; the names come from the constructor's source so the mapping follows the .ksy.
const paramNames = new WeakMap<object, string[]>();
function applyParams(cls: any, obj: any, params: unknown[]): void {
  if (params.length === 0) return;
  let names = paramNames.get(cls);
  if (!names) {
    const m = /^function\s*\w*\s*\(([^)]*)\)/.exec(Function.prototype.toString.call(cls));
    names = m ? m[1]!.split(',').map((s) => s.trim()).slice(3) : [];
    paramNames.set(cls, names);
  }
  names.forEach((n, i) => {
    obj[n] = params[i];
  });
}
