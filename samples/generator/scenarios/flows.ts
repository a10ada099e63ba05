// Building blocks shared by the scenarios: DNS lookups, TCP connects, WinHTTP API calls, WebIO request phases.
import type { FieldValues } from '../payload.js';
import { ByteWriter } from '../bytes.js';
import { ipv4, udpFrame, type Endpoint } from '../net/frames.js';
import { dnsQuery, dnsResponse, DnsRcode, DnsType } from '../net/dns.js';
import type { Frame, TcpConversation } from '../net/tcp-conversation.js';
import type { CaptureInterface, Thread, TraceBuilder } from '../trace-builder.js';

export const P = {
  WEBIO: 'Microsoft-Windows-WebIO',
  WINHTTP: 'Microsoft-Windows-WinHttp',
  DNS: 'Microsoft-Windows-DNS-Client',
  TCPIP: 'Microsoft-Windows-TCPIP',
  WINRM: 'Microsoft-Windows-WinRM',
} as const;

/** SOCKADDR_IN: family (LE), port (big-endian), address, 8 zero bytes. */
export function sockaddrIn(ip: string, port: number): Uint8Array {
  return new ByteWriter(16).u16(2).u16be(port).bytes(ipv4(ip)).zeros(8).finish();
}

export interface Host {
  mac: string;
  ip: string;
  dnsServer: string;
  gatewayMac: string;
  nic: CaptureInterface;
}

/** Frames at successive times: returns the time after the last one. */
export function frames(tb: TraceBuilder, t: number, list: Frame[], host: Host, sender: Thread, gapUs = 40): number {
  for (const f of list) {
    tb.frame(t, f, host.nic, sender);
    t += gapUs;
  }
  return t;
}

export interface DnsLookup {
  name: string;
  caller: Thread;
  dnscache: Thread;
  txid: number;
  clientPort: number;
  /** 0 = success; 9003 = DNS_ERROR_RCODE_NAME_ERROR; 1460 = timeout. */
  status: number;
  cnames?: string[];
  addresses?: string[];
  /** Write the UDP query/response frames (netsh capture=yes). */
  packets: boolean;
  rttUs: number;
  /** Windows 10 adds ClientPID to 3010/3011 (template v1). */
  clientPidTemplates: boolean;
}

/** DNS-Client 3006 → 3010 → query/response packets → 3011 → 3008. Returns the time of 3008. */
export function dnsLookup(tb: TraceBuilder, t: number, host: Host, q: DnsLookup): number {
  const results = [
    ...(q.cnames ?? []).map((c) => `type:  5 ${c}`),
    ...(q.addresses ?? []).map((a) => `::ffff:${a}`),
  ]
    .map((x) => x + ';')
    .join('');
  const options = 0x8000000000000n;
  tb.event(t, q.caller, P.DNS, 3006, 0, {
    QueryName: q.name,
    QueryType: DnsType.A,
    QueryOptions: options,
    ServerList: '',
    IsNetworkQuery: 0,
    NetworkQueryIndex: 0,
    InterfaceIndex: 0,
    IsAsyncQuery: 0,
  });
  t += 180;
  const sent: FieldValues = { QueryName: q.name, QueryType: DnsType.A, DnsServerIpAddress: host.dnsServer };
  if (q.clientPidTemplates) sent.ClientPID = q.caller.pid;
  tb.event(t, q.dnscache, P.DNS, 3010, q.clientPidTemplates ? 1 : 0, sent);
  const client: Endpoint = { mac: host.mac, ip: host.ip, port: q.clientPort };
  const server: Endpoint = { mac: host.gatewayMac, ip: host.dnsServer, port: 53 };
  if (q.packets) {
    tb.frame(t + 30, { direction: 'send', bytes: udpFrame(client, server, 0x1000 + q.txid, 128, dnsQuery(q.txid, q.name, DnsType.A)), headerLength: 42 }, host.nic, q.dnscache);
  }
  t += q.rttUs;
  const rcode = q.status === 0 ? DnsRcode.NOERROR : q.status === 9003 ? DnsRcode.NXDOMAIN : DnsRcode.SERVFAIL;
  if (q.packets && q.status !== 1460) {
    const zone = q.name.split('.').slice(-2).join('.');
    const answer = q.status === 0 ? { cnames: q.cnames ?? [], addresses: q.addresses ?? [], ttl: 47 } : undefined;
    const soa = q.status === 0 ? undefined : { zone, mname: `ns1.${zone}`, rname: `hostmaster.${zone}`, serial: 2024060101 };
    const resp = dnsResponse(q.txid, q.name, DnsType.A, rcode, answer, soa);
    tb.frame(t, { direction: 'receive', bytes: udpFrame(server, client, 0x5a00 + q.txid, 127, resp), headerLength: 42 }, host.nic, q.dnscache);
  }
  t += 60;
  const got: FieldValues = { QueryName: q.name, QueryType: DnsType.A, DnsServerIpAddress: host.dnsServer, ResponseStatus: q.status === 1460 ? 1460 : rcode === 0 ? 0 : q.status };
  if (q.clientPidTemplates) got.ClientPID = q.caller.pid;
  tb.event(t, q.dnscache, P.DNS, 3011, q.clientPidTemplates ? 1 : 0, got);
  t += 220;
  tb.event(t, q.caller, P.DNS, 3008, 0, {
    QueryName: q.name,
    QueryType: DnsType.A,
    QueryOptions: options,
    QueryStatus: q.status,
    QueryResults: q.status === 0 ? results : '',
  });
  return t;
}

