// The unrelated traffic every real capture carries: ARP and SSDP from the LAN, the telemetry client's DNS
// lookups. It spreads events over all CPUs and makes buffers fill and flush as in a real session.
import { arpRequest, udpFrame } from '../net/frames.js';
import type { TraceBuilder } from '../trace-builder.js';
import { dnsLookup, type Host } from './flows.js';
import { DNSCACHE, SYSTEM_DPC } from './env.js';

const SSDP = 'NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n' +
  'LOCATION: http://10.20.0.1:49152/rootDesc.xml\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n' +
  'SERVER: Linux/4.14 UPnP/1.0 MiniUPnPd/2.1\r\nUSN: uuid:5d1f0b52-91a4-4f6c-9e33-0c2a1b7e4411::upnp:rootdevice\r\n\r\n';

export function addBackground(tb: TraceBuilder, host: Host, untilUs: number, modernDns: boolean): void {
  const diagtrack = { pid: 2584, tid: 2790, cpu: (tb.spec.cpus - 1) % tb.spec.cpus };
  const lanHost = '10.20.0.1';
  const lanMac = '00:15:5d:0a:14:01';
  let n = 0;
  for (let t = 120_000; t < untilUs; t += 180_000 + tb.rng.int(0, 90_000)) {
    const who = `10.20.0.${tb.rng.int(2, 250)}`;
    if (n % 3 === 2) {
      const payload = Buffer.from(SSDP, 'latin1');
      const bytes = udpFrame({ mac: lanMac, ip: lanHost, port: 1900 }, { mac: '01:00:5e:7f:ff:fa', ip: '239.255.255.250', port: 1900 }, 0x3000 + n, 4, payload);
      tb.frame(t, { direction: 'receive', bytes, headerLength: 42 }, host.nic, SYSTEM_DPC);
    } else {
      tb.frame(t, { direction: 'receive', bytes: arpRequest(`00:15:5d:0a:14:${(0x30 + (n % 64)).toString(16)}`, who, lanHost), headerLength: 14 }, host.nic, SYSTEM_DPC);
    }
    if (n % 9 === 4) {
      dnsLookup(tb, t + 7_000, host, {
        name: 'v10.events.data.microsoft.com',
        caller: diagtrack,
        dnscache: { ...DNSCACHE, cpu: DNSCACHE.cpu % tb.spec.cpus },
        txid: 0xe000 + n,
        clientPort: 60000 + n,
        status: 0,
        cnames: ['global.asimov.events.data.trafficmanager.net', 'onedscolprdwus04.westus.cloudapp.azure.com'],
        addresses: ['20.42.65.84'],
        packets: true,
        rttUs: 9_000,
        clientPidTemplates: modernDns,
      });
    }
    n++;
  }
}

/**
 * Background traffic from the session start to shortly after the scenario's last event, so the story sits inside
 * ordinary noise. DNS-Client logs the caller's PID from Windows 10 on.
 */
export function addBackgroundThroughEnd(tb: TraceBuilder, host: Host): void {
  addBackground(tb, host, tb.lastEventUs + 400_000, tb.spec.os.major >= 10);
}
