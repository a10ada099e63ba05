// Windows 7 SP1 with KB3140245 and DefaultSecureProtocols 0xA80, but Schannel's TLS 1.1/1.2 client still disabled:
// WinHTTP asks for TLS 1.2, the ClientHello offers TLS 1.0 only, the server refuses with protocol_version.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { Alert } from '../net/tls.js';
import { TraceBuilder } from '../trace-builder.js';
import { clientHost, DNSCACHE, EXO, NETSH, SYSTEM_DPC } from './env.js';
import { buildClientHello } from './hello.js';
import { httpsRequest } from './https-request.js';
import type { Scenario } from './scenario.js';
import { addBackground } from './background.js';
import { SSL_LIBRARY_ERROR, winrmCertErrors, winrmCreateSession, winrmOperationFailed } from './winrm.js';

export const win7KbSchannelOff: Scenario = {
  name: 'win7-kb-schannel-off',
  title: 'Windows 7 SP1 with KB3140245 (EnabledProtocols 0xA80) but SCHANNEL TLS 1.2 Client disabled',
  os: OS.win7sp1,
  diagnosis:
    'WebIO 728 EnabledProtocols 0xA80 (TLS 1.2 requested) yet the ClientHello is TLS 1.0 (record and client_version ' +
    '0x0301): Schannel TLS 1.2\\Client is disabled. Server alert fatal protocol_version (70), then RST. Fix: ' +
    'SCHANNEL\\Protocols\\TLS 1.2\\Client DisabledByDefault=0, Enabled=1.',
  build() {
    const tb = new TraceBuilder(
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
    const app = { pid: 3400, tid: 3544, cpu: 1 };
    const worker = { pid: 3400, tid: 2216, cpu: 0 };
    let t = 1_410_000;
    winrmCreateSession(tb, t, app, EXO.url);
    const r = httpsRequest(tb, t + 2_900, {
      os: OS.win7sp1,
      host: clientHost('192.168.1.23'),
      app,
      worker,
      system: { ...SYSTEM_DPC },
      dnscache: { ...DNSCACHE, cpu: 1 },
      serverName: EXO.host,
      serverIp: EXO.addresses[1]!,
      url: EXO.url,
      method: 'POST',
      enabledProtocols: 0xa80,
      hello: buildClientHello('win7-tls10', EXO.host, tb.rng),
      answer: { kind: 'alert', description: Alert.PROTOCOL_VERSION, then: 'rst' },
      dns: { status: 0, cnames: EXO.cnames, addresses: EXO.addresses, txid: 0x0f31, port: 55021 },
      clientPort: 49301,
      rttUs: 31_000,
      base: 0x00000000_02a4e000n,
      activityId: tb.rng.guid(),
    });
    t = r.t + 600;
    winrmCertErrors(tb, t, app, EXO.host, [SSL_LIBRARY_ERROR]);
    winrmOperationFailed(tb, t + 130, app, 'Create', r.winhttpError);
    addBackground(tb, clientHost('192.168.1.23'), tb.lastEventUs + 400_000, tb.spec.os.major >= 10);
    return tb;
  },
};
