// The hand-written record walk (src/etl/records.ts, the reader's hot path) against the generated parser
// (formats/etl.ksy via src/etl/records-generated.ts): the same RawEvent for every record of every real sample and
// of every trace the project generates (samples/*.etl, which always exist, so the comparison runs in a fresh clone).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closeSync, openSync, readdirSync } from 'node:fs';
import { openEtl } from '../../src/etl/index.js';
import { BufferLoader } from '../../src/etl/buffer-loader.js';
import { RecordCursor } from '../../src/etl/records.js';
import { generatedRecords } from '../../src/etl/records-generated.js';
import { GuidCache } from '../../src/etl/guid-cache.js';
import { makeClock } from '../../src/etl/clock.js';
import type { RawEvent } from '../../src/etl/types.js';
import { join } from 'node:path';
import { hasShared, samplesDir } from '../helpers/paths.js';
import { skipped } from '../helpers/when.js';
import { realSamples } from './samples.js';

const projectSamples = readdirSync(samplesDir)
  .filter((n) => n.endsWith('.etl'))
  .map((name) => ({ name, path: join(samplesDir, name) }));
const samples = [...projectSamples, ...(await realSamples())];
if (!hasShared) skipped('generated vs hand-written record walk on the real samples', '../shared is absent');

const plain = (e: RawEvent) => ({ ...e, payload: Buffer.from(e.payload).toString('hex'), ext: e.ext.map((x) => ({ type: x.type, data: Buffer.from(x.data).toString('hex') })) });

for (const s of samples) {
  test(`${s.name}: generated and hand-written record walks agree on every record`, () => {
    const f = openEtl(s.path);
    const h = f.header;
    const toFiletime = makeClock({ clockType: h.clockType, syncRaw: h.syncRawTime, syncFiletime: h.startTime, perfFreq: h.perfFreq, cpuSpeedMHz: h.cpuSpeedMHz });
    const fd = openSync(s.path, 'r');
    let records = 0;
    try {
      const loader = new BufferLoader(fd, s.path, h.compressionFormat, (i) => assert.unreachable(i.message));
      for (const b of f.buffers) {
        const bytes = loader.load(b)!;
        const end = Math.min(bytes.length, b.filledBytes);
        const cursor = new RecordCursor(new GuidCache(), h.pointerSize, (d) => assert.unreachable(d.message));
        cursor.reset(bytes, 0x48, end, b.cpu, b.offset);
        const gen = generatedRecords(bytes, 0x48, end, { cpu: b.cpu, bufferOffset: b.offset, defaultPointerSize: h.pointerSize, toFiletime });
        while (cursor.next()) {
          const raw = cursor.rawTime();
          const hand = cursor.toRawEvent(raw, toFiletime(raw));
          const g = gen.next();
          assert.not.ok(g.done, `generated walk ended early at record ${records} (buffer 0x${b.offset.toString(16)})`);
          assert.equal(plain(g.value as RawEvent), plain(hand), `record at 0x${hand.recordOffset!.toString(16)} of buffer 0x${b.offset.toString(16)}`);
          records++;
        }
        assert.ok(gen.next().done, `generated walk has more records in buffer 0x${b.offset.toString(16)}`);
      }
    } finally {
      closeSync(fd);
      f.close();
    }
    assert.ok(records > 0);
  });
}

test.run();
