// A packet-heavy trace of any size for benchmarks, written buffer by buffer (memory stays flat): many HTTPS
// connections with DNS lookups, WebIO/WinHttp/TCPIP events and their full packet capture, a few failing.
import { FileSink } from './etl-writer.js';
import { TZ_WEST_EUROPE } from './etl-writer.js';
import { OS, type OsProfile } from './os-profiles.js';
import type { Thread } from './trace-builder.js';
import { clientHost, DNSCACHE, EXO, exoChain, resolves, SYSTEM_DPC } from './scenarios/env.js';
import { netshTrace, type NetshMachine } from './scenarios/netsh-session.js';
import { buildClientHello } from './scenarios/hello.js';
import { httpsRequest, type ServerAnswer } from './scenarios/https-request.js';
import { Suite } from './net/tls.js';

export interface LargeTraceOptions {
  /** PRNG seed (same seed + size → same bytes). Default 1. */
  seed?: number;
  /** Windows build to imitate. Default Server 2022. */
  os?: OsProfile;
  cpus?: number;
  /** Session buffer size. Default 64 KiB. */
  bufferSize?: number;
  /** Application data the server returns per connection. Default 256 KiB. */
  responseBytes?: number;
}

export interface LargeTraceResult {
  bytes: number;
  records: number;
  buffers: number;
  connections: number;
}

/** `1G`, `512M`, `300k`, or a plain byte count. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kmgKMG]?)[bB]?$/.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text}`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * mult);
}

/** The capturing machine of the benchmark traces: a 4-CPU server tracing with netsh into 64 KiB buffers. */
export function benchMachine(os: OsProfile, cpus: number, bufferSize = 0x10000): NetshMachine {
  return {
    os,
    cpus,
    cpuMhz: 2900,
    start: '2024-11-06T07:00:00.0000000Z',
    uptimeSeconds: 86_400 * 3,
    timeZone: TZ_WEST_EUROPE,
    logFileName: 'C:\\Windows\\Temp\\NetTraces\\NetTrace.etl',
    bufferSize,
  };
}

/**
 * Writes at least `targetBytes` to `path`: connections are appended until the file reaches the target.
 * Resolves when the file is complete and closed.
 */
export async function writeLargeTrace(path: string, targetBytes: number, opts: LargeTraceOptions = {}): Promise<LargeTraceResult> {
  const os = opts.os ?? OS.server2022;
  const cpus = opts.cpus ?? 4;
  const responseBytes = opts.responseBytes ?? 256 * 1024;
  const tb = netshTrace(benchMachine(os, cpus, opts.bufferSize ?? 0x10000), opts.seed ?? 1);
  const sink = new FileSink(path);
  const w = tb.openWriter(sink);
  const chain = exoChain();
  const host = clientHost();
  let t = 500_000;
  let n = 0;
  let last = 0;
  while (w.stats.bytes < targetBytes) {
    const app: Thread = { pid: 2200 + (n % 5) * 4, tid: 3000 + (n % 11) * 4, cpu: 1 + (n % (cpus - 1)) };
    const worker: Thread = { pid: app.pid, tid: app.tid + 400, cpu: 1 + ((n + 1) % (cpus - 1)) };
    const failing = n % 23 === 22;
    const answer: ServerAnswer = failing ? { kind: 'rst' } : { kind: 'handshake', chain, suite: Suite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, certOk: true };
    const ip = EXO.addresses[n % EXO.addresses.length]!;
    const r = httpsRequest(tb, t, {
      os,
      host,
      app,
      worker,
      system: SYSTEM_DPC,
      dnscache: DNSCACHE,
      serverName: EXO.host,
      serverIp: ip,
      url: `${EXO.url}?n=${n}`,
      method: 'GET',
      enabledProtocols: failing ? 0xa0 : 0xa80,
      cipherConfig: 0,
      hello: buildClientHello(failing ? 'win8-tls10' : 'win10-tls12', EXO.host, tb.rng),
      answer,
      dns: n % 8 === 0 ? resolves(EXO, n & 0xffff, 50000 + (n % 10000)) : undefined,
      clientPort: 49152 + (n % 16000),
      rttUs: 12_000 + (n % 7) * 1_000,
      base: 0x0000020000000000n + BigInt(n) * 0x100000n,
      activityId: tb.rng.guid(),
      responseBytes,
    });
    last = tb.emit(w);
    t = Math.max(r.t, last) + 2_000;
    n++;
    // Let other work run between connections (the caller may be an event loop with progress output).
    if (n % 64 === 0) await new Promise((res) => setImmediate(res));
  }
  w.close(w.qpcAt(last + 100_000));
  return { bytes: w.stats.bytes, records: w.stats.records, buffers: w.stats.buffers, connections: n };
}
