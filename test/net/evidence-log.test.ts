// Evidence lists and key records, kept in an evidence log or in memory: what goes in comes back, from memory and
// from the file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EvidenceLog, evidenceList, SEALED_EVIDENCE } from '../../src/net/evidence-log.js';
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
  for (const r of refs) assert.ok(list.append(r, 1000));
  assert.ok(log.resident < refs.length / 10, `${log.resident} of ${log.size} in memory`);
  assert.is(list.length, refs.length);
  assert.equal([...list], refs);
  assert.equal(list.slice(1, 3), refs.slice(1, 3));
  assert.equal(list.at(2), refs[2]);
  assert.is(list.at(refs.length), undefined);
  assert.is(JSON.stringify(list.map((r) => r.text)), JSON.stringify(refs.map((r) => r.text)));
  assert.ok(list.some((r) => r.text.includes('証明書')));
});

test('a list takes references up to its bound, in a log or in memory', () => {
  for (const list of [new EvidenceLog().list(), evidenceList()]) {
    assert.ok(list.append(ref(1, 's', 'a'), 2));
    assert.ok(list.append(ref(2, 's', 'b'), 2));
    assert.not.ok(list.append(ref(3, 's', 'c'), 2));
    assert.equal(list.map((r) => r.text), ['a', 'b']);
  }
  assert.throws(() => SEALED_EVIDENCE.append(ref(1, 's', 'a'), 48), 'a sealed list takes nothing');
  assert.is(SEALED_EVIDENCE.length, 0);
});

test('one object logged twice is one entry; lists sort by time, keeping the order of equal times', () => {
  const log = new EvidenceLog({ memoryChars: 16 });
  const [a, b, c] = [ref(5, 's', 'a'), ref(1, 's', 'b'), ref(5, 's', 'c')];
  const list = log.list();
  for (const r of [a, b, c]) list.append(r, 48);
  const other = log.list();
  other.append(a, 48);
  other.append(list.at(1)!, 48);
  assert.is(log.size, 3);
  list.sortByTime();
  assert.equal(list.map((r) => r.text), ['b', 'a', 'c']);
  const held = evidenceList([a, b, c]);
  held.sortByTime();
  assert.equal(held.map((r) => r.text), ['b', 'a', 'c']);
});

test('key records read back what was set, kept where their list keeps its references', () => {
  for (const list of [new EvidenceLog({ memoryChars: 16 }).list(), evidenceList()]) {
    const keys = list.keyRecord<'alert' | 'reset'>();
    keys.set('alert', ref(1, 'packet #9', 'TLS alert fatal:protocol_version'));
    assert.ok(keys.has('alert'));
    assert.not.ok(keys.has('reset'));
    assert.is(keys.get('reset'), undefined);
    assert.equal(keys.get('alert'), ref(1, 'packet #9', 'TLS alert fatal:protocol_version'));
    assert.equal(keys.keys(), ['alert']);
  }
});

test.run();
