// The decoder's type tables against the enums the .ksy files declare: every TDH in-type and out-type of
// formats/etw_metadata.ksy has exactly one decoder name, every TraceLogging in-type, out-type and count mode of
// formats/tracelogging.ksy becomes a TDH type the decoder knows, and the flag members the embedded-schema
// decoder reads exist.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ksyEnum, type KsyEnum } from '../../src/formats/load.js';
import { InType, OutType, TDH_IN_TYPE, TDH_OUT_TYPE, type FieldSchema } from '../../src/decode/schema.js';
import { traceLoggingSchema } from '../../src/decode/tracelogging.js';
import { tlMetadata, type TlField } from './build.js';

const values = (e: Readonly<Record<string, number>>): number[] => Object.values(e).sort((a, b) => a - b);
const TL_IN = ksyEnum('Tracelogging', 'InType');
const TL_OUT = ksyEnum('Tracelogging', 'OutType');
const TL_COUNT_MODE = ksyEnum('Tracelogging', 'CountMode');
const TDH_IN_VALUES = new Set(Object.values(TDH_IN_TYPE));
const TDH_OUT_VALUES = new Set(Object.values(TDH_OUT_TYPE));

function tlField(f: Omit<TlField, 'name'>): FieldSchema {
  return traceLoggingSchema(tlMetadata('Ev', [{ name: 'f', ...f }])).fields[0]!;
}

test('every TDH in-type the .ksy declares has one decoder name, and only those', () => {
  assert.equal(values(InType), values(TDH_IN_TYPE));
  assert.is(new Set(Object.values(InType)).size, Object.keys(InType).length, 'no two names for one in-type');
  // Numbers of tdh.h, independent of the .ksy.
  assert.equal([InType.UnicodeString, InType.UInt32, InType.HexInt64, InType.CountedBinary], [1, 8, 21, 25]);
  assert.equal([InType.TdhCountedString, InType.HexDump, InType.WbemSid], [300, 309, 310]);
});

test('every TDH out-type the .ksy declares has one decoder name, and only those', () => {
  assert.equal(values(OutType), values(TDH_OUT_TYPE));
  assert.is(new Set(Object.values(OutType)).size, Object.keys(OutType).length, 'no two names for one out-type');
  assert.equal([OutType.String, OutType.Port, OutType.Ipv4, OutType.HResult, OutType.DateTimeUtc], [1, 22, 23, 32, 38]);
  assert.equal([OutType.ReducedString, OutType.NoPrint], [300, 301]);
});

test('every TraceLogging in-type but struct reads as the TDH in-type of the same layout', () => {
  for (const [name, tl] of Object.entries(TL_IN)) {
    if (tl === TL_IN.STRUCT) continue;
    const f = tlField({ inType: tl });
    assert.ok(TDH_IN_VALUES.has(f.inType), `${name} → ${f.inType}`);
    assert.is(f.inType, tl === TL_IN.BINARY ? InType.CountedBinary : tl, name);
  }
  const struct = traceLoggingSchema(tlMetadata('Ev', [{ name: 's', inType: TL_IN.STRUCT!, outType: 1 }, { name: 'm', inType: TL_IN.UINT8! }]));
  assert.equal(struct.fields, [{ name: 's', inType: InType.Null, members: [{ name: 'm', inType: InType.UInt8 }] }]);
});

test('every TraceLogging out-type becomes a TDH out-type or the default form', () => {
  for (const [name, tl] of Object.entries(TL_OUT)) {
    for (const inType of [TL_IN.UINT8!, TL_IN.UINT16!, TL_IN.UINT32!, TL_IN.UINT64!]) {
      const f = tlField({ inType, outType: tl });
      if (f.outType !== undefined) assert.ok(TDH_OUT_VALUES.has(f.outType) && f.outType !== OutType.Null, `${name} on in-type ${inType} → ${f.outType}`);
    }
  }
  assert.is(tlField({ inType: TL_IN.UINT16!, outType: TL_OUT.PORT! }).outType, OutType.Port);
  assert.is(tlField({ inType: TL_IN.UINT8!, outType: TL_OUT.HEX! }).outType, OutType.HexInt8);
  assert.is(tlField({ inType: TL_IN.UINT32!, outType: TL_OUT.HRESULT! }).outType, OutType.HResult);
  assert.is(tlField({ inType: TL_IN.UINT32!, outType: TL_OUT.UTF8! }).outType, OutType.Utf8);
  assert.is(tlField({ inType: TL_IN.UINT64!, outType: TL_OUT.FILETIME! }).inType, InType.FileTime);
  assert.is(tlField({ inType: TL_IN.UINT32!, outType: TL_OUT.NOPRINT! }).outType, undefined);
});

test('each TraceLogging count mode gives its own field shape', () => {
  const shapes = Object.values(TL_COUNT_MODE).map((mode) => JSON.stringify(tlField({ inType: TL_IN.UINT8!, mode, count: 3 })));
  assert.is(new Set(shapes).size, Object.keys(TL_COUNT_MODE).length);
  assert.equal(tlField({ inType: TL_IN.UINT8!, mode: TL_COUNT_MODE.CONSTANT_COUNT!, count: 3 }), { name: 'f', inType: InType.UInt8, count: 3, array: true });
  assert.equal(tlField({ inType: TL_IN.UINT8!, mode: TL_COUNT_MODE.VARIABLE_COUNT! }), { name: 'f', inType: InType.UInt8, countPrefix: true, array: true });
  assert.is(tlField({ inType: TL_IN.UINT8!, mode: TL_COUNT_MODE.CUSTOM! }).inType, InType.CountedBinary);
});

test('the flag members the embedded-schema decoder reads are declared by etw_metadata.ksy', () => {
  const declared = (e: KsyEnum, names: string[]) => names.filter((n) => typeof e[n] !== 'number');
  assert.equal(declared(ksyEnum('EtwMetadata', 'PropertyFlag'), ['STRUCT', 'PARAM_LENGTH', 'PARAM_COUNT', 'PARAM_FIXED_COUNT', 'HAS_CUSTOM_SCHEMA']), []);
  assert.equal(declared(ksyEnum('EtwMetadata', 'MapFlag'), ['MANIFEST_BITMAP', 'WBEM_BITMAP']), []);
});

test.run();
