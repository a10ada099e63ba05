// The HCW / Server 2012 failure as most customers capture it: `netsh trace start scenario=InternetClient` without
// `capture=yes`, so no packets. WebIO's verbose SECURITY events still log the handshake bytes: 705 carries the
// TLS 1.0 ClientHello Schannel produced, 704 the (empty) input after Exchange Online reset the connection.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { TraceBuilder } from '../trace-builder.js';
import { clientHost, DNSCACHE, EXO, NETSH, SYSTEM_DPC } from './env.js';
import { buildClientHello } from './hello.js';
import { httpsRequest } from './https-request.js';
import type { Scenario } from './scenario.js';
import { SSL_LIBRARY_ERROR, winrmCertErrors, winrmCreateSession, winrmOperationFailed } from './winrm.js';

export const hcw2012NoCapture: Scenario = {
  name: 'hcw-2012-no-capture',
  title: 'HCW / New-PSSession from Windows Server 2012, TLS 1.0 only, traced without packet capture',
  os: OS.server2012,
  diagnosis:
    'No packets; WebIO 728 EnabledProtocols 0xA0; WebIO 705 logs the TLS 1.0 ClientHello; ISC 0x80090304 after a ' +
    'remote reset (204 Reason 3); WinHTTP 12175 / WinRM 172+142. Fix: KB3140245 + DefaultSecureProtocols 0xA80.',
  build() {
    const tb = new TraceBuilder(
      {
        os: OS.server2012,
        cpus: 4,
        cpuMhz: 2400,
        start: '2024-11-12T14:02:41.5000000Z',
        uptimeSeconds: 1_016_420,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\exadmin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
        controller: NETSH,
      },
      0x2012a1,
    );
    const app = { pid: 5124, tid: 5380, cpu: 1 };
    const worker = { pid: 5124, tid: 4412, cpu: 0 };
    let t = 2_210_000;
    winrmCreateSession(tb, t, app, EXO.url);
    const r = httpsRequest(tb, t + 2_400, {
      os: OS.server2012,
      host: clientHost(),
      app,
      worker,
      system: SYSTEM_DPC,
      dnscache: DNSCACHE,
      serverName: EXO.host,
      serverIp: EXO.addresses[0]!,
      url: EXO.url,
      method: 'POST',
      enabledProtocols: 0xa0,
      hello: buildClientHello('win8-tls10', EXO.host, tb.rng),
      answer: { kind: 'rst' },
      dns: { status: 0, cnames: EXO.cnames, addresses: EXO.addresses, txid: 0x6d02, port: 59311 },
      clientPort: 51044,
      rttUs: 19_200,
      base: 0x000000d1_7b2e3000n,
      activityId: tb.rng.guid(),
      packets: false,
      webioTlsBytes: true,
    });
    t = r.t + 700;
    winrmCertErrors(tb, t, app, EXO.host, [SSL_LIBRARY_ERROR]);
    winrmOperationFailed(tb, t + 150, app, 'Create', r.winhttpError);
    return tb;
  },
};
