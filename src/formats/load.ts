// Access to the parsers that kaitai-struct-compiler generates from formats/*.ksy at build time.
// The generated modules are CommonJS (UMD); they are loaded through createRequire.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// dist/src/formats/load.js → project root is three levels up.
const generatedDir = new URL('../../../build/formats/', import.meta.url);

/** The Kaitai runtime stream class (kaitai-struct/KaitaiStream). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const KaitaiStream: any = require('kaitai-struct/KaitaiStream');

/** Loads the generated parser class `className` from build/formats/<className>.js. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFormat(className: string): any {
  const mod = require(new URL(`${className}.js`, generatedDir).pathname);
  const cls = mod[className];
  if (!cls) throw new Error(`generated format ${className} not found in build/formats (run npm run build)`);
  return cls;
}

/** Parses `bytes` with the generated class `cls`; the Kaitai stream reads from a view, no copy. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseWith<T = any>(cls: any, bytes: Uint8Array): T {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new cls(new KaitaiStream(view)) as T;
}

/** `NAME → value` of one enum a .ksy declares, as its generated class carries it. */
export type KsyEnum = Readonly<Record<string, number>>;

/**
 * Enum `enumName` (the generated, PascalCase name: `BufferFlag` for `buffer_flag`) of the generated class
 * `className`, its members named in upper case as generated. The generated object also maps values back to
 * names; only the `NAME → value` half is kept, so `Object.entries` lists each member once.
 */
export function ksyEnum(className: string, enumName: string): KsyEnum {
  const generated: unknown = loadFormat(className)[enumName];
  if (typeof generated !== 'object' || generated === null) throw new Error(`enum ${enumName} not declared by the generated format ${className}`);
  const members = Object.entries(generated).filter((e): e is [string, number] => typeof e[1] === 'number');
  return Object.freeze(Object.fromEntries(members));
}

/** The member name of `value` in `e`, or undefined for a value the enum does not declare. */
export function ksyEnumName(e: KsyEnum, value: number): string | undefined {
  for (const name in e) if (e[name] === value) return name;
  return undefined;
}
