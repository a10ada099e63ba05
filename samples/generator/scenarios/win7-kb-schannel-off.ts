// Windows 7 SP1 with KB3140245 and DefaultSecureProtocols 0xA80, but Schannel's TLS 1.1/1.2 client still disabled:
// WinHTTP asks for TLS 1.2, the ClientHello offers TLS 1.0 only, the server refuses with protocol_version.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { Alert } from '../net/tls.js';
import { clientHost, DNSCACHE, EXO, NETSH, resolves } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { SSL_LIBRARY_ERROR, winrmCreateSession, winrmSecureChannelFailed } from './winrm.js';
import { winrmPost } from './winrm-post.js';

export const win7KbSchannelOff: Scenario = {
  name: 'win7-kb-schannel-off',
  title: 'Windows 7 SP1 with KB3140245 (EnabledProtocols 0xA80) but SCHANNEL TLS 1.2 Client disabled',
  os: OS.win7sp1,
  diagnosis:
    'WebIO 728 EnabledProtocols 0xA80 (TLS 1.2 requested) yet the ClientHello is TLS 1.0 (record and client_version ' +
    '0x0301): Schannel TLS 1.2\\Client is disabled. Server alert fatal protocol_version (70), then RST. Fix: ' +
    'SCHANNEL\\Protocols\\TLS 1.2\\Client DisabledByDefault=0, Enabled=1.',
  build() {
    const tb = netshTrace(
      {
        os: OS.win7sp1,
        cpus: 2,
        cpuMhz: 3066,
        start: '2024-10-28T16:05:41.7500000Z',
        uptimeSeconds: 9_873,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\it\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
        controller: { ...NETSH, cpu: 1 },
      },
      0x7601,
    );
    const host = clientHost('192.168.1.23');
    const app = { pid: 3400, tid: 3544, cpu: 1 };
    const worker = { pid: 3400, tid: 2216, cpu: 0 };
    const t = 1_410_000;
    winrmCreateSession(tb, t, app, EXO.url);
    // WinHTTP asks for TLS 1.2 (0xA80) but Schannel sends a TLS 1.0 ClientHello; the server refuses it.
    const r = winrmPost(tb, t + 2_900, EXO, {
      host,
      app,
      worker,
      dnscache: { ...DNSCACHE, cpu: 1 },
      serverIp: EXO.addresses[1]!,
      enabledProtocols: 0xa80,
      hello: 'win7-tls10',
      answer: { kind: 'alert', description: Alert.PROTOCOL_VERSION, then: 'rst' },
      dns: resolves(EXO, 0x0f31, 55021),
      clientPort: 49301,
      rttUs: 31_000,
      base: 0x00000000_02a4e000n,
    });
    winrmSecureChannelFailed(tb, r.t + 600, app, EXO.host, SSL_LIBRARY_ERROR, 130, r.winhttpError);
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
