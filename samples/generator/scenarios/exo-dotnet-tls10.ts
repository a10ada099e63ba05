// Connect-ExchangeOnline in Windows PowerShell 5.1 on Server 2016: .NET (not WinHTTP) opens the connection to
// login.microsoftonline.com offering TLS 1.0 only; Entra ID answers protocol_version. No WebIO events.
import { TZ_WEST_EUROPE } from '../etl-writer.js';
import { OS } from '../os-profiles.js';
import { TcpConversation } from '../net/tcp-conversation.js';
import { alertRecord, Alert } from '../net/tls.js';
import { clientHost, DNSCACHE, NETSH, SYSTEM_DPC } from './env.js';
import { dnsLookup, frames, tcpOpen, tcpStatus, type TcpOpen } from './flows.js';
import { buildClientHello } from './hello.js';
import { netshTrace } from './netsh-session.js';
import type { Scenario } from './scenario.js';
import { addBackgroundThroughEnd } from './background.js';

const HOST = 'login.microsoftonline.com';
const ADDRESSES = ['20.190.159.2', '20.190.159.71', '40.126.31.69'];

export const exoDotnetTls10: Scenario = {
  name: 'exo-dotnet-tls10',
  title: 'Connect-ExchangeOnline from powershell.exe (.NET, TLS 1.0) to login.microsoftonline.com',
  os: OS.server2016,
  diagnosis:
    'No WebIO/WinHttp events for the connection (it is .NET, not WinHTTP); TCPIP 1002/1033 carry the owning PID ' +
    '6240 (powershell.exe; names are not in the trace); TLS 1.0 ClientHello; server alert fatal protocol_version (70). Fix: SchUseStrongCrypto=1 and ' +
    'SystemDefaultTlsVersions=1 under .NETFramework v4.0.30319 (both registry views), or ' +
    '[Net.ServicePointManager]::SecurityProtocol = Tls12.',
  build() {
    const os = OS.server2016;
    const tb = netshTrace(
      {
        os,
        cpus: 2,
        cpuMhz: 2400,
        start: '2024-11-08T10:30:00.0000000Z',
        uptimeSeconds: 777_600,
        timeZone: TZ_WEST_EUROPE,
        logFileName: 'C:\\Users\\admin\\AppData\\Local\\Temp\\NetTraces\\NetTrace.etl',
        controller: { ...NETSH, cpu: 0 },
      },
      0xd07e7,
    );
    const ps = { pid: 6240, tid: 5880, cpu: 1 };
    const host = clientHost('10.20.0.35');
    const dnscache = { ...DNSCACHE, cpu: 1 };
    let t = dnsLookup(tb, 2_400_000, host, {
      name: HOST,
      caller: ps,
      dnscache,
      txid: 0x33a1,
      clientPort: 54410,
      status: 0,
      cnames: ['ak.privatelink.msidentity.com', 'www.tm.ak.prd.aadg.trafficmanager.net'],
      addresses: ADDRESSES,
      packets: true,
      rttUs: 11_000,
      clientPidTemplates: true,
    });
    const conv = new TcpConversation({
      client: { mac: host.mac, ip: host.ip, port: 50871 },
      server: { mac: host.gatewayMac, ip: ADDRESSES[0]!, port: 443 },
      clientIsn: tb.rng.next(),
      serverIsn: tb.rng.next(),
      clientIpId: 0x1a20,
      serverIpId: 0x6b11,
      serverTtl: 113,
      mss: 1440,
    });
    const tcp: TcpOpen = { conv, caller: ps, system: SYSTEM_DPC, host, tcb: 0xffffc38e_2a44d010n, pid: ps.pid, rttUs: 8_000, v1: true };
    t = tcpOpen(tb, t + 900, tcp);
    const hello = buildClientHello('win10-tls10', HOST, tb.rng);
    t = frames(tb, t + 2_600, conv.clientData(hello.record), host, ps);
    t += 8_000 + 900;
    tb.frame(t, conv.serverData(alertRecord(hello.recordVersion, 2, Alert.PROTOCOL_VERSION))[0]!, host.nic, SYSTEM_DPC);
    tb.frame((t += 25), conv.serverFin(), host.nic, SYSTEM_DPC);
    tb.frame((t += 60), conv.clientAck(), host.nic, SYSTEM_DPC);
    // SslStream throws; the socket is closed abortively.
    tcpStatus(tb, (t += 1_800), tcp, 1039, 0, ps);
    tb.frame((t += 20), conv.clientRst(), host.nic, ps);
    addBackgroundThroughEnd(tb, host);
    return tb;
  },
};
