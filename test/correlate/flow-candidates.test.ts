// FlowCandidates (the flow → connection join index) against the plain definition it replaces: scan every
// connection to the server in order, skip joined ones and those naming another local port, take the smallest
// time distance within the window, the first of equally close ones.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { FlowCandidates } from '../../src/correlate/flow-candidates.js';
import type { Connection } from '../../src/correlate/types.js';

interface Conn {
  server: string;
  localPort?: number;
  time: bigint;
  joined: boolean;
}

interface Flow {
  server: string;
  port: number;
  at: bigint;
}

const WINDOW = 50n;

function reference(conns: Conn[], f: Flow): number | undefined {
  let best: number | undefined;
  let bestGap = 0n;
  conns.forEach((c, i) => {
    if (c.joined || c.server !== f.server) return;
    if (c.localPort !== undefined && c.localPort !== f.port) return;
    const gap = c.time > f.at ? c.time - f.at : f.at - c.time;
    if (gap > WINDOW) return;
    if (best === undefined || gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  });
  return best;
}

const connArb = fc.record({
  server: fc.constantFrom('a|443', 'b|443'),
  localPort: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  time: fc.bigInt({ min: 0n, max: 300n }),
});
const flowArb = fc.record({ server: fc.constantFrom('a|443', 'b|443', 'c|80'), port: fc.integer({ min: 1, max: 4 }), at: fc.bigInt({ min: 0n, max: 300n }) });

test('FlowCandidates.take picks what a scan of every connection picks', () => {
  fc.assert(
    fc.property(fc.array(connArb, { maxLength: 40 }), fc.array(flowArb, { maxLength: 40 }), (specs, flows) => {
      const conns: Conn[] = specs.map((s) => ({ ...s, joined: false }));
      const objects = conns.map((c) => ({ localPort: c.localPort }) as Connection);
      const index = new FlowCandidates();
      conns.forEach((c, i) => index.add(c.server, objects[i]!, i, c.time));
      for (const f of flows) {
        const want = reference(conns, f);
        const got = index.take(f.server, f.port, f.at, WINDOW);
        assert.is(got === undefined ? undefined : objects.indexOf(got), want);
        if (want !== undefined) conns[want]!.joined = true;
      }
    }),
    { numRuns: 1000 },
  );
});

test.run();
