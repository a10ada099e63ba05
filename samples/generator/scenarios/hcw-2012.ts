// The Hybrid Configuration Wizard's New-PSSession from Server 2012, shared by the traces taken with and without
// packet capture: WinHTTP's default (EnabledProtocols 0xA0) offers TLS 1.0 only, Exchange Online resets the
// connection and WinRM blames "the SSL library". Only the wire details and the capture options differ.
import type { Thread, TraceBuilder } from '../trace-builder.js';
import { clientHost, EXO } from './env.js';
import { SSL_LIBRARY_ERROR, winrmCreateSession, winrmSecureChannelFailed } from './winrm.js';
import { winrmPost, type WinrmPost } from './winrm-post.js';

/** What changes from one HCW attempt to the next: DNS query, ports, round trip, handles and what was captured. */
export type HcwWireDetails = Pick<WinrmPost, 'dns' | 'clientPort' | 'rttUs' | 'base' | 'packets' | 'webioTlsBytes'>;

/** One failed HCW connection attempt starting at `t`, from the WinRM session to the error WinRM reports. */
export function hcwTls10Attempt(tb: TraceBuilder, t: number, app: Thread, worker: Thread, wire: HcwWireDetails): void {
  winrmCreateSession(tb, t, app, EXO.url);
  const r = winrmPost(tb, t + 2_400, EXO, {
    host: clientHost(),
    app,
    worker,
    serverIp: EXO.addresses[0]!,
    enabledProtocols: 0xa0,
    hello: 'win8-tls10',
    answer: { kind: 'rst' },
    ...wire,
  });
  winrmSecureChannelFailed(tb, r.t + 700, app, EXO.host, SSL_LIBRARY_ERROR, 150, r.winhttpError);
}
