// The internal DNS server answers NXDOMAIN for outlook.office365.com (a stale internal zone): DNS-Client 9003,
// WinHTTP 12007, WinRM 137.
import { TZ_TOKYO } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { clientHost, EXO } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { winrmCreateSession, winrmResponseFailed, WSMAN_NAME_NOT_RESOLVED } from './winrm.js';
import { winrmPost } from './winrm-post.js';

export const dnsFailure: Scenario = {
  name: 'dns-failure',
  title: 'Windows 10 22H2: outlook.office365.com does not resolve (NXDOMAIN from the internal DNS server)',
  os: OS.win10_22h2,
  diagnosis:
    'DNS-Client 3008 QueryStatus 9003 (DNS_ERROR_RCODE_NAME_ERROR) and an NXDOMAIN response from 10.20.0.10 with the ' +
    'internal office365.com SOA; no TCP connection; WinHTTP 12007; WinRM 137. Fix: remove the internal ' +
    'office365.com zone / conditional forwarder.',
  build() {
    const tb = netshTrace(
      {
        os: OS.win10_22h2,
        cpus: 4,
        cpuMhz: 2800,
        start: '2024-11-20T01:12:44.0000000Z',
        uptimeSeconds: 45_120,
        timeZone: TZ_TOKYO,
        logFileName: 'C:\\Users\\sato\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
      },
      0x9003,
    );
    const host = clientHost('10.20.0.88');
    const app = { pid: 9088, tid: 9140, cpu: 2 };
    const worker = { pid: 9088, tid: 10212, cpu: 1 };
    const t = 1_250_000;
    winrmCreateSession(tb, t, app, EXO.url);
    // The internal server answers NXDOMAIN: no TCP connection is ever opened.
    const r = winrmPost(tb, t + 1_700, EXO, {
      host,
      app,
      worker,
      serverIp: EXO.addresses[0]!,
      enabledProtocols: 0xa80,
      hello: 'win10-tls12',
      answer: { kind: 'rst' },
      dns: { status: 9003, txid: 0x91c3, port: 58702 },
      clientPort: 50001,
      rttUs: 9_000,
      base: 0x0000020f_3b100000n,
    });
    winrmResponseFailed(tb, r.t + 300, app, 137, 90, WSMAN_NAME_NOT_RESOLVED);
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
