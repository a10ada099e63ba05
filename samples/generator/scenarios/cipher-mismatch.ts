// TLS 1.2 is offered, but a cipher-suite policy left only RSA key exchange + CBC: the server has no suite in
// common (it requires ECDHE with AES-GCM) and answers handshake_failure.
import { TZ_WEST_EUROPE } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { Alert } from '../net/tls.js';
import { clientHost, EXO, resolves } from './env.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { SSL_LIBRARY_ERROR, winrmCreateSession, winrmSecureChannelFailed } from './winrm.js';
import { winrmPost } from './winrm-post.js';

export const cipherMismatch: Scenario = {
  name: 'cipher-mismatch',
  title: 'Server 2012 R2, TLS 1.2 offered with RSA/CBC suites only, server handshake_failure',
  os: OS.server2012r2,
  diagnosis:
    'EnabledProtocols 0xA80 and a TLS 1.2 ClientHello, but the offered suites are RSA key exchange with CBC only ' +
    '(no ECDHE + AES-GCM); server alert fatal handshake_failure (40). Fix: restore the default cipher suite order ' +
    '(SSL Cipher Suite Order policy) so TLS_ECDHE_RSA_WITH_AES_256/128_GCM_* are offered.',
  build() {
    const tb = netshTrace(
      {
        os: OS.server2012r2,
        cpus: 4,
        cpuMhz: 2300,
        start: '2024-11-19T08:22:10.0000000Z',
        uptimeSeconds: 3_456_789,
        timeZone: TZ_WEST_EUROPE,
        logFileName: 'C:\\Windows\\Temp\\NetTraces\\NetTrace.etl',
      },
      0x40c1,
    );
    const host = clientHost('10.20.0.44');
    const app = { pid: 5120, tid: 5188, cpu: 3 };
    const worker = { pid: 5120, tid: 4470, cpu: 2 };
    const t = 1_020_000;
    winrmCreateSession(tb, t, app, EXO.url);
    // TLS 1.2 with RSA/CBC suites only: no suite in common, the server answers handshake_failure and closes.
    const r = winrmPost(tb, t + 2_200, EXO, {
      host,
      app,
      worker,
      serverIp: EXO.addresses[2]!,
      enabledProtocols: 0xa80,
      hello: 'tls12-rsa-cbc-only',
      answer: { kind: 'alert', description: Alert.HANDSHAKE_FAILURE, then: 'fin' },
      dns: resolves(EXO, 0x7d02, 60112),
      clientPort: 50998,
      rttUs: 17_000,
      base: 0x0000003a_1c880000n,
    });
    winrmSecureChannelFailed(tb, r.t + 500, app, EXO.host, SSL_LIBRARY_ERROR, 110, r.winhttpError);
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
