// WinRM's POST to a remote PowerShell endpoint, as every New-PSSession / HCW / Teams scenario makes it. Only the
// parts that differ between the failures are left to the scenario: the client, the TLS offer, the server's answer.
import type { Thread, TraceBuilder } from '../trace-builder.js';
import { DNSCACHE, SYSTEM_DPC, type RemoteEndpoint } from './env.js';
import { buildClientHello, type HelloKind } from './hello.js';
import { httpsRequest, type HttpsRequest, type HttpsResult } from './https-request.js';

export type WinrmPost = Omit<HttpsRequest, 'os' | 'system' | 'dnscache' | 'serverName' | 'url' | 'method' | 'hello' | 'activityId'> & {
  /** Which Schannel ClientHello the client sends. */
  hello: HelloKind;
  /** The DNS Client service thread, when it runs on another CPU than the default one. */
  dnscache?: Thread;
  /** A WinHTTP activity already started (autoproxy); otherwise the request starts a new one. */
  activityId?: string;
};

/**
 * WinRM's POST to `endpoint` through WinHTTP on the traced machine (its OS decides the event versions).
 * The ClientHello is drawn from the scenario's random stream before the activity id, the order the committed
 * samples were generated in: swapping the two would change every byte after them.
 */
export function winrmPost(tb: TraceBuilder, t: number, endpoint: RemoteEndpoint, r: WinrmPost): HttpsResult {
  const hello = buildClientHello(r.hello, endpoint.host, tb.rng);
  const activityId = r.activityId ?? tb.rng.guid();
  return httpsRequest(tb, t, {
    ...r,
    os: tb.spec.os,
    system: SYSTEM_DPC,
    dnscache: r.dnscache ?? DNSCACHE,
    serverName: endpoint.host,
    url: endpoint.url,
    method: 'POST',
    hello,
    activityId,
  });
}
