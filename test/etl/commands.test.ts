// `tracedoctor info` and `tracedoctor events` on real samples, as a user runs them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasShared } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { realSamples } from './samples.js';
import { isoTime, providerNameGuid } from '../../src/report/events.js';
import { filetimeToIso } from '../../src/common/time.js';
import fc from 'fast-check';
import { skipped } from '../helpers/when.js';

const samples = await realSamples();
const pathOf = (name: string) => samples.find((s) => s.name === name)?.path;
const ISO7 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/;

test('provider name → GUID (EventSource/TraceLogging name hash)', () => {
  assert.is(providerNameGuid('MySource'), 'a61ea624-4944-55fc-c2a8-37838829438d');
});

test('isoTime (cached per second) gives exactly filetimeToIso', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 2_650_467_743_999_999_999n }), fc.bigInt({ min: 0n, max: 30_000_000n }), (ft, step) => {
      assert.is(isoTime(ft), filetimeToIso(ft));
      assert.is(isoTime(ft + step), filetimeToIso(ft + step));
    }),
    { numRuns: 2000, seed: 5 },
  );
});

if (!hasShared) skipped('info / events on real samples', '../shared is absent');
else {
  test('info --format json (pktmon): required keys, counts, providers with names and ids', () => {
    const r = runCli(['info', pathOf('pktmon_nathaniel_vpn_7119f51.etl')!, '--format', 'json']);
    assert.is(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    for (const k of ['logger_name', 'os_build', 'pointer_size', 'cpus', 'clock', 'start_time', 'end_time', 'buffers', 'events_total', 'events_by_header', 'providers']) {
      assert.ok(k in j, `missing ${k}`);
    }
    assert.is(j.logger_name, 'Relogger');
    assert.is(j.os_build, 19042);
    assert.is(j.pointer_size, 8);
    assert.is(j.clock, 'qpc');
    assert.match(j.start_time, ISO7);
    assert.match(j.end_time, ISO7);
    assert.equal(j.buffers, { total: 5, compressed: 4, flagged_events_lost: 0, flagged_buffer_lost: 0, skipped: 0 });
    assert.is(j.events_total, 4601);
    assert.equal(j.events_by_header, { system: 3, compact: 0, perfinfo: 0, full: 84, instance: 0, event_header: 4514, message: 0 });
    assert.equal(j.log_file_mode_flags, ['SEQUENTIAL', 'RELOG', 'COMPRESSED']);
    const pkt = j.providers.find((p: { guid: string }) => p.guid === '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac');
    assert.is(pkt.name, 'Microsoft-Windows-PktMon');
    assert.is(pkt.events, 4514);
    assert.equal(pkt.event_ids.find((x: { id: number }) => x.id === 160), { id: 160, events: 3646 });
    assert.is(j.providers.reduce((n: number, p: { events: number }) => n + p.events, 0), 4601);
    assert.equal(j.issues, []);
  });

  test('info (human) on the kernel trace: kernel groups named, record kinds listed', () => {
    const r = runCli(['info', pathOf('airbus_ShutdownPerfDiagLogger.etl')!]);
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /Logger:\s+PerfDiag Logger/);
    assert.match(r.stdout, /perfinfo\s+8645/);
    assert.match(r.stdout, /system\s+8433/);
    assert.match(r.stdout, /3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c\s+\S*Thread/);
  });

  test('events --format jsonl: one complete record per event, time-ordered, TraceLogging struct decoded', () => {
    const r = runCli(['events', pathOf('perfview_SelfDescribingSingleEvent.etl')!]);
    assert.is(r.status, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.is(rows.length, 23);
    for (const k of ['time', 'provider', 'provider_guid', 'id', 'version', 'opcode', 'task', 'level', 'keyword', 'pid', 'tid', 'cpu', 'fields']) assert.ok(k in rows[0], k);
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i].time >= rows[i - 1].time);
    assert.ok(rows.every((x) => ISO7.test(x.time) && /^0x[0-9A-F]{16}$/.test(x.keyword)));
    const my = rows.filter((x) => x.provider === 'MySource');
    assert.is(my.length, 1);
    assert.equal(my[0].fields, { a: { b: 'Hello', c: 'World!' } });
  });

  test('events --provider NAME / GUID and --id filter', () => {
    const pkt = pathOf('pktmon_nathaniel_vpn_7119f51.etl')!;
    const byName = runCli(['events', pkt, '--provider', 'microsoft-windows-pktmon', '--id', '160']);
    assert.is(byName.status, 0, byName.stderr);
    const lines = byName.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.is(lines.length, 3646);
    assert.ok(lines.every((x) => x.id === 160 && x.provider_guid === '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac'));
    assert.ok('PktGroupId' in lines[0].fields, 'decoded with the embedded schema despite the filter');
    const idOnly = runCli(['events', pkt, '--id', '160']);
    const first = JSON.parse(idOnly.stdout.slice(0, idOnly.stdout.indexOf('\n')));
    assert.ok('PktGroupId' in first.fields, '--id alone still decodes with the embedded schema');
    const byGuid = runCli(['events', pkt, '--provider', '{4D4F80D9-C8BD-4D73-BB5B-19C90402C5AC}']);
    assert.is(byGuid.stdout.trimEnd().split('\n').length, 4514);
    const tl = runCli(['events', pathOf('perfview_SelfDescribingSingleEvent.etl')!, '--provider', 'MySource']);
    assert.is(tl.stdout.trimEnd().split('\n').length, 1);
  });

  test('events --format csv: header row, one row per event, fields as one JSON cell', () => {
    const r = runCli(['events', pathOf('hw3d_trace.etl')!, '--format', 'csv']);
    assert.is(r.status, 0, r.stderr);
    const lines = r.stdout.split('\r\n');
    assert.is(lines[0], 'time,provider,provider_guid,id,version,opcode,task,level,keyword,pid,tid,cpu,fields,payload_hex,message');
    assert.is(lines.filter(Boolean).length, 1 + 3);
    assert.match(lines[1]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z,/);
  });

  test('usage errors exit 2: bad --id, bad --format', () => {
    const f = pathOf('hw3d_trace.etl')!;
    assert.is(runCli(['events', f, '--id', 'x']).status, 2);
    assert.is(runCli(['info', f, '--format', 'xml']).status, 2);
  });
}

test.run();
