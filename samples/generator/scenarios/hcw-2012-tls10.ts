// Hybrid Configuration Wizard on Server 2012: WinHTTP's default offers TLS 1.0 only; Exchange Online resets.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { TraceBuilder } from '../trace-builder.js';
import { clientHost, DNSCACHE, EXO, NETSH, SYSTEM_DPC } from './env.js';
import { buildClientHello } from './hello.js';
import { httpsRequest } from './https-request.js';
import type { Scenario } from './scenario.js';
import { addBackground } from './background.js';
import { SSL_LIBRARY_ERROR, winrmCertErrors, winrmCreateSession, winrmOperationFailed } from './winrm.js';

export const hcw2012Tls10: Scenario = {
  name: 'hcw-2012-tls10',
  title: 'HCW / New-PSSession from Windows Server 2012, TLS 1.0 only, server reset',
  os: OS.server2012,
  diagnosis:
    'WebIO 728 EnabledProtocols 0xA0 (SSL3+TLS1.0, no TLS 1.2); ClientHello TLS 1.0; Exchange Online resets the ' +
    'connection; WinHTTP 12175 / WinRM "internal error in the SSL library". Fix: KB3140245 + DefaultSecureProtocols 0xA80.',
  build() {
    const tb = new TraceBuilder(
      {
        os: OS.server2012,
        cpus: 4,
        cpuMhz: 2400,
        start: '2024-11-05T09:14:03.1250000Z',
        uptimeSeconds: 412_337,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\exadmin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
        controller: NETSH,
      },
      0x2012a0,
    );
    const app = { pid: 3968, tid: 4120, cpu: 1 };
    const worker = { pid: 3968, tid: 2876, cpu: 2 };
    let t = 1_830_000;
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
      dns: { status: 0, cnames: EXO.cnames, addresses: EXO.addresses, txid: 0x5c21, port: 61872 },
      clientPort: 50712,
      rttUs: 18_500,
      base: 0x000000c2_4a6f1000n,
      activityId: tb.rng.guid(),
    });
    t = r.t + 700;
    winrmCertErrors(tb, t, app, EXO.host, [SSL_LIBRARY_ERROR]);
    winrmOperationFailed(tb, t + 150, app, 'Create', r.winhttpError);
    addBackground(tb, clientHost(), tb.lastEventUs + 400_000, tb.spec.os.major >= 10);
    return tb;
  },
};
