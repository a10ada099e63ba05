// Teams Get-CsOnlineUser on Server 2012: DNS resolves fine, the TLS 1.0 handshake is reset, yet WinRM reports
// ERROR_WINHTTP_NAME_NOT_RESOLVED ("the server name cannot be resolved").
import { TZ_WEST_EUROPE } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { TraceBuilder } from '../trace-builder.js';
import { clientHost, DNSCACHE, NETSH, SYSTEM_DPC } from './env.js';
import { P } from './flows.js';
import { buildClientHello } from './hello.js';
import { httpsRequest } from './https-request.js';
import type { Scenario } from './scenario.js';
import { addBackground } from './background.js';
import { winrmCreateSession, winrmOperationFailed, WSMAN_NAME_NOT_RESOLVED } from './winrm.js';

const HOST = 'admin0e.online.lync.com';
const URL = `https://${HOST}/OcsPowershellOAuth`;

export const teams2012MisleadingDns: Scenario = {
  name: 'teams-2012-misleading-dns',
  title: 'Teams Get-CsOnlineUser from Server 2012: "server name cannot be resolved" although DNS worked',
  os: OS.server2012,
  diagnosis:
    'DNS-Client 3008 for admin0e.online.lync.com succeeded (status 0, addresses); TLS 1.0 ClientHello reset by the ' +
    'server; WinRM 137 NAME_NOT_RESOLVED is misleading — the cause is TLS 1.2 missing (EnabledProtocols 0xA0).',
  build() {
    const tb = new TraceBuilder(
      {
        os: OS.server2012,
        cpus: 4,
        cpuMhz: 2600,
        start: '2024-11-12T13:41:27.5000000Z',
        uptimeSeconds: 1_208_114,
        timeZone: TZ_WEST_EUROPE,
        logFileName: 'C:\\temp\\teams-trace.etl',
        controller: NETSH,
      },
      0x7ea2012,
    );
    const app = { pid: 2744, tid: 3312, cpu: 2 };
    const worker = { pid: 2744, tid: 1908, cpu: 1 };
    let t = 2_150_000;
    winrmCreateSession(tb, t, app, URL);
    const r = httpsRequest(tb, t + 3_100, {
      os: OS.server2012,
      host: clientHost('10.20.0.57'),
      app,
      worker,
      system: SYSTEM_DPC,
      dnscache: DNSCACHE,
      serverName: HOST,
      serverIp: '52.113.64.137',
      url: URL,
      method: 'POST',
      enabledProtocols: 0xa0,
      hello: buildClientHello('win8-tls10', HOST, tb.rng),
      answer: { kind: 'rst' },
      dns: { status: 0, cnames: ['admin0e.online.lync.com.akadns.net'], addresses: ['52.113.64.137', '52.113.64.139'], txid: 0x2be4, port: 57340 },
      clientPort: 51433,
      rttUs: 24_000,
      base: 0x000000e1_7c2a0000n,
      activityId: tb.rng.guid(),
    });
    t = r.t + 900;
    tb.event(t, app, P.WINRM, 137, 0, {});
    winrmOperationFailed(tb, t + 120, app, 'Create', WSMAN_NAME_NOT_RESOLVED);
    addBackground(tb, clientHost('10.20.0.57'), tb.lastEventUs + 400_000, tb.spec.os.major >= 10);
    return tb;
  },
};
