// The reader over every real sample in ../shared: record counts per header kind exactly as SOURCES.md lists them,
// time order, timestamps inside the session's [StartTime, EndTime], headers of the special layouts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openEtl } from '../../src/etl/index.js';
import { hasShared } from '../helpers/paths.js';
import { EXPECTED, headerLabel, realSamples } from './samples.js';
import { skipped } from '../helpers/when.js';

const samples = await realSamples();
if (!hasShared) {
  skipped('real ETL samples', '../shared is absent');
}

// Relogged files (RELOG mode) may merge several sessions (PerfView: "[multiple files]") whose header carries the
// first session's EndTime only, and end with the relogger's own closing records (system configuration, WinSat)
// stamped after it. Their buffer TimeStamps are FILETIMEs of the flush, so there the bound of an event is the
// flush time of the buffer holding it.
const RELOG = 0x10000;
for (const s of samples) {
  test(`${s.name}: record counts by header kind and buffers as in SOURCES.md; time order; time span`, () => {
    const exp = EXPECTED[s.name];
    assert.ok(exp, `no expected values for ${s.name}`);
    const f = openEtl(s.path);
    try {
      const counts = new Map<string, number>();
      let prev = -(1n << 63n);
      let n = 0;
      const { startTime, endTime } = f.header;
      const relogged = (f.header.logFileMode & RELOG) !== 0;
      const flushTime = new Map(f.buffers.map((b) => [b.offset, b.timestamp]));
      for (const ev of f.events()) {
        n++;
        const label = headerLabel(ev.headerKind, ev.pointerSize);
        counts.set(label, (counts.get(label) ?? 0) + 1);
        assert.ok(ev.time >= prev, `event ${n} (${ev.time}) before its predecessor (${prev})`);
        prev = ev.time;
        assert.ok(ev.time >= startTime, `event ${n} at ${ev.time} before StartTime ${startTime}`);
        const flushed = flushTime.get(ev.bufferOffset)!;
        const bound = relogged && flushed > 0n ? flushed : endTime;
        if (bound > 0n) assert.ok(ev.time <= bound, `event ${n} (${ev.providerGuid} ${ev.id}) at ${ev.time} after ${bound === endTime ? 'EndTime' : 'its buffer flush'} ${bound}`);
      }
      const got = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}:${v}`).join(' ');
      assert.is(got, exp!.headers);
      assert.is(f.stats.buffersTotal, exp!.buffers);
      assert.is(f.stats.buffersCompressed, exp!.compressed);
      assert.equal(f.issues, []);
      assert.is(f.stats.recordsSkipped, 0);
      assert.is(f.stats.bytesSkipped, 0);
      const byKind = Object.values(f.stats.recordsByKind).reduce((a, b) => a + b, 0);
      assert.is(byKind, n);
      // scan() (file order, used by info) sees the same records.
      let scanned = 0;
      f.scan(() => scanned++);
      assert.is(scanned, n);
      for (const b of f.buffers) assert.ok(b.cpu < Math.max(f.header.cpus, 1), `buffer at ${b.offset}: CPU ${b.cpu} of ${f.header.cpus}`);
    } finally {
      f.close();
    }
  });
}

const byName = (n: string) => samples.find((s) => s.name === n);

test('32-bit logfile header (perfview_smallEtlFile.etl): pointer size 4, EVENT_HEADER32 rundown event 154', () => {
  const s = byName('perfview_smallEtlFile.etl');
  if (!s) return;
  const f = openEtl(s.path);
  const h = f.header;
  assert.is(h.pointerSize, 4);
  assert.is(h.loggerName, 'PerfWatsonGCHeapETLSession688');
  assert.is(h.logFileName, 'ReloggedFile.ETL');
  assert.is(h.osBuild, 10586);
  assert.is(h.perfFreq, 3117777n);
  assert.is(h.logFileMode, 0x4011001);
  const evs = [...f.events()];
  assert.is(evs.length, 2);
  assert.is(evs[1]!.headerKind, 'event_header');
  assert.is(evs[1]!.pointerSize, 4);
  assert.is(evs[1]!.providerGuid, 'a669021c-c450-4609-a035-5af59af4df18');
  assert.is(evs[1]!.id, 154);
  f.close();
});

test('Windows 7 layout (tx_HTTP_Server.etl): version 6.1 / layout 1.5, byte CPU context, RELATED_ACTIVITYID ext items', () => {
  const s = byName('tx_HTTP_Server.etl');
  if (!s) return;
  const f = openEtl(s.path);
  assert.is(f.header.osVersion, '6.1');
  assert.is(f.header.layoutVersion, '1.5');
  assert.is(f.header.osBuild, 7601);
  assert.is(f.header.loggerName, 'DataCollector01');
  assert.is(f.buffers[0]!.savedOffset, 0, 'Win7 header buffer: SavedOffset 0 (events bounded by FilledBytes)');
  assert.ok(f.buffers.every((b) => (b.flags & 0x20) === 0));
  const cpus = new Set(f.buffers.map((b) => b.cpu));
  assert.ok(cpus.size > 1 && [...cpus].every((c) => c < f.header.cpus), `CPUs ${[...cpus]}`);
  let related = 0;
  for (const ev of f.events()) related += ev.ext.filter((x) => x.type === 1 && x.data.length === 16).length;
  assert.is(related, 291);
  f.close();
});

test('relogged header buffer (SelfDescribingSingleEvent): the 0x0050 event after SavedOffset is read', () => {
  const s = byName('perfview_SelfDescribingSingleEvent.etl');
  if (!s) return;
  const f = openEtl(s.path);
  const b0 = f.buffers[0]!;
  assert.is(b0.size, 0x400);
  assert.is(b0.savedOffset, 0x1b8);
  assert.is(b0.filledBytes, 0x208);
  const header = [...f.events()].filter((e) => e.bufferOffset === 0);
  assert.equal(header.map((e) => e.hookId), [0x0000, 0x0050]);
  assert.is(header[1]!.recordOffset, 0x1b8);
  f.close();
});

test('circular file (gcevents): CIRCULAR flag named, all buffers read', () => {
  const s = byName('perfview_gcevents_PerfViewData.etl');
  if (!s) return;
  const f = openEtl(s.path);
  assert.ok(f.header.logFileModeFlags.includes('CIRCULAR'));
  assert.is([...f.events()].length, 71);
  f.close();
});

test('filter: records left out before payload work are still counted', () => {
  const s = byName('pktmon_nathaniel_vpn_7119f51.etl');
  if (!s) return;
  const f = openEtl(s.path);
  const seen = new Set<string>();
  const kept = [...f.events({ filter: (kind, guid) => (seen.add(`${kind} ${guid}`), guid === '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac') })];
  assert.is(kept.length, 4514);
  assert.ok(kept.every((e) => e.providerGuid === '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac'));
  assert.is(f.stats.recordsByKind.event_header + f.stats.recordsByKind.full + f.stats.recordsByKind.system, 4601);
  assert.ok(seen.has('full bbccf6c1-6cd1-48c4-80ff-839482e37671'));
  f.close();
});

test.run();
