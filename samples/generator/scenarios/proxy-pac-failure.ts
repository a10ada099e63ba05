// WinHTTP autoproxy cannot download the PAC file (wpad.contoso.local does not answer on port 80), the direct
// connection is blocked by the firewall (SYN unanswered): 12167 for the PAC, 12029 for the request.
import { TZ_WEST_EUROPE } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { TcpConversation } from '../net/tcp-conversation.js';
import { clientHost, DNSCACHE, EXO, resolves, SYSTEM_DPC } from './env.js';
import { dnsLookup, P, sockaddrIn, tcpStatus, winhttpApi, type TcpOpen } from './flows.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';
import { winrmCreateSession, winrmResponseFailed } from './winrm.js';
import { winrmPost } from './winrm-post.js';

const PAC_URL = 'http://wpad.contoso.local/wpad.dat';
const PAC_HOST = 'wpad.contoso.local';
const PAC_IP = '10.20.0.15';

export const proxyPacFailure: Scenario = {
  name: 'proxy-pac-failure',
  title: 'Server 2019: PAC download from wpad.contoso.local fails, direct connection times out',
  os: OS.server2019,
  diagnosis:
    'WinHttp autoproxy 809/811: downloading http://wpad.contoso.local/wpad.dat fails with 12167 ' +
    '(ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT) — its SYNs to 10.20.0.15:80 go unanswered; WinHTTP then connects ' +
    'directly and the SYN to outlook.office365.com:443 is never answered (firewall): 12029. Fix: repair the PAC ' +
    'server or set a static proxy (netsh winhttp set proxy).',
  build() {
    const tb = netshTrace(
      {
        os: OS.server2019,
        cpus: 4,
        cpuMhz: 2095,
        start: '2024-11-18T07:55:31.0000000Z',
        uptimeSeconds: 172_800,
        timeZone: TZ_WEST_EUROPE,
        logFileName: 'C:\\Windows\\Temp\\NetTraces\\NetTrace.etl',
      },
      0x12167,
    );
    const host = clientHost('10.20.0.49');
    const app = { pid: 3020, tid: 3096, cpu: 1 };
    const worker = { pid: 3020, tid: 4188, cpu: 2 };
    const autoproxy = { pid: 1736, tid: 2388, cpu: 3 };
    const a = tb.rng.guid();
    let t = 1_100_000;
    winrmCreateSession(tb, t, app, EXO.url);
    t = winhttpApi(tb, t + 900, app, 0x000002a1_0000c010n, 'WinHttpGetProxyForUrl', 12, 0, 70, a);
    tb.event((t += 300), autoproxy, P.WINHTTP, 834, 0, { UniqueId: 1 }, { activityId: a });
    tb.event((t += 40), autoproxy, P.WINHTTP, 813, 1, { URL: EXO.url }, { activityId: a });
    tb.event((t += 60), autoproxy, P.WINHTTP, 809, 1, { ConfigurationURL: PAC_URL }, { activityId: a });
    tb.event((t += 20), autoproxy, P.WINHTTP, 828, 0, {}, { activityId: a });
    t = dnsLookup(tb, t + 200, host, {
      name: PAC_HOST,
      caller: autoproxy,
      dnscache: DNSCACHE,
      txid: 0x0a0d,
      clientPort: 62001,
      status: 0,
      addresses: [PAC_IP],
      packets: true,
      rttUs: 900,
      clientPidTemplates: true,
    });
    // PAC download: the SYN to port 80 is never answered.
    const conv = new TcpConversation({
      client: { mac: host.mac, ip: host.ip, port: 52010 },
      server: { mac: host.gatewayMac, ip: PAC_IP, port: 80 },
      clientIsn: tb.rng.next(),
      serverIsn: 0,
      clientIpId: 0x2200,
      serverIpId: 0,
      serverTtl: 127,
      mss: 1460,
    });
    const tcp: TcpOpen = { conv, caller: autoproxy, system: SYSTEM_DPC, host, tcb: 0xffffb60c_71e8a010n, pid: autoproxy.pid, rttUs: 0, v1: true };
    tb.event((t += 300), autoproxy, P.TCPIP, 1002, 0, { Tcb: tcp.tcb, LocalAddress: sockaddrIn(host.ip, 52010), RemoteAddress: sockaddrIn(PAC_IP, 80), NewState: 1, RexmitCount: 0 });
    const isn = conv.o.clientIsn;
    tb.frame(t + 25, conv.syn(), host.nic, autoproxy);
    tb.frame(t + 3_000_025, conv.synRetransmit(isn), host.nic, SYSTEM_DPC);
    tb.frame(t + 9_000_025, conv.synRetransmit(isn), host.nic, SYSTEM_DPC);
    t += 21_000_050;
    tcpStatus(tb, t, tcp, 1045, 0xc00000b5);
    tcpStatus(tb, (t += 30), tcp, 1034, 0xc00000b5);
    tb.event((t += 200), autoproxy, P.WINHTTP, 811, 1, { ConfigurationURL: PAC_URL, Error: 12167 }, { activityId: a });
    tb.event((t += 20), autoproxy, P.WINHTTP, 829, 0, {}, { activityId: a });
    tb.event((t += 40), autoproxy, P.WINHTTP, 815, 1, { URL: EXO.url, Error: 12167 }, { activityId: a });
    tb.event((t += 30), autoproxy, P.WINHTTP, 835, 0, { UniqueId: 1 }, { activityId: a });
    tb.event((t += 400), app, P.WINHTTP, 14, 0, { ApiHandle: 0x000002a1_0000c010n, Api: 'WinHttpGetProxyForUrl', Result: 12167 }, { activityId: a });
    // No proxy: WinHTTP goes direct, and the firewall drops the SYN.
    const r = winrmPost(tb, t + 500, EXO, {
      host,
      app,
      worker,
      serverIp: EXO.addresses[2]!,
      enabledProtocols: 0xa80,
      cipherConfig: 0,
      hello: 'win10-tls12',
      answer: { kind: 'syn-timeout' },
      dns: resolves(EXO, 0x0a0e, 62002),
      clientPort: 52011,
      rttUs: 0,
      base: 0x000002a1_00000000n,
      activityId: a,
    });
    winrmResponseFailed(tb, r.t + 500, app, 135, 200, r.winhttpError);
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
