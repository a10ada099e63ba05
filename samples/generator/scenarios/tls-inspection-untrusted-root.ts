// A TLS-inspecting proxy completes the handshake with its own certificate (issuer "Contoso Proxy Root CA"),
// which the server does not trust: WebIO 713 certificate validation failure, WinHTTP 12175, WinRM 172.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { Suite } from '../net/tls.js';
import { clientHost, EXO, inspectionChain, resolves } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { UNKNOWN_CA_ERROR, winrmCreateSession, winrmSecureChannelFailed } from './winrm.js';
import { winrmPost } from './winrm-post.js';

export const tlsInspectionUntrustedRoot: Scenario = {
  name: 'tls-inspection-untrusted-root',
  title: 'Server 2019 behind a TLS-inspecting proxy whose root CA is not trusted',
  os: OS.server2019,
  diagnosis:
    'TLS 1.2 handshake completes (ServerHello TLS 1.2, ECDHE-RSA-AES256-GCM) but the server certificate for ' +
    'outlook.office365.com is issued by "CN=Contoso Proxy Root CA"; WebIO 713 ServerCertErrors 0x8 (invalid CA, ' +
    'CERT_E_UNTRUSTEDROOT); WinHTTP 12175; client closes. Fix: bypass TLS inspection for Microsoft 365 endpoints.',
  build() {
    const tb = netshTrace(
      {
        os: OS.server2019,
        cpus: 4,
        cpuMhz: 2095,
        start: '2024-11-14T18:03:55.2500000Z',
        uptimeSeconds: 604_800,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\exadmin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
      },
      0x17763,
    );
    const host = clientHost('10.20.0.61');
    const app = { pid: 7316, tid: 7420, cpu: 1 };
    const worker = { pid: 7316, tid: 6604, cpu: 3 };
    const t = 1_600_000;
    winrmCreateSession(tb, t, app, EXO.url);
    // The proxy completes the handshake with a certificate from its own root, which the client does not trust.
    const r = winrmPost(tb, t + 2_000, EXO, {
      host,
      app,
      worker,
      serverIp: EXO.addresses[0]!,
      enabledProtocols: 0xa80,
      cipherConfig: 0,
      hello: 'win10-tls12',
      answer: { kind: 'handshake', chain: inspectionChain(EXO.host), suite: Suite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, certOk: false },
      dns: resolves(EXO, 0x4410, 63001),
      clientPort: 52114,
      rttUs: 6_000,
      base: 0x000001d3_55a00000n,
    });
    winrmSecureChannelFailed(tb, r.t + 400, app, EXO.host, UNKNOWN_CA_ERROR, 100, r.winhttpError);
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
