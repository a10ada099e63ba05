// Real traces from ../shared/samples/etl (skipped, and counted so, when absent): TraceLogging, embedded EventMetadata
// (PktMon 160, NDIS-PacketCapture 1001), kernel Process events, and the bundled tables cross-checked
// against the schemas the traces embed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { sharedEtlDir } from '../helpers/paths.js';
import { sharedTest } from '../helpers/when.js';
import { openEtl } from '../../src/etl/index.js';
import type { RawEvent } from '../../src/etl/types.js';
import {
  EventDecoder,
  EVENT_METADATA_GUID,
  InType,
  bundledProvider,
  decodeWithSchema,
  traceLoggingSchema,
  type TraceEvent,
} from '../../src/decode/index.js';

const PKTMON = '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac';
const NDIS = '2ed6006e-4729-4609-b423-3ee7bcd678ef';

/** A real sample by name; with ../shared present every one of them is there (SOURCES.md lists them). */
function sample(name: string): string {
  const p = join(sharedEtlDir, name);
  assert.ok(existsSync(p), `${p} is in ../shared`);
  return p;
}

function decodeAll(path: string, keep: (raw: RawEvent, ev: TraceEvent) => void = () => {}): TraceEvent[] {
  const etl = openEtl(path);
  const dec = new EventDecoder(path);
  const out: TraceEvent[] = [];
  try {
    for (const raw of etl.events()) {
      const ev = dec.decode(raw);
      keep(raw, ev);
      if (ev.decodedBy !== 'none') out.push(ev);
    }
  } finally {
    etl.close();
  }
  return out;
}

sharedTest('SelfDescribingSingleEvent: MySource / TestEvent / a = {b, c}', () => {
  const name = 'perfview_SelfDescribingSingleEvent.etl';
  const tl = decodeAll(sample(name)).filter((e) => e.decodedBy === 'tracelogging');
  assert.is(tl.length, 1);
  assert.is(tl[0]!.provider, 'MySource');
  assert.is(tl[0]!.eventName, 'TestEvent');
  assert.equal(tl[0]!.fields, { a: { b: 'Hello', c: 'World!' } });
  assert.is(tl[0]!.payload, undefined);
});

sharedTest('primitive-types: every primitive decodes, payloads consumed exactly', () => {
  const name = 'perfview_primitive-types.etl';
  const tl = decodeAll(sample(name)).filter((e) => e.decodedBy === 'tracelogging');
  assert.is(tl.length, 5);
  for (const e of tl) {
    assert.is(e.provider, 'solar_system');
    assert.is(e.eventName, 'PrimitiveTypesTest');
    assert.is(e.payload, undefined);
  }
  assert.equal(tl.map((e) => e.fields.string_type), ['Mercury', 'Venus', 'Earth', 'Mars', 'Jupiter']);
  const f = tl[0]!.fields;
  assert.is(f.boolean_type, false);
  assert.is(f.char_type, 'M');
  assert.is(f.int16_type, -51);
  assert.is(f.int32_type, -102);
  assert.is(f.uint16_type, 51);
  assert.is(f.uint32_type, 102);
  assert.is(f.int64_type, 18446744073709551412n); // declared UINT64 by the producer
  assert.is(f.uint64_type, 204n);
  assert.is(f.guid_type, '0ad614c4-0ef4-4225-8013-f44f37cb0397');
  assert.is(f.file_time_type, '2021-09-09T14:59:35.7990000Z');
  assert.ok(typeof f.system_time_type === 'string' && f.system_time_type.startsWith('2021-09-09T'));
});

sharedTest('AMSITrace: UINT16 array with out-type STRING reads as the script text', () => {
  const name = 'airbus_AMSITrace.etl';
  const tl = decodeAll(sample(name)).filter((e) => e.decodedBy === 'tracelogging');
  assert.is(tl.length, 19);
  for (const e of tl) {
    assert.is(e.provider, 'AmsiTrace');
    assert.is(e.eventName, 'AmsiScript');
    assert.is(e.payload, undefined);
    assert.type(e.fields['Raw Script'], 'string');
  }
  assert.ok((tl[0]!.fields['Raw Script'] as string).startsWith('IWshShell3.Run('));
});

sharedTest('sonde: SYSTEMTIME, CountedAnsiString and UINT64 fields from a Rust provider', () => {
  const name = 'sonde_test.etl';
  const types = new Set<number>();
  const tl = decodeAll(sample(name), (raw, ev) => {
    if (ev.decodedBy !== 'tracelogging') return;
    const meta = raw.ext.find((x) => x.type === 0x0b)!;
    for (const f of traceLoggingSchema(meta.data).fields) types.add(f.inType);
  }).filter((e) => e.decodedBy === 'tracelogging');
  assert.is(tl.length, 9);
  for (const e of tl) {
    assert.is(e.provider, 'sonde-gateway');
    assert.is(e.payload, undefined);
  }
  assert.ok(types.has(InType.SystemTime) || types.has(InType.FileTime));
  assert.ok(types.has(InType.CountedAnsiString));
  assert.ok(types.has(InType.UInt64));
  assert.is(tl[0]!.fields.message, 'session created');
  assert.is(tl[0]!.fields.time, '2026-03-27T03:57:11.785Z');
  assert.is(tl[1]!.fields.battery_mv, 3300n);
});

