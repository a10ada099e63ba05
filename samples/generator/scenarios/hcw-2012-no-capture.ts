// The HCW / Server 2012 failure as most customers capture it: `netsh trace start scenario=InternetClient` without
// `capture=yes`, so no packets. WebIO's verbose SECURITY events still log the handshake bytes: 705 carries the
// TLS 1.0 ClientHello Schannel produced, 704 the (empty) input after Exchange Online reset the connection.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { EXO, resolves } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { hcwTls10Attempt } from './hcw-2012.js';

export const hcw2012NoCapture: Scenario = {
  name: 'hcw-2012-no-capture',
  title: 'HCW / New-PSSession from Windows Server 2012, TLS 1.0 only, traced without packet capture',
  os: OS.server2012,
  diagnosis:
    'No packets; WebIO 728 EnabledProtocols 0xA0; WebIO 705 logs the TLS 1.0 ClientHello; ISC 0x80090304 after a ' +
    'remote reset (204 Reason 3); WinHTTP 12175 / WinRM 172+142. Fix: KB3140245 + DefaultSecureProtocols 0xA80.',
  build() {
    const tb = netshTrace(
      {
        os: OS.server2012,
        cpus: 4,
        cpuMhz: 2400,
        start: '2024-11-12T14:02:41.5000000Z',
        uptimeSeconds: 1_016_420,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\exadmin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
      },
      0x2012a1,
    );
    const app = { pid: 5124, tid: 5380, cpu: 1 };
    const worker = { pid: 5124, tid: 4412, cpu: 0 };
    // No packets are captured; WebIO's SECURITY events carry the TLS 1.0 ClientHello instead.
    hcwTls10Attempt(tb, 2_210_000, app, worker, {
      dns: resolves(EXO, 0x6d02, 59311),
      clientPort: 51044,
      rttUs: 19_200,
      base: 0x000000d1_7b2e3000n,
      packets: false,
      webioTlsBytes: true,
    });
    return tb;
  },
};
