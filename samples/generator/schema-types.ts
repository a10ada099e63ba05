// Shapes of the manifest event table the payload encoder works from.

/** Manifest in-types the generator can lay out (TDH names without the `win:` prefix). */
export type InType =
  | 'UnicodeString'
  | 'AnsiString'
  | 'Int8'
  | 'UInt8'
  | 'Int16'
  | 'UInt16'
  | 'Int32'
  | 'UInt32'
  | 'Int64'
  | 'UInt64'
  | 'Pointer'
  | 'Boolean'
  | 'Binary'
  | 'GUID'
  | 'HexInt32'
  | 'HexInt64'
  | 'Double'
  | 'Float'
  | 'FILETIME'
  | 'SYSTEMTIME'
  | 'SizeT';

export interface FieldSpec {
  name: string;
  type: InType | string;
  /** Binary: the earlier field holding the byte count. Counted strings: the earlier field holding the character count. */
  length?: string;
}

export interface EventSchema {
  provider: string;
  /** Lower-case, no braces. */
  guid: string;
  id: number;
  version: number;
  symbol: string;
  task: number;
  opcode: number;
  level: number;
  /** Keyword mask from the manifest (without channel bits). */
  keyword: bigint;
  fields: readonly FieldSpec[];
}