sharedTest('hw3d and lxcore: TraceLogging events consumed exactly', () => {
  for (const [name, provider, count] of [
    ['hw3d_trace.etl', 'Atum-Hw3d', 1],
    ['airbus_lxcore_kernel.etl', 'Microsoft.Windows.Subsystem.LxCore', 2],
  ] as const) {
    const tl = decodeAll(sample(name)).filter((e) => e.decodedBy === 'tracelogging');
    assert.is(tl.length, count, name);
    for (const e of tl) {
      assert.is(e.provider, provider);
      assert.is(e.payload, undefined);
    }
  }
  {
    const e = decodeAll(sample('hw3d_trace.etl')).find((x) => x.decodedBy === 'tracelogging')!;
    assert.equal(e.fields, { lpCmdLine: '', nCmdShow: 10 });
  }
});

sharedTest('pktmon: every event 160 decoded from the embedded schema; sizes consistent; bundled table agrees', () => {
  for (const name of ['pktmon_dolphin2410_gdn.etl', 'pktmon_nathaniel_vpn_7119f51.etl', 'pktmon_paul90317_Gobang.etl']) {
    let packets = 0;
    let agree = 0;
    let undecoded = 0;
    let total = 0;
    decodeAll(sample(name), (raw, ev) => {
      if (raw.providerGuid !== PKTMON) return;
      total++;
      if (ev.decodedBy !== 'embedded') undecoded++;
      assert.is(ev.payload, undefined, `${name}: event ${raw.id} consumed exactly`);
      // The bundled (generated) table must read the same bytes to the same fields.
      const v = bundledProvider(PKTMON)!.events.get(raw.id)!.find((x) => x.version === raw.version)!;
      const b = decodeWithSchema(raw.payload, v.variants[0]!, raw.pointerSize);
      if (!b.error && b.consumed === raw.payload.length && isDeepStrictEqual(b.fields, ev.fields)) agree++;
      if (raw.id !== 160) return;
      packets++;
      const f = ev.fields;
      assert.is(ev.provider, 'Microsoft-Windows-PktMon');
      assert.ok(typeof f.PktGroupId === 'bigint');
      assert.ok((f.LoggedPayloadSize as number) <= (f.OriginalPayloadSize as number));
      assert.is((f.Payload as Uint8Array).length, f.LoggedPayloadSize);
      assert.match(ev.message ?? '', /^PktGroupId \d+, PktNumber \d+, Appearance \d+, Direction \d+\(\w+\), Type \d+\(\w+\), /);
    });
    // Only the VPN capture holds packet records; the other two are rundown/filter-only sessions.
    if (name.includes('nathaniel')) assert.is(packets, 3646, `${name}: packet records`);
    assert.is(undecoded, 0, `${name}: every PktMon event decoded`);
    assert.is(agree, total, `${name}: bundled table agrees with the embedded schemas`);
  }
});

sharedTest('netsh NDIS capture: 1001 fragment of 197 bytes, native 802.11 with LLC/SNAP and IPv4', () => {
  const name = 'attackhost_netsh_ndis_trace.etl';
  const meta: TraceEvent[] = [];
  const frags = decodeAll(sample(name), (raw, ev) => {
    if (raw.providerGuid === EVENT_METADATA_GUID) meta.push(ev);
  }).filter((e) => e.providerGuid === NDIS && e.id === 1001);
  assert.is(meta.length, 1);
  assert.is(meta[0]!.fields.EventId, 1001);
  assert.is(frags.length, 1);
  const e = frags[0]!;
  assert.is(e.decodedBy, 'embedded');
  assert.is(e.provider, 'Microsoft-Windows-NDIS-PacketCapture');
  assert.is(e.payload, undefined);
  assert.is(e.fields.FragmentSize, 197);
  const frag = e.fields.Fragment as Uint8Array;
  assert.is(frag.length, 197);
  assert.is(frag[0], 0x08, '802.11 data frame');
  assert.equal([...frag.subarray(24, 32)], [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00], 'LLC/SNAP IPv4');
  assert.is(frag[32], 0x45);
  assert.is(e.fields.GftFlowEntryId, 0n);
  assert.is(e.message, 'Packet Fragment (197 bytes), MiniportIfIndex 8, LowerIfIndex 8');
});

sharedTest('kernel Process events (v4/v5) give pid, parent and image name', () => {
  const name = 'airbus_ShutdownPerfDiagLogger.etl';
  const procs = decodeAll(sample(name)).filter((e) => e.decodedBy === 'kernel');
  assert.ok(procs.length >= 190);
  const v4 = procs.filter((e) => e.version === 4);
  assert.ok(v4.length > 0);
  for (const e of v4) assert.is(e.payload, undefined, 'v4 consumed exactly');
  const byPid = new Map(procs.map((e) => [e.fields.ProcessId, e.fields.ImageFileName]));
  assert.is(byPid.get(0), 'Idle');
  const end = procs.find((e) => e.eventName === 'Process/End' && e.fields.ImageFileName === 'SecurityHealthSystray.exe');
  assert.ok(end);
  assert.is(end!.fields.ProcessId, 6780);
  assert.is(end!.fields.ParentId, 3856);
  assert.match(end!.fields.UserSID as string, /^S-1-5-21-/);
});

test.run();
