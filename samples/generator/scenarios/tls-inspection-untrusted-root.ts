// A TLS-inspecting proxy completes the handshake with its own certificate (issuer "Contoso Proxy Root CA"),
// which the server does not trust: WebIO 713 certificate validation failure, WinHTTP 12175, WinRM 172.
import { TZ_PACIFIC } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { Suite } from '../net/tls.js';
import { TraceBuilder } from '../trace-builder.js';
import { clientHost, DNSCACHE, EXO, inspectionChain, NETSH, SYSTEM_DPC } from './env.js';
import { buildClientHello } from './hello.js';
import { httpsRequest } from './https-request.js';
import type { Scenario } from './scenario.js';
import { addBackground } from './background.js';
import { UNKNOWN_CA_ERROR, winrmCertErrors, winrmCreateSession, winrmOperationFailed } from './winrm.js';

export const tlsInspectionUntrustedRoot: Scenario = {
  name: 'tls-inspection-untrusted-root',
  title: 'Server 2019 behind a TLS-inspecting proxy whose root CA is not trusted',
  os: OS.server2019,
  diagnosis:
    'TLS 1.2 handshake completes (ServerHello TLS 1.2, ECDHE-RSA-AES256-GCM) but the server certificate for ' +
    'outlook.office365.com is issued by "CN=Contoso Proxy Root CA"; WebIO 713 ServerCertErrors 0x8 (invalid CA, ' +
    'CERT_E_UNTRUSTEDROOT); WinHTTP 12175; client closes. Fix: bypass TLS inspection for Microsoft 365 endpoints.',
  build() {
    const tb = new TraceBuilder(
      {
        os: OS.server2019,
        cpus: 4,
        cpuMhz: 2095,
        start: '2024-11-14T18:03:55.2500000Z',
        uptimeSeconds: 604_800,
        timeZone: TZ_PACIFIC,
        logFileName: 'C:\\Users\\exadmin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
        controller: NETSH,
      },
      0x17763,
    );
    const app = { pid: 7316, tid: 7420, cpu: 1 };
    const worker = { pid: 7316, tid: 6604, cpu: 3 };
    let t = 1_600_000;
    winrmCreateSession(tb, t, app, EXO.url);
    const r = httpsRequest(tb, t + 2_000, {
      os: OS.server2019,
      host: clientHost('10.20.0.61'),
      app,
      worker,
      system: SYSTEM_DPC,
      dnscache: DNSCACHE,
      serverName: EXO.host,
      serverIp: EXO.addresses[0]!,
      url: EXO.url,
      method: 'POST',
      enabledProtocols: 0xa80,
      cipherConfig: 0,
      hello: buildClientHello('win10-tls12', EXO.host, tb.rng),
      answer: { kind: 'handshake', chain: inspectionChain(EXO.host), suite: Suite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, certOk: false },
      dns: { status: 0, cnames: EXO.cnames, addresses: EXO.addresses, txid: 0x4410, port: 63001 },
      clientPort: 52114,
      rttUs: 6_000,
      base: 0x000001d3_55a00000n,
      activityId: tb.rng.guid(),
    });
    t = r.t + 400;
    winrmCertErrors(tb, t, app, EXO.host, [UNKNOWN_CA_ERROR]);
    winrmOperationFailed(tb, t + 100, app, 'Create', r.winhttpError);
    addBackground(tb, clientHost('10.20.0.61'), tb.lastEventUs + 400_000, tb.spec.os.major >= 10);
    return tb;
  },
};
