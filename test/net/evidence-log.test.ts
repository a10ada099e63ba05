// The evidence log's lists stand in for EvidenceRef[]: what goes in comes back, in memory and from the file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EvidenceLog } from '../../src/net/evidence-log.js';
import type { EvidenceRef } from '../../src/providers/observations.js';

const ref = (t: number, source: string, text: string): EvidenceRef => ({ time: 132_000_000_000_000_000n + BigInt(t), source, text });

test('references come back equal, from memory and from the file', () => {
  const log = new EvidenceLog({ memoryChars: 64 });
  const refs = [
    ref(3, 'Microsoft-Windows-WebIO/728', 'Connection 0x1 – Schannel ok'),
    ref(1, 'packet #1', 'TCP 10.0.0.1:50000 → 52.1.2.3:443 [SYN] len 0 (client)'),
    ref(2, 'x'.repeat(70_000), 'a source longer than 65535 characters'),
    ref(2, 'Microsoft-Windows-WinHttp/1053', 'Zertifikatsprüfung fehlgeschlagen — 証明書 😀'),
    ref(2, 'Microsoft-Windows-WebIO/15', 'a damaged name \ud800 read from the trace'),
    ...Array.from({ length: 300 }, (_, i) => ref(10 + i, `packet #${i}`, `line ${i} ${'é'.repeat(i % 7)}`)),
  ];
  const list = log.list();
  for (const r of refs) list.push(r);
  assert.ok(log.resident < refs.length / 10, `${log.resident} of ${log.size} in memory`);
  assert.is(list.length, refs.length);
  assert.equal([...list], refs);
  assert.equal(list.slice(1, 3), refs.slice(1, 3));
  assert.is(JSON.stringify(list.map((r) => r.text)), JSON.stringify(refs.map((r) => r.text)));
  assert.ok(Array.isArray(list));
});

test('one object logged twice is one entry; lists sort by time, keeping the order of equal times', () => {
  const log = new EvidenceLog({ memoryChars: 16 });
  const [a, b, c] = [ref(5, 's', 'a'), ref(1, 's', 'b'), ref(5, 's', 'c')];
  const list = log.list();
  list.push(a, b, c);
  const other = log.list();
  other.push(a, list[1]!);
  assert.is(log.size, 3);
  assert.ok(log.sortByTime(list));
  assert.equal(list.map((r) => r.text), ['b', 'a', 'c']);
  assert.not.ok(log.sortByTime([a, b]), 'a plain array is not one of the log’s lists');
});

test('records of named references read back what was set', () => {
  const log = new EvidenceLog({ memoryChars: 16 });
  const keys = log.record<'alert' | 'reset'>();
  keys.alert = ref(1, 'packet #9', 'TLS alert fatal:protocol_version');
  assert.ok('alert' in keys);
  assert.not.ok('reset' in keys);
  assert.is(keys.reset, undefined);
  assert.equal({ ...keys }, { alert: ref(1, 'packet #9', 'TLS alert fatal:protocol_version') });
  assert.equal(Object.keys(keys), ['alert']);
});

test.run();