export interface TcpOpen {
  conv: TcpConversation;
  caller: Thread;
  system: Thread;
  host: Host;
  tcb: bigint;
  pid: number;
  rttUs: number;
  /** TCPIP templates v1 (ProcessStartKey) on Windows 10 and later. */
  v1: boolean;
  processStartKey?: bigint;
}

function tcpAddrs(o: TcpOpen): FieldValues {
  const c = o.conv.o;
  return { LocalAddress: sockaddrIn(c.client.ip, c.client.port), RemoteAddress: sockaddrIn(c.server.ip, c.server.port) };
}

/** TCPIP 1002, SYN / SYN-ACK / ACK, TCPIP 1033. Returns the time the connection is up. */
export function tcpOpen(tb: TraceBuilder, t: number, o: TcpOpen): number {
  tb.event(t, o.caller, P.TCPIP, 1002, 0, { Tcb: o.tcb, ...tcpAddrs(o), NewState: 1, RexmitCount: 0 });
  tb.frame(t + 25, o.conv.syn(), o.host.nic, o.caller);
  t += o.rttUs;
  tb.frame(t, o.conv.synAck(), o.host.nic, o.caller);
  tb.frame(t + 35, o.conv.clientAck(), o.host.nic, o.system);
  t += 60;
  tcpStatus(tb, t, o, 1033, 0);
  return t;
}

/** TCPIP 1033/1034/1038/1039/1043/1045 with the common endpoint template. */
export function tcpStatus(tb: TraceBuilder, t: number, o: TcpOpen, id: number, status: number, thread?: Thread): void {
  const v: FieldValues = { ...tcpAddrs(o), Status: status, ProcessId: o.pid, Compartment: 1, Tcb: o.tcb };
  if (o.v1) v.ProcessStartKey = o.processStartKey ?? BigInt(o.pid) * 0x10000n + 0x2c5n;
  tb.event(t, thread ?? o.system, P.TCPIP, id, o.v1 ? 1 : 0, v);
}

/** WinHttp API start (9) and its outcome: 10 success, 11 failed, 12 pending, 13 completed, 14 completed with error. */
export function winhttpApi(tb: TraceBuilder, t: number, th: Thread, handle: bigint, api: string, outcome: 10 | 11 | 12 | 13 | 14, result = 0, durUs = 40, activityId?: string): number {
  tb.event(t, th, P.WINHTTP, 9, 0, { ApiHandle: handle, Api: api }, { activityId });
  t += durUs;
  if (outcome === 12) tb.event(t, th, P.WINHTTP, 12, 0, { ApiHandle: handle, Api: api }, { activityId });
  else tb.event(t, th, P.WINHTTP, outcome, 0, { ApiHandle: handle, Api: api, Result: result }, { activityId });
  return t;
}

/** WebIO RequestState phase marker (2100 Initialize, 2111 Connect, 2112 Name Resolution, 2113 TCP Connect, 2114 SSL…). */
export function webioPhase(tb: TraceBuilder, t: number, th: Thread, id: number, request: bigint, activityId?: string): void {
  tb.event(t, th, P.WEBIO, id, 0, { Context: request }, { activityId });
}

/** The four bytes WebIO logs as the value of a DWORD request option. */
export function dword(v: number): Uint8Array {
  return new ByteWriter(4).u32(v).finish();
}
