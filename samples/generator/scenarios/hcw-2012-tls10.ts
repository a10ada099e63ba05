// Hybrid Configuration Wizard on Server 2012: WinHTTP's default offers TLS 1.0 only; Exchange Online resets.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { clientHost, EXO, resolves } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { hcwTls10Attempt } from './hcw-2012.js';

export const hcw2012Tls10: Scenario = {
  name: 'hcw-2012-tls10',
  title: 'HCW / New-PSSession from Windows Server 2012, TLS 1.0 only, server reset',
  os: OS.server2012,
  diagnosis:
    'WebIO 728 EnabledProtocols 0xA0 (SSL3+TLS1.0, no TLS 1.2); ClientHello TLS 1.0; Exchange Online resets the ' +
    'connection; WinHTTP 12175 / WinRM "internal error in the SSL library". Fix: KB3140245 + DefaultSecureProtocols 0xA80.',
  build() {
    const tb = netshTrace(
      {
        os: OS.server2012,
        cpus: 4,
        cpuMhz: 2400,
        start: '2024-11-05T09:14:03.1250000Z',
        uptimeSeconds: 412_337,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\exadmin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
      },
      0x2012a0,
    );
    const app = { pid: 3968, tid: 4120, cpu: 1 };
    const worker = { pid: 3968, tid: 2876, cpu: 2 };
    hcwTls10Attempt(tb, 1_830_000, app, worker, {
      dns: resolves(EXO, 0x5c21, 61872),
      clientPort: 50712,
      rttUs: 18_500,
      base: 0x000000c2_4a6f1000n,
    });
    addBackgroundThroughEnd(tb, clientHost());
    return tb;
  },
};
