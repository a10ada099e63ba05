// TLS 1.2 is offered, but a cipher-suite policy left only RSA key exchange + CBC: the server has no suite in
// common (it requires ECDHE with AES-GCM) and answers handshake_failure.
import { TZ_WEST_EUROPE } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { Alert } from '../net/tls.js';
import { TraceBuilder } from '../trace-builder.js';
import { clientHost, DNSCACHE, EXO, NETSH, SYSTEM_DPC } from './env.js';
import { buildClientHello } from './hello.js';
import { httpsRequest } from './https-request.js';
import type { Scenario } from './scenario.js';
import { addBackground } from './background.js';
import { SSL_LIBRARY_ERROR, winrmCertErrors, winrmCreateSession, winrmOperationFailed } from './winrm.js';

export const cipherMismatch: Scenario = {
  name: 'cipher-mismatch',
  title: 'Server 2012 R2, TLS 1.2 offered with RSA/CBC suites only, server handshake_failure',
  os: OS.server2012r2,
  diagnosis:
    'EnabledProtocols 0xA80 and a TLS 1.2 ClientHello, but the offered suites are RSA key exchange with CBC only ' +
    '(no ECDHE + AES-GCM); server alert fatal handshake_failure (40). Fix: restore the default cipher suite order ' +
    '(SSL Cipher Suite Order policy) so TLS_ECDHE_RSA_WITH_AES_256/128_GCM_* are offered.',
  build() {
    const tb = new TraceBuilder(
      {
        os: OS.server2012r2,
        cpus: 4,
        cpuMhz: 2300,
        start: '2024-11-19T08:22:10.0000000Z',
        uptimeSeconds: 3_456_789,
        timeZone: TZ_WEST_EUROPE,
        logFileName: 'C:\\Windows\\Temp\\NetTraces\\NetTrace.etl',
        controller: NETSH,
      },
      0x40c1,
    );
    const app = { pid: 5120, tid: 5188, cpu: 3 };
    const worker = { pid: 5120, tid: 4470, cpu: 2 };
    let t = 1_020_000;
    winrmCreateSession(tb, t, app, EXO.url);
    const r = httpsRequest(tb, t + 2_200, {
      os: OS.server2012r2,
      host: clientHost('10.20.0.44'),
      app,
      worker,
      system: SYSTEM_DPC,
      dnscache: DNSCACHE,
      serverName: EXO.host,
      serverIp: EXO.addresses[2]!,
      url: EXO.url,
      method: 'POST',
      enabledProtocols: 0xa80,
      hello: buildClientHello('tls12-rsa-cbc-only', EXO.host, tb.rng),
      answer: { kind: 'alert', description: Alert.HANDSHAKE_FAILURE, then: 'fin' },
      dns: { status: 0, cnames: EXO.cnames, addresses: EXO.addresses, txid: 0x7d02, port: 60112 },
      clientPort: 50998,
      rttUs: 17_000,
      base: 0x0000003a_1c880000n,
      activityId: tb.rng.guid(),
    });
    t = r.t + 500;
    winrmCertErrors(tb, t, app, EXO.host, [SSL_LIBRARY_ERROR]);
    winrmOperationFailed(tb, t + 110, app, 'Create', r.winhttpError);
    addBackground(tb, clientHost('10.20.0.44'), tb.lastEventUs + 400_000, tb.spec.os.major >= 10);
    return tb;
  },
};
