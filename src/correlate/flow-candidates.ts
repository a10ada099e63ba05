// The connections a TCP flow may join, per server endpoint: the one whose connect time is closest to the flow's
// first packet, within a window, the earliest-made of equally close ones. Connections that name a local port
// are found by it; the others are kept sorted by time, so each flow looks at a few neighbours instead of every
// connection to the same server (a long trace holds thousands of connections to one Microsoft 365 endpoint).
import type { Connection } from './types.js';

interface Candidate {
  /** Position in the correlator's connection list (earlier wins a tie). */
  index: number;
  conn: Connection;
  time: bigint;
}

interface ServerCandidates {
  byPort: Map<number, Candidate[]>;
  /** Connections without a local port, sorted by time, then index. */
  anyPort: Candidate[];
}

export class FlowCandidates {
  private readonly servers = new Map<string, ServerCandidates>();
  private sorted = true;

  add(serverKey: string, conn: Connection, index: number, time: bigint): void {
    let s = this.servers.get(serverKey);
    if (!s) this.servers.set(serverKey, (s = { byPort: new Map(), anyPort: [] }));
    const c: Candidate = { index, conn, time };
    if (conn.localPort === undefined) {
      s.anyPort.push(c);
      this.sorted = false;
      return;
    }
    const list = s.byPort.get(conn.localPort);
    if (list) list.push(c);
    else s.byPort.set(conn.localPort, [c]);
  }

  /**
   * Removes and returns the connection to `serverKey` that a flow from `localPort` starting at `at` joins:
   * the smallest time distance within `window`, the lowest index among equal distances.
   */
  take(serverKey: string, localPort: number, at: bigint, window: bigint): Connection | undefined {
    const s = this.servers.get(serverKey);
    if (!s) return undefined;
    if (!this.sorted) this.sortAll();
    let best: Candidate | undefined;
    let bestGap = 0n;
    let from: Candidate[] | undefined;
    const consider = (c: Candidate, list: Candidate[]) => {
      if (c.conn.flow) return;
      const gap = c.time > at ? c.time - at : at - c.time;
      if (gap > window) return;
      if (!best || gap < bestGap || (gap === bestGap && c.index < best.index)) {
        best = c;
        bestGap = gap;
        from = list;
      }
    };
    const byPort = s.byPort.get(localPort);
    if (byPort) for (const c of byPort) consider(c, byPort);
    const any = s.anyPort;
    if (any.length > 0) {
      // First candidate later than `at`; the nearest earlier ones end just before it.
      let lo = 0;
      let hi = any.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (any[mid]!.time > at) hi = mid;
        else lo = mid + 1;
      }
      if (lo > 0) {
        // Equally distant earlier candidates: the first of their run has the lowest index.
        let j = lo - 1;
        while (j > 0 && any[j - 1]!.time === any[lo - 1]!.time) j--;
        consider(any[j]!, any);
      }
      if (lo < any.length) consider(any[lo]!, any);
    }
    if (!best || !from) return undefined;
    const chosen: Candidate = best;
    (from as Candidate[]).splice((from as Candidate[]).indexOf(chosen), 1);
    return chosen.conn;
  }

  private sortAll(): void {
    for (const s of this.servers.values()) s.anyPort.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.index - b.index));
    this.sorted = true;
  }
}
