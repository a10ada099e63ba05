// Event schemas: the ordered, typed field lists that turn a payload into named fields.
// One model serves all three sources (bundled manifest tables, EventMetadata blobs embedded in relogged
// traces, TraceLogging metadata): in-types and out-types use the TDH numbering (tdh.h), so a TraceLogging
// field is converted to the TDH type with the same byte layout when its schema is built.

/** TDH in-types (TDH_INTYPE_*). */
export const InType = {
  Null: 0,
  UnicodeString: 1,
  AnsiString: 2,
  Int8: 3,
  UInt8: 4,
  Int16: 5,
  UInt16: 6,
  Int32: 7,
  UInt32: 8,
  Int64: 9,
  UInt64: 10,
  Float: 11,
  Double: 12,
  Boolean: 13,
  Binary: 14,
  Guid: 15,
  Pointer: 16,
  FileTime: 17,
  SystemTime: 18,
  Sid: 19,
  HexInt32: 20,
  HexInt64: 21,
  /** u16 byte count + UTF-16LE (TraceLogging CountedString, manifest counted string). */
  CountedString: 22,
  /** u16 byte count + bytes. */
  CountedAnsiString: 23,
  /** u16 byte count + bytes (TraceLogging Binary and CountedBinary). */
  CountedBinary: 25,
  /** u16 byte count + UTF-16LE (TDH_INTYPE_COUNTEDSTRING). */
  TdhCountedString: 300,
  TdhCountedAnsiString: 301,
  /** Big-endian u16 byte count + UTF-16LE. */
  ReversedCountedString: 302,
  ReversedCountedAnsiString: 303,
  /** UTF-16LE up to the end of the payload. */
  NonNullTerminatedString: 304,
  NonNullTerminatedAnsiString: 305,
  UnicodeChar: 306,
  AnsiChar: 307,
  SizeT: 308,
  /** u32 byte count + bytes. */
  HexDump: 309,
  /** TOKEN_USER (two pointers) followed by a SID, as in kernel MOF events. */
  WbemSid: 310,
} as const;

/** TDH out-types (TDH_OUTTYPE_*) that change how a value is represented. */
export const OutType = {
  Null: 0,
  String: 1,
  DateTime: 2,
  Boolean: 13,
  Guid: 14,
  HexBinary: 15,
  HexInt8: 16,
  HexInt16: 17,
  HexInt32: 18,
  HexInt64: 19,
  Pid: 20,
  Tid: 21,
  Port: 22,
  Ipv4: 23,
  Ipv6: 24,
  SocketAddress: 25,
  Xml: 28,
  ErrorCode: 29,
  Win32Error: 30,
  NtStatus: 31,
  HResult: 32,
  Json: 34,
  Utf8: 35,
  CodePointer: 37,
  DateTimeUtc: 38,
} as const;

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
