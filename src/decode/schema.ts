// Event schemas: the ordered, typed field lists that turn a payload into named fields.
// One model serves all three sources (bundled manifest tables, EventMetadata blobs embedded in relogged
// traces, TraceLogging metadata): in-types and out-types use the TDH numbering (tdh.h, declared by formats/etw_metadata.ksy), so a TraceLogging
// field is converted to the TDH type with the same byte layout when its schema is built.

import { ksyEnum, type KsyEnum } from '../formats/load.js';

/** TDH_IN_TYPE as formats/etw_metadata.ksy declares it (enum `tdh_in_type`, members without `TDH_INTYPE_`). */
export const TDH_IN_TYPE = ksyEnum('EtwMetadata', 'TdhInType');
/** TDH_OUT_TYPE as formats/etw_metadata.ksy declares it (enum `tdh_out_type`, members without `TDH_OUTTYPE_`). */
export const TDH_OUT_TYPE = ksyEnum('EtwMetadata', 'TdhOutType');

/** The name of each in-type in the decoder, and the `tdh_in_type` member it stands for. */
const IN_TYPE_MEMBERS = {
  Null: 'NULL',
  UnicodeString: 'UNICODESTRING',
  AnsiString: 'ANSISTRING',
  Int8: 'INT8',
  UInt8: 'UINT8',
  Int16: 'INT16',
  UInt16: 'UINT16',
  Int32: 'INT32',
  UInt32: 'UINT32',
  Int64: 'INT64',
  UInt64: 'UINT64',
  Float: 'FLOAT',
  Double: 'DOUBLE',
  Boolean: 'BOOLEAN',
  Binary: 'BINARY',
  Guid: 'GUID',
  Pointer: 'POINTER',
  FileTime: 'FILETIME',
  SystemTime: 'SYSTEMTIME',
  Sid: 'SID',
  HexInt32: 'HEXINT32',
  HexInt64: 'HEXINT64',
  /** u16 byte count + UTF-16LE (TraceLogging CountedString, manifest counted string). */
  CountedString: 'MANIFEST_COUNTEDSTRING',
  /** u16 byte count + bytes. */
  CountedAnsiString: 'MANIFEST_COUNTEDANSISTRING',
  /** u16 byte count + bytes (TraceLogging Binary and CountedBinary). */
  CountedBinary: 'MANIFEST_COUNTEDBINARY',
  /** u16 byte count + UTF-16LE (TDH_INTYPE_COUNTEDSTRING). */
  TdhCountedString: 'COUNTEDSTRING',
  TdhCountedAnsiString: 'COUNTEDANSISTRING',
  /** Big-endian u16 byte count + UTF-16LE. */
  ReversedCountedString: 'REVERSEDCOUNTEDSTRING',
  ReversedCountedAnsiString: 'REVERSEDCOUNTEDANSISTRING',
  /** UTF-16LE up to the end of the payload. */
  NonNullTerminatedString: 'NONNULLTERMINATEDSTRING',
  NonNullTerminatedAnsiString: 'NONNULLTERMINATEDANSISTRING',
  UnicodeChar: 'UNICODECHAR',
  AnsiChar: 'ANSICHAR',
  SizeT: 'SIZET',
  /** u32 byte count + bytes. */
  HexDump: 'HEXDUMP',
  /** TOKEN_USER (two pointers) followed by a SID, as in kernel MOF events. */
  WbemSid: 'WBEMSID',
} as const;

