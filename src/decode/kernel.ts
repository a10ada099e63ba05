// Kernel (SYSTEM/COMPACT/PERFINFO) records: MOF layouts of the event classes we need, as data.
// Process group (hook group 3): Start 1, End 2, DCStart 3, DCEnd 4, Defunct 39 — for pid → image names.
// Layout per the kernel MOF class Process_V4_TypeGroup1 (pointer-sized fields follow the record's 32/64
// header kind), verified on a Windows 10 kernel trace (versions 4 and 5).
import type { RawEvent } from '../etl/types.js';
import type { Fields } from './types.js';
import { InType, type EventSchema, type FieldSchema } from './schema.js';
import { decodeWithSchema } from './payload.js';

const f = (name: string, inType: number): FieldSchema => ({ name, inType });

// Process_V4 (Windows 8+). Version 3 (Windows 7) lacks Flags/PackageFullName/ApplicationId; no reference
// trace holds one, so it is not decoded. Version 5 appends fields after ApplicationId (kept as payload).
const PROCESS_V4_HEAD: FieldSchema[] = [
  f('UniqueProcessKey', InType.Pointer),
  f('ProcessId', InType.UInt32),
  f('ParentId', InType.UInt32),
  f('SessionId', InType.UInt32),
  f('ExitStatus', InType.Int32),
  f('DirectoryTableBase', InType.Pointer),
  f('UserSID', InType.WbemSid),
  f('ImageFileName', InType.AnsiString),
  f('CommandLine', InType.UnicodeString),
];

const PROCESS_V4: FieldSchema[] = [
  ...PROCESS_V4_HEAD.slice(0, 6),
  f('Flags', InType.UInt32),
  ...PROCESS_V4_HEAD.slice(6),
  f('PackageFullName', InType.UnicodeString),
  f('ApplicationId', InType.UnicodeString),
];

const PROCESS_OPCODES: Record<number, string> = { 1: 'Process/Start', 2: 'Process/End', 3: 'Process/DCStart', 4: 'Process/DCEnd', 39: 'Process/Defunct' };

/** (group, version) → schema; newer versions only append fields, so the highest known ≤ version is tried. */
const LAYOUTS: Record<number, Array<[number, EventSchema]>> = {
  0x03: [[4, { fields: PROCESS_V4 }]],
};

export interface KernelDecoded {
  name: string;
  fields: Fields;
  /** Bytes left after the known fields (fields a newer version appended). */
  rest: number;
}

/** Decodes the kernel records we know; undefined for everything else or when the layout does not fit. */
export function decodeKernel(raw: RawEvent): KernelDecoded | undefined {
  if (raw.hookId === undefined) return undefined;
  const group = (raw.hookId >> 8) & 0xff;
  const type = raw.hookId & 0xff;
  const layouts = LAYOUTS[group];
  if (!layouts) return undefined;
  const name = group === 0x03 ? PROCESS_OPCODES[type] : undefined;
  if (!name) return undefined;
  const candidates = layouts.filter(([v]) => v <= raw.version).reverse();
  for (const [, schema] of candidates) {
    // RawEvent payloads are views of arrays the ETL reader never reuses: decoded bytes can share them.
    const res = decodeWithSchema(raw.payload, schema, raw.pointerSize, { shareBytes: true });
    if (!res.error) return { name, fields: res.fields, rest: raw.payload.length - res.consumed };
  }
  return undefined;
}
