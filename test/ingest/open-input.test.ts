// openInput on real ETL traces: sniffed by content, header mapped to InputMeta, decoded events streamed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasShared, sharedEtlDir } from '../helpers/paths.js';
import { openInput, readHead, sniffFormat } from '../../src/ingest/index.js';
import { skipped } from '../helpers/when.js';

if (!hasShared) {
  skipped('openInput on real ETL samples', '../shared is absent');
} else {
  test('every real .etl sample is sniffed as etl, and no .zip is', () => {
    for (const name of readdirSync(sharedEtlDir)) {
      const format = sniffFormat(readHead(join(sharedEtlDir, name)));
      if (name.endsWith('.etl')) assert.is(format, 'etl', name);
      else assert.is.not(format, 'etl', name);
    }
  });

  test('pktmon relog: header → meta, all 939 records decoded as TraceEvents', () => {
    const input = openInput(join(sharedEtlDir, 'pktmon_dolphin2410_gdn.etl'));
    assert.is(input.format, 'etl');
    assert.equal(
      [input.meta.osBuild, input.meta.osVersion, input.meta.pointerSize, input.meta.cpus, input.meta.loggerName, input.meta.eventsLost],
      [22000, '10.0', 8, 4, 'Relogger', 0],
    );
    assert.ok(input.meta.startTime! > 0n && input.meta.endTime! >= input.meta.startTime!);
    let n = 0;
    let pktmon = 0;
    for (const ev of input.events()) {
      n++;
      if (ev.providerGuid === '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac') pktmon++;
      assert.is(ev.source.file, input.path);
    }
    input.close();
    assert.is(n, 939);
    assert.ok(pktmon > 0);
    assert.is(input.issues.length, 0);
  });

  test('32-bit trace renamed to .txt is still read as ETL (pointer size 4)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'td-ingest-'));
    try {
      const p = join(tmp, 'notes.txt');
      copyFileSync(join(sharedEtlDir, 'perfview_smallEtlFile.etl'), p);
      const input = openInput(p);
      assert.is(input.format, 'etl');
      assert.is(input.meta.pointerSize, 4);
      assert.is([...input.events()].length, 2);
      input.close();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

test.run();
