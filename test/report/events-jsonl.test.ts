// The byte writer of `events --format jsonl` (writeEventLine, fields by a writer compiled per schema) against
// the generic string form (eventJsonLine) it replaces: the same bytes for every event of every sample trace, of a
// dense generated trace, and for the values and schemas the compiled writer must leave to the generic walk.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { openEtl } from '../../src/etl/index.js';
import { DecodedEvent, EventDecoder, InType, type EventSchema, type Fields, type FieldValue } from '../../src/decode/index.js';
import { eventJsonLine, selectedEvents, writeEventLine, writeEventsJsonl } from '../../src/report/events.js';
import { JsonBytes } from '../../src/report/json-bytes.js';
import { samplesDir } from '../helpers/paths.js';
import { realSamples } from '../etl/samples.js';
import { writeDenseTrace } from '../../bench/dense-trace.js';

/** The generic line as the bytes a stream would write. */
const genericBytes = (ev: Parameters<typeof eventJsonLine>[0]) => Buffer.from(eventJsonLine(ev) + '\n', 'utf8');

function compiledBytes(ev: Parameters<typeof eventJsonLine>[0]): Buffer {
  const out = new JsonBytes();
  writeEventLine(out, ev);
  return Buffer.from(out.take());
}

/** Compares both writers on every event of `path`; returns how many events were compared. */
function compareTrace(path: string): number {
  const file = openEtl(path);
  let n = 0;
  try {
    for (const ev of selectedEvents(file, new EventDecoder(path), { providers: [], ids: [] })) {
      const want = genericBytes(ev);
      const got = compiledBytes(ev);
      if (!got.equals(want)) assert.fixture(got.toString('utf8'), want.toString('utf8'), `${path}, event ${n}`);
      n++;
    }
  } finally {
    file.close();
  }
  return n;
}

test('every event of every sample trace: the byte writer gives the generic line', async () => {
  const paths = readdirSync(samplesDir).filter((f) => f.endsWith('.etl')).map((f) => join(samplesDir, f));
  paths.push(...(await realSamples()).map((s) => s.path));
  let events = 0;
  for (const p of paths) events += compareTrace(p);
  assert.ok(events > 1000, `${events} events compared`);
});

test('a dense generated trace (packets, WebIO, TCPIP, DNS, pktmon): the same bytes, and the whole stream too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracedoctor-jsonl-'));
  try {
    const path = join(dir, 'dense.etl');
    await writeDenseTrace(path, 3e6);
    assert.ok(compareTrace(path) > 5000);
    // The stream: whole lines in every chunk, the same text as the generic lines joined.
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        assert.is(chunk[chunk.length - 1], 0x0a, 'a chunk ends with a whole line');
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    const file = openEtl(path);
    const n = await writeEventsJsonl(selectedEvents(file, new EventDecoder(path), { providers: [], ids: [] }), sink);
    file.close();
    const again = openEtl(path);
    const want = [...selectedEvents(again, new EventDecoder(path), { providers: [], ids: [] })].map((e) => eventJsonLine(e) + '\n').join('');
    again.close();
    assert.ok(chunks.length > 1, 'more than one chunk');
    assert.is(n, want.split('\n').length - 1);
    assert.ok(Buffer.concat(chunks).equals(Buffer.from(want, 'utf8')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function eventWith(schema: EventSchema | undefined, fields: Fields, extra: Partial<{ time: bigint; pid: number; provider: string; payload: Uint8Array; message: string }> = {}): DecodedEvent {
  const ev = new DecodedEvent(extra.time ?? 133_754_112_000_000_000n, 1, extra.pid ?? 4, 8, '50b3e73c-9370-461d-bb9f-26f32d68887d', 7, 0, 0, 0, 4, 0x8000000000000001n, 'event_header', 8, { file: 'x.etl' });
  ev.fields = fields;
  ev.fieldSchema = schema;
  if (extra.provider !== undefined) ev.provider = extra.provider;
  if (extra.payload !== undefined) ev.payload = extra.payload;
  if (extra.message !== undefined) ev.message = extra.message;
  return ev;
}

const schemaOf = (...names: string[]): EventSchema => ({ fields: names.map((name) => ({ name, inType: InType.UnicodeString })) });

test('schemas the compiled writer leaves to the generic walk: repeated names, index-like names, __proto__, no fields', () => {
  const cases: Array<[EventSchema, Fields]> = [
    [schemaOf('A', 'B', 'A'), { A: 3, B: 'x' }],
    [schemaOf('Name', '1', '0'), { Name: 'n', '1': 1, '0': 0 }],
    [schemaOf('x', '__proto__'), JSON.parse('{"x":1}') as Fields],
    [schemaOf(), {}],
    [schemaOf('Ünïcode "key"', 'tab\tkey'), { 'Ünïcode "key"': 'v', 'tab\tkey': 2 }],
  ];
  for (const [schema, fields] of cases) {
    const ev = eventWith(schema, fields);
    assert.is(compiledBytes(ev).toString('utf8'), eventJsonLine(ev) + '\n');
  }
});

/** Field values of every kind the decoder makes, including the strings and numbers JSON must escape or spell out. */
const fieldValue: fc.Arbitrary<FieldValue> = fc.letrec<{ v: FieldValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme-ascii', minLength: 30, maxLength: 120 }),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('\u2028', '\ud800', 'a\udc00b', '"\\', '\u007f', '\u0000x'),
    fc.double(),
    fc.integer(),
    fc.nat(),
    fc.constantFrom(-0, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, NaN, Infinity, -Infinity),
    fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 200 }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

test('any field values, times, ids, payloads and messages: the byte writer gives the generic line', () => {
  fc.assert(
    fc.property(
      fc.array(fieldValue, { minLength: 0, maxLength: 6 }),
      fc.boolean(),
      fc.bigInt({ min: -5n, max: 2_650_467_743_999_999_999n + 10_000_000_000n }),
      fc.integer({ min: -1, max: 0xffffffff }),
      fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
      fc.option(fc.uint8Array({ maxLength: 300 }), { nil: undefined }),
      fc.constantFrom('Microsoft-Windows-WebIO', 'Prövider "q"', '50b3e73c-9370-461d-bb9f-26f32d68887d'),
      (values, withSchema, time, pid, message, payload, provider) => {
        const names = values.map((_, i) => `F${i}`);
        const fields: Fields = Object.fromEntries(values.map((v, i) => [names[i]!, v]));
        const ev = eventWith(withSchema ? schemaOf(...names) : undefined, fields, { time, pid, provider, payload, ...(message !== undefined ? { message } : {}) });
        assert.is(compiledBytes(ev).toString('utf8'), eventJsonLine(ev) + '\n');
      },
    ),
    { numRuns: 1500, seed: 10 },
  );
});

test('a line longer than the buffer grows it instead of splitting the line', () => {
  const big = new Uint8Array(3 << 20).fill(0xab);
  const ev = eventWith(schemaOf('Blob'), { Blob: big }, { message: 'm'.repeat(200_000) });
  const out = new JsonBytes();
  writeEventLine(out, eventWith(undefined, {}));
  writeEventLine(out, ev);
  const text = Buffer.from(out.take()).toString('utf8');
  assert.is(text, eventJsonLine(eventWith(undefined, {})) + '\n' + eventJsonLine(ev) + '\n');
});

test.run();
