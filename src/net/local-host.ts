// The capturing host's own addresses, worked out from the flows: a client machine talks to many peers, each peer
// mostly to it alone, so its address is the one present in most flows. Loopback addresses are always its own.
// Used to say which end of a flow is local (the machine the trace was taken on) and which is remote.
import { isLoopbackAddress } from './address-class.js';
import type { TcpFlow } from './types.js';

/**
 * Addresses that belong to the capturing host: those with the most distinct TCP peers (when that is at least two,
 * so one flow alone does not decide), plus every loopback address seen.
 */
export function localAddresses(flows: readonly TcpFlow[]): Set<string> {
  const peers = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    let s = peers.get(a);
    if (s === undefined) peers.set(a, (s = new Set()));
    s.add(b);
  };
  for (const f of flows) {
    add(f.client.ip, f.server.ip);
    add(f.server.ip, f.client.ip);
  }
  let max = 0;
  for (const s of peers.values()) max = Math.max(max, s.size);
  const out = new Set<string>();
  for (const [ip, s] of peers) {
    if (isLoopbackAddress(ip) || (max >= 2 && s.size === max)) out.add(ip);
  }
  return out;
}

/** Marks each flow's local side (the capturing host's end) where the addresses tell. */
export function markLocalSides(flows: readonly TcpFlow[], local: ReadonlySet<string>): void {
  for (const f of flows) {
    const c = local.has(f.client.ip);
    const s = local.has(f.server.ip);
    if (c && !s) f.localSide = 'client';
    else if (s && !c) f.localSide = 'server';
    else if (c && s) f.localSide = 'client'; // loopback or host-internal: both ends are local
  }
}
