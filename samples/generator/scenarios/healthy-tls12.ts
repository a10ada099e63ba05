// Server 2022: TLS 1.3 and 1.2 offered, Exchange Online negotiates TLS 1.2 with ECDHE-RSA-AES256-GCM-SHA384;
// the session is created and the first response arrives.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { Suite } from '../net/tls.js';
import { clientHost, EXO, exoChain, resolves } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { winrmCreateSession } from './winrm.js';
import { winrmPost } from './winrm-post.js';

export const healthyTls12: Scenario = {
  name: 'healthy-tls12',
  title: 'Server 2022, healthy TLS 1.2 session to outlook.office365.com',
  os: OS.server2022,
  diagnosis:
    'EnabledProtocols 0x2A80 (TLS 1.0-1.3), ClientHello with supported_versions 1.3/1.2 and ECDHE-GCM suites, ' +
    'ServerHello TLS 1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, certificate CN=outlook.com (SAN outlook.office365.com), ' +
    'ChangeCipherSpec both ways, application data, HTTP 200: nothing failing.',
  build() {
    const tb = netshTrace(
      {
        os: OS.server2022,
        cpus: 4,
        cpuMhz: 2900,
        start: '2024-11-21T17:45:12.0000000Z',
        uptimeSeconds: 259_200,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\exadmin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
      },
      0x2022,
    );
    const host = clientHost('10.20.0.72');
    const app = { pid: 4876, tid: 4912, cpu: 2 };
    const worker = { pid: 4876, tid: 6120, cpu: 1 };
    const t = 1_300_000;
    winrmCreateSession(tb, t, app, EXO.url);
    // TLS 1.3 and 1.2 offered, TLS 1.2 negotiated with Exchange Online's real chain; the first response is 200.
    winrmPost(tb, t + 1_900, EXO, {
      host,
      app,
      worker,
      serverIp: EXO.addresses[1]!,
      enabledProtocols: 0x2a80,
      cipherConfig: 0,
      hello: 'win2022-tls13',
      answer: { kind: 'handshake', chain: exoChain(), suite: Suite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, certOk: true },
      dns: resolves(EXO, 0x1f2e, 61440),
      clientPort: 53122,
      rttUs: 15_000,
      base: 0x0000023c_8e400000n,
      requestHeaders:
        'POST /powershell-liveid/ HTTP/1.1\r\nConnection: Keep-Alive\r\nContent-Type: application/soap+xml;charset=UTF-8\r\n' +
        'Authorization: Bearer <redacted>\r\nUser-Agent: Microsoft WinRM Client\r\nContent-Length: 5120\r\nHost: outlook.office365.com\r\n\r\n',
      responseHeaders:
        'HTTP/1.1 200 \r\nContent-Type: application/soap+xml;charset=UTF-8\r\nServer: Microsoft-IIS/10.0\r\n' +
        'X-FEServer: AM0PR02CA0001\r\nContent-Length: 2048\r\n\r\n',
    });
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
