// Teams Get-CsOnlineUser on Server 2012: DNS resolves fine, the TLS 1.0 handshake is reset, yet WinRM reports
// ERROR_WINHTTP_NAME_NOT_RESOLVED ("the server name cannot be resolved").
import { TZ_WEST_EUROPE } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { clientHost, resolves, type RemoteEndpoint } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { winrmCreateSession, winrmResponseFailed, WSMAN_NAME_NOT_RESOLVED } from './winrm.js';
import { winrmPost } from './winrm-post.js';

const TEAMS_ADMIN: RemoteEndpoint = {
  host: 'admin0e.online.lync.com',
  cnames: ['admin0e.online.lync.com.akadns.net'],
  addresses: ['52.113.64.137', '52.113.64.139'],
  url: 'https://admin0e.online.lync.com/OcsPowershellOAuth',
};

export const teams2012MisleadingDns: Scenario = {
  name: 'teams-2012-misleading-dns',
  title: 'Teams Get-CsOnlineUser from Server 2012: "server name cannot be resolved" although DNS worked',
  os: OS.server2012,
  diagnosis:
    'DNS-Client 3008 for admin0e.online.lync.com succeeded (status 0, addresses); TLS 1.0 ClientHello reset by the ' +
    'server; WinRM 137 NAME_NOT_RESOLVED is misleading — the cause is TLS 1.2 missing (EnabledProtocols 0xA0).',
  build() {
    const tb = netshTrace(
      {
        os: OS.server2012,
        cpus: 4,
        cpuMhz: 2600,
        start: '2024-11-12T13:41:27.5000000Z',
        uptimeSeconds: 1_208_114,
        timeZone: TZ_WEST_EUROPE,
        logFileName: 'C:\\temp\\teams-trace.etl',
      },
      0x7ea2012,
    );
    const host = clientHost('10.20.0.57');
    const app = { pid: 2744, tid: 3312, cpu: 2 };
    const worker = { pid: 2744, tid: 1908, cpu: 1 };
    const t = 2_150_000;
    winrmCreateSession(tb, t, app, TEAMS_ADMIN.url);
    // DNS answers; the TLS 1.0 ClientHello is reset by the server.
    const r = winrmPost(tb, t + 3_100, TEAMS_ADMIN, {
      host,
      app,
      worker,
      serverIp: TEAMS_ADMIN.addresses[0]!,
      enabledProtocols: 0xa0,
      hello: 'win8-tls10',
      answer: { kind: 'rst' },
      dns: resolves(TEAMS_ADMIN, 0x2be4, 57340),
      clientPort: 51433,
      rttUs: 24_000,
      base: 0x000000e1_7c2a0000n,
    });
    // …yet WinRM reports the name as unresolvable.
    winrmResponseFailed(tb, r.t + 900, app, 137, 120, WSMAN_NAME_NOT_RESOLVED);
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