/** The name of each out-type in the decoder, and the `tdh_out_type` member it stands for. */
const OUT_TYPE_MEMBERS = {
  Null: 'NULL',
  String: 'STRING',
  DateTime: 'DATETIME',
  Byte: 'BYTE',
  UnsignedByte: 'UNSIGNEDBYTE',
  Short: 'SHORT',
  UnsignedShort: 'UNSIGNEDSHORT',
  Int: 'INT',
  UnsignedInt: 'UNSIGNEDINT',
  Long: 'LONG',
  UnsignedLong: 'UNSIGNEDLONG',
  Float: 'FLOAT',
  Double: 'DOUBLE',
  Boolean: 'BOOLEAN',
  Guid: 'GUID',
  HexBinary: 'HEXBINARY',
  HexInt8: 'HEXINT8',
  HexInt16: 'HEXINT16',
  HexInt32: 'HEXINT32',
  HexInt64: 'HEXINT64',
  Pid: 'PID',
  Tid: 'TID',
  Port: 'PORT',
  Ipv4: 'IPV4',
  Ipv6: 'IPV6',
  SocketAddress: 'SOCKETADDRESS',
  CimDateTime: 'CIMDATETIME',
  EtwTime: 'ETWTIME',
  Xml: 'XML',
  ErrorCode: 'ERRORCODE',
  Win32Error: 'WIN32ERROR',
  NtStatus: 'NTSTATUS',
  HResult: 'HRESULT',
  CultureInsensitiveDateTime: 'CULTURE_INSENSITIVE_DATETIME',
  Json: 'JSON',
  Utf8: 'UTF8',
  Pkcs7WithTypeInfo: 'PKCS7_WITH_TYPE_INFO',
  CodePointer: 'CODE_POINTER',
  DateTimeUtc: 'DATETIME_UTC',
  ReducedString: 'REDUCEDSTRING',
  NoPrint: 'NOPRINT',
} as const;

/**
 * `decoder name → value` for the members `names` picks from `e`, built once at module load. Built in one step
 * (Object.fromEntries) so that V8 keeps it a fast-properties object: the payload decoder's switch reads it per
 * field. Throws when the .ksy does not declare a member.
 */
function valuesOf<K extends string>(e: KsyEnum, names: Readonly<Record<K, string>>, enumName: string): Readonly<Record<K, number>> {
  const entries = Object.entries<string>(names).map(([name, member]): [string, number] => {
    const value = e[member];
    if (value === undefined) throw new Error(`${enumName}: member ${member} is not declared by formats/etw_metadata.ksy`);
    return [name, value];
  });
  return Object.freeze(Object.fromEntries(entries) as Record<K, number>);
}

/** TDH in-types (TDH_INTYPE_*), by the decoder's names. */
export const InType = valuesOf(TDH_IN_TYPE, IN_TYPE_MEMBERS, 'tdh_in_type');

/** TDH out-types (TDH_OUTTYPE_*), by the decoder's names. */
export const OutType = valuesOf(TDH_OUT_TYPE, OUT_TYPE_MEMBERS, 'tdh_out_type');

/**
 * One field. A struct has `members` (and no in-type of its own). `length` and `count` are a fixed number
 * or the name of an earlier field holding it (struct scope first, then top level).
 */
export interface FieldSchema {
  name: string;
  /** TDH in-type; ignored for structs. */
  inType: number;
  /** TDH out-type (0 = default for the in-type). */
  outType?: number;
  /** Strings: characters (UTF-16) or bytes (ANSI); binary: bytes. */
  length?: number | string;
  /** Array element count; an array even when 1 if `array` is set. */
  count?: number | string;
  /** True for arrays (fixed count 1 included); set implicitly by a field-named count or count > 1. */
  array?: boolean;
  /** TraceLogging variable-count array: a u16 element count precedes the elements. */
  countPrefix?: boolean;
  /** Name of a value map or bit map in the provider's map table. */
  map?: string;
  members?: FieldSchema[];
}

/** One event type's schema. */
export interface EventSchema {
  fields: FieldSchema[];
  /** Event name / manifest symbol (e.g. `SSLAcquireCredentialsHandleStart`). */
  name?: string;
  /** Message template with `%1` … `%n` inserts (netsh style). */
  message?: string;
}

/** A value map (value → name) or bit map (bit → name). */
export interface MapSchema {
  bitmap: boolean;
  entries: Array<[number, string]>;
}

/** Maps of one provider by name. */
export type MapTable = Map<string, MapSchema>;
