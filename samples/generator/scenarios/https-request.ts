// One WinHTTP request over HTTPS as WebIO, DNS-Client, TCPIP and the packet capture record it, with the
// server's answer to the ClientHello chosen by the scenario.
import { ByteWriter } from '../bytes.js';
import type { Endpoint } from '../net/frames.js';
import { TcpConversation } from '../net/tcp-conversation.js';
import {
  alertRecord,
  certificateMessage,
  changeCipherSpecRecord,
  clientKeyExchangeEcdhe,
  ContentType,
  ecPoint,
  record,
  serverHello,
  serverHelloDone,
  serverKeyExchangeEcdhe,
  TlsVersion,
  ext,
} from '../net/tls.js';
import type { OsProfile } from '../os-profiles.js';
import type { Thread, TraceBuilder } from '../trace-builder.js';
import { dnsLookup, dword, frames, P, sockaddrIn, tcpOpen, tcpStatus, webioPhase, winhttpApi, type Host, type TcpOpen } from './flows.js';
import { concatRecords, opaqueRecord, type BuiltHello } from './hello.js';

/** SECURITY_STATUS values WebIO logs for InitializeSecurityContext. */
export const SecStatus = {
  SEC_E_OK: 0,
  SEC_I_CONTINUE_NEEDED: 0x00090312,
  SEC_E_INTERNAL_ERROR: 0x80090304,
  SEC_E_ILLEGAL_MESSAGE: 0x80090326,
  SEC_E_ALGORITHM_MISMATCH: 0x80090331,
} as const;

export type ServerAnswer =
  | { kind: 'rst' }
  | { kind: 'alert'; description: number; then: 'fin' | 'rst' }
  | { kind: 'handshake'; chain: Uint8Array[]; suite: number; certOk: boolean }
  | { kind: 'syn-timeout' };

export interface HttpsRequest {
  os: OsProfile;
  host: Host;
  app: Thread;
  worker: Thread;
  system: Thread;
  dnscache: Thread;
  serverName: string;
  serverIp: string;
  serverMac?: string;
  url: string;
  method: string;
  enabledProtocols: number;
  cipherConfig?: number;
  hello: BuiltHello;
  answer: ServerAnswer;
  /** DNS answer; undefined = already cached (no query logged). */
  dns?: { status: number; cnames?: string[]; addresses?: string[]; txid: number; port: number };
  clientPort: number;
  rttUs: number;
  /** Object/handle values (deterministic). */
  base: bigint;
  activityId: string;
  /** Request/response bodies for a successful exchange. */
  requestHeaders?: string;
  responseHeaders?: string;
  /** Application data bytes the server returns after its headers (default 2 KiB). */
  responseBytes?: number;
  /** Write the packet capture (netsh `capture=yes`); false = events only, no NDIS events at all (default true). */
  packets?: boolean;
  /** Log WebIO 704/705 (verbose SECURITY keyword): the bytes handed into and produced by InitializeSecurityContext. */
  webioTlsBytes?: boolean;
}

/** The builder with frame() doing nothing: a trace captured without `capture=yes` has no packet events. */
function withoutPackets(tb: TraceBuilder): TraceBuilder {
  return new Proxy(tb, {
    get(target, key) {
      if (key === 'frame') return () => undefined;
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export interface HttpsResult {
  t: number;
  /** WinHTTP error the request completed with (0 = success). */
  winhttpError: number;
}

/** Runs the request from WinHttpOpenRequest to completion; returns the end time and WinHTTP's error code. */
export function httpsRequest(builder: TraceBuilder, t0: number, r: HttpsRequest): HttpsResult {
  const tb = r.packets === false ? withoutPackets(builder) : builder;
  const a = r.activityId;
  const os = r.os;
  const hSession = r.base + 0x10n;
  const hConnect = r.base + 0x20n;
  const hRequest = r.base + 0x30n;
  const request = r.base + 0x1000n;
  const connection = r.base + 0x2000n;
  const socket = 0x400n + (r.base & 0xff0n);
  const tcv10 = os.major >= 10;
  let t = t0;

  t = winhttpApi(tb, t, r.app, hSession, 'WinHttpOpen', 10, 0, 120, a);
  t = winhttpApi(tb, t + 30, r.app, hConnect, 'WinHttpConnect', 10, 0, 35, a);
  t = winhttpApi(tb, t + 30, r.app, hRequest, 'WinHttpOpenRequest', 10, 0, 55, a);
  tb.event(t - 20, r.app, P.WEBIO, 17, 0, {
    Request: request,
    RequestHandle: hRequest,
    Session: r.base + 0x800n,
    SessionHandle: hSession,
    Method: r.method,
    URI: r.url,
    VersionMajor: 1,
    VersionMinor: 1,
    Error: 0,
  }, { activityId: a });
  t = winhttpApi(tb, t + 30, r.app, hRequest, 'WinHttpSetOption', 10, 0, 25, a);
  // WINHTTP_OPTION_SECURE_PROTOCOLS handed down to WebIO as request option 6 (SecureProtocols).
  tb.event(t - 10, r.app, P.WEBIO, 15, 0, { Request: request, RequestHandle: hRequest, Option: 6, Value: dword(r.enabledProtocols), Error: 0 }, { activityId: a });
  t = winhttpApi(tb, t + 40, r.app, hRequest, 'WinHttpSendRequest', 12, 0, 80, a);

  t += 60;
  webioPhase(tb, t, r.worker, 2100, request, a);
  webioPhase(tb, (t += 30), r.worker, 2101, request, a);
  webioPhase(tb, (t += 40), r.worker, 2111, request, a);

  const fail = (err: number, close?: { reason: number; result: number }): HttpsResult => {
    if (close) tb.event((t += 50), r.worker, P.WEBIO, 204, 0, { Endpoint: connection, Socket: socket, Reason: close.reason, Result: close.result }, { activityId: a });
    webioPhase(tb, (t += 80), r.worker, 2141, request, a);
    tb.event((t += 60), r.worker, P.WINHTTP, 14, 0, { ApiHandle: hRequest, Api: 'WinHttpSendRequest', Result: err }, { activityId: a });
    return { t, winhttpError: err };
  };

  if (r.dns) {
    webioPhase(tb, (t += 30), r.worker, 2112, request, a);
    const dnsQueryObj = r.base + 0x3000n;
    tb.event((t += 20), r.worker, P.WEBIO, 205, 0, { DnsQuery: dnsQueryObj, HostName: r.serverName, Timeout: 0, CompletionContext: r.base + 0x3100n }, { activityId: a });
    t = dnsLookup(tb, t + 40, r.host, {
      name: r.serverName,
      caller: r.worker,
      dnscache: r.dnscache,
      txid: r.dns.txid,
      clientPort: r.dns.port,
      status: r.dns.status,
      cnames: r.dns.cnames,
      addresses: r.dns.addresses,
      packets: r.packets !== false,
      rttUs: 14_000,
      clientPidTemplates: tcv10,
    });
    if (r.dns.status !== 0) {
      // WebIO reports the resolver's Winsock error (WSAHOST_NOT_FOUND); WinHTTP maps it to 12007.
      tb.event((t += 40), r.worker, P.WEBIO, 207, 0, { DnsQuery: dnsQueryObj, Error: 11001 }, { activityId: a });
      return fail(12007);
    }
    const addrs = r.dns.addresses ?? [];
    const sa = new ByteWriter();
    for (const ip of addrs) sa.bytes(sockaddrIn(ip, 443));
    const canonical = r.dns.cnames?.length ? r.dns.cnames[r.dns.cnames.length - 1]! : r.serverName;
    tb.event((t += 40), r.worker, P.WEBIO, 206, 0, {
      DnsQuery: dnsQueryObj,
      FQDN: r.serverName,
      CanonicalName: canonical,
      AddressCount: addrs.length,
      SockAddr: sa.finish(),
    }, { activityId: a });
  }

  webioPhase(tb, (t += 30), r.worker, 2113, request, a);
  const addressText = `${r.serverIp}:443`;
  const connectArgs = { Connection: connection, SocketHandle: socket, Address: addressText, Context: request, RemainingAddressCount: 0n, Error: 0 };
  tb.event((t += 25), r.worker, P.WEBIO, 200, 0, connectArgs, { activityId: a });

  const client: Endpoint = { mac: r.host.mac, ip: r.host.ip, port: r.clientPort };
  const server: Endpoint = { mac: r.serverMac ?? r.host.gatewayMac, ip: r.serverIp, port: 443 };
  const conv = new TcpConversation({
    client,
    server,
    clientIsn: tb.rng.next(),
    serverIsn: tb.rng.next(),
    clientIpId: tb.rng.int(0x100, 0x7fff),
    serverIpId: tb.rng.int(0x100, 0x7fff),
    serverTtl: 112,
    mss: 1440,
  });
  const tcp: TcpOpen = { conv, caller: r.worker, system: r.system, host: r.host, tcb: r.base + 0x7000n, pid: r.app.pid, rttUs: r.rttUs, v1: tcv10 };

  if (r.answer.kind === 'syn-timeout') {
    tb.event(t, r.worker, P.TCPIP, 1002, 0, { Tcb: tcp.tcb, LocalAddress: sockaddrIn(client.ip, client.port), RemoteAddress: sockaddrIn(server.ip, 443), NewState: 1, RexmitCount: 0 });
    const syn = conv.syn();
    tb.frame(t + 25, syn, r.host.nic, r.worker);
    // Windows retransmits an unanswered SYN after 3 s and 6 s more, then gives up (21 s in all).
    const isn = (conv.o.clientIsn >>> 0);
    tb.frame(t + 3_000_025, conv.synRetransmit(isn), r.host.nic, r.system);
    tb.frame(t + 9_000_025, conv.synRetransmit(isn), r.host.nic, r.system);
    t += 21_000_040;
    tcpStatus(tb, t, tcp, 1045, 0xc00000b5);
    tcpStatus(tb, (t += 30), tcp, 1034, 0xc00000b5);
    tb.event((t += 60), r.worker, P.WEBIO, 202, 0, { ...connectArgs, Error: 10060 }, { activityId: a });
    return fail(12029, { reason: 4, result: 10060 });
  }

  t = tcpOpen(tb, t, tcp);
  tb.event((t += 40), r.worker, P.WEBIO, 201, 0, connectArgs, { activityId: a });
  webioPhase(tb, (t += 30), r.worker, 2114, request, a);

  // AcquireCredentialsHandle with the protocol mask WinHTTP asks Schannel for.
  const ach = os.webioAchVersion;
  const credHigh = r.base + 0xa10n;
  const credLow = r.base + 0xa20n;
  const achArgs = { Connection: connection, EnabledProtocols: r.enabledProtocols, SSLClientCert: 0n, EnableRevertToSelfClientCertificate: 0, ...(ach === 1 ? { CipherConfig: r.cipherConfig ?? 0 } : {}) };
  tb.event((t += 20), r.worker, P.WEBIO, 728, ach, { ...achArgs, CredHandleHigh: 0n, CredHandleLow: 0n, Result: 0 }, { activityId: a });
  tb.event((t += 900), r.worker, P.WEBIO, 729, ach, { ...achArgs, CredHandleHigh: credHigh, CredHandleLow: credLow, Result: 0 }, { activityId: a });

  const ctxHigh = r.base + 0xb10n;
  const ctxLow = r.base + 0xb20n;
  const isc = (id: 700 | 703, dt: number, dataLen: number, result: number, outFlags = 0) => {
    tb.event((t += dt), r.worker, P.WEBIO, id, 0, {
      Connection: connection,
      SecurityHandleHigh: credHigh,
      SecurityHandleLow: credLow,
      CredHandleHigh: ctxHigh,
      CredHandleLow: ctxLow,
      HostName: r.serverName,
      InputFlags: 0x4c11c,
      Buffer: dataLen ? r.base + 0xc000n : 0n,
      BufferLengthData: dataLen,
      BufferLengthRemaining: dataLen ? 0x4000 - dataLen : 0,
      OutputFlags: outFlags,
      DataChunks: 0n,
      DataChunkBufferLength: 0,
      Result: result,
    }, { activityId: a });
  };
  const iscBytes = r.webioTlsBytes
    ? {
        /** 704 (Pre): the input buffer — records received from the server — before the call. */
        received: (at: number, data: Uint8Array) =>
          tb.event(at, r.worker, P.WEBIO, 704, 0, {
            Connection: connection,
            SecurityHandleHigh: credHigh,
            SecurityHandleLow: credLow,
            Buffer: r.base + 0xc000n,
            BufferLengthRemaining: 0x4000 - data.length,
            Data: data,
          }, { activityId: a }),
        /** 705 (Post): the output token — records for the server — after the call. */
        sent: (at: number, data: Uint8Array) =>
          tb.event(at, r.worker, P.WEBIO, 705, 0, { Connection: connection, SecurityHandleHigh: credHigh, SecurityHandleLow: credLow, DataChunks: r.base + 0xd000n, Data: data }, { activityId: a }),
      }
    : undefined;
  isc(700, 30, 0, 0);
  iscBytes?.sent(t + 1_150, r.hello.record);
  isc(703, 1_200, r.hello.record.length, SecStatus.SEC_I_CONTINUE_NEEDED, 0x811c);
  t = frames(tb, t + 50, conv.clientData(r.hello.record), r.host, r.worker);
  const helloVersion = r.hello.recordVersion;

  switch (r.answer.kind) {
    case 'rst': {
      t += r.rttUs + 1_500;
      tb.frame(t, conv.serverRst(), r.host.nic, r.system);
      if (iscBytes) {
        // The receive ended with the reset before any server byte: WebIO still calls ISC once, with nothing in.
        isc(700, 350, 0, 0);
        iscBytes.received(t + 10, new Uint8Array(0));
        isc(703, 50, 0, SecStatus.SEC_E_INTERNAL_ERROR);
      } else isc(703, 400, 0, SecStatus.SEC_E_INTERNAL_ERROR);
      return fail(12175, { reason: 3, result: 10054 });
    }
    case 'alert': {
      t += r.rttUs + 1_200;
      const alertVersion = helloVersion;
      tb.frame(t, conv.serverData(alertRecord(alertVersion, 2, r.answer.description))[0]!, r.host.nic, r.system);
      if (r.answer.then === 'fin') {
        tb.frame((t += 30), conv.serverFin(), r.host.nic, r.system);
        tb.frame((t += 40), conv.clientAck(), r.host.nic, r.system);
      }
      isc(700, 150, 7, 0);
      iscBytes?.received(t + 10, alertRecord(alertVersion, 2, r.answer.description));
      isc(703, 250, 7, SecStatus.SEC_E_ILLEGAL_MESSAGE);
      if (r.answer.then === 'rst') {
        t += 100;
        tb.frame(t, conv.serverRst(), r.host.nic, r.system);
        return fail(12175, { reason: 3, result: 10054 });
      }
      tcpStatus(tb, (t += 200), tcp, 1039, 0, r.worker);
      tb.frame((t += 20), conv.clientRst(), r.host.nic, r.worker);
      return fail(12175, { reason: 2, result: 0 });
    }
    case 'handshake': {
      const ans = r.answer;
      const v = TlsVersion.TLS12;
      const flight = concatRecords(
        record(ContentType.HANDSHAKE, v, serverHello({ version: v, random: tb.rng.bytes(32), sessionId: tb.rng.bytes(32), cipherSuite: ans.suite, extensions: [ext.renegotiationInfo(), ext.extendedMasterSecret()] })),
        record(ContentType.HANDSHAKE, v, certificateMessage(ans.chain)),
        record(ContentType.HANDSHAKE, v, serverKeyExchangeEcdhe(ecPoint(tb.rng.bytes(64)), tb.rng.bytes(256))),
        record(ContentType.HANDSHAKE, v, serverHelloDone()),
      );
      t += r.rttUs + 2_000;
      const segs = conv.serverData(flight);
      segs.forEach((s, i) => {
        tb.frame(t, s, r.host.nic, r.system);
        t += 120;
        if (i % 2 === 1) tb.frame((t += 30), conv.clientAck(), r.host.nic, r.system);
      });
      isc(700, 200, flight.length, 0);
      const keyEx = concatRecords(
        record(ContentType.HANDSHAKE, v, clientKeyExchangeEcdhe(ecPoint(tb.rng.bytes(64)))),
        changeCipherSpecRecord(v),
        opaqueRecord(ContentType.HANDSHAKE, v, 40, tb.rng),
      );
      isc(703, 3_500, keyEx.length, SecStatus.SEC_I_CONTINUE_NEEDED, 0x811c);
      t = frames(tb, t + 40, conv.clientData(keyEx), r.host, r.worker);
      t += r.rttUs + 800;
      const fin = concatRecords(changeCipherSpecRecord(v), opaqueRecord(ContentType.HANDSHAKE, v, 40, tb.rng));
      t = frames(tb, t, conv.serverData(fin), r.host, r.system);
      isc(700, 100, fin.length, 0);
      isc(703, 600, 0, SecStatus.SEC_E_OK, 0x811c);
      const ctxArgs = { Connection: connection, ContextHandleHigh: ctxHigh, ContextHandleLow: ctxLow, IgnoredServerCertErrors: 0 };
      if (!ans.certOk) {
        // WinHTTP's own chain check: untrusted root (WINHTTP_CALLBACK_STATUS_FLAG_INVALID_CA 0x8).
        tb.event((t += 4_000), r.worker, P.WEBIO, 713, 0, { ...ctxArgs, ServerCertErrors: 0x8, Error: 0x800b0109, Reason: 5 }, { activityId: a });
        // The client closes: close_notify (encrypted alert), FIN; the server answers FIN.
        t = frames(tb, t + 200, conv.clientData(opaqueRecord(ContentType.ALERT, v, 26, tb.rng)), r.host, r.worker);
        tcpStatus(tb, (t += 20), tcp, 1038, 0, r.worker);
        tb.frame((t += 10), conv.clientFin(), r.host.nic, r.worker);
        t += r.rttUs;
        tb.frame(t, conv.serverFin(), r.host.nic, r.system);
        tb.frame((t += 40), conv.clientAck(), r.host.nic, r.system);
        return fail(12175, { reason: 0, result: 0 });
      }
      tb.event((t += 2_500), r.worker, P.WEBIO, 712, 0, { ...ctxArgs, ServerCertErrors: 0, Error: 0, Reason: 0 }, { activityId: a });
      webioPhase(tb, (t += 40), r.worker, 2120, request, a);
      webioPhase(tb, (t += 30), r.worker, 2121, request, a);
      const reqHeaders = r.requestHeaders ?? `${r.method} ${r.url} HTTP/1.1\r\n\r\n`;
      tb.event((t += 20), r.worker, P.WEBIO, 100, 0, { Request: request, Headers: reqHeaders }, { activityId: a });
      t = frames(tb, t + 60, conv.clientData(opaqueRecord(ContentType.APPLICATION_DATA, v, reqHeaders.length + 24, tb.rng)), r.host, r.worker);
      webioPhase(tb, (t += 30), r.worker, 2123, request, a);
      tb.event((t += 10), r.app, P.WINHTTP, 13, 0, { ApiHandle: hRequest, Api: 'WinHttpSendRequest', Result: 0 }, { activityId: a });
      t = winhttpApi(tb, t + 50, r.app, hRequest, 'WinHttpReceiveResponse', 12, 0, 40, a);
      webioPhase(tb, (t += 20), r.worker, 2130, request, a);
      t += r.rttUs + 35_000;
      const respHeaders = r.responseHeaders ?? 'HTTP/1.1 200 OK\r\n\r\n';
      // The response in TLS records of at most 16 KiB of plaintext (+ 24 bytes of GCM nonce and tag); the client
      // acknowledges every second segment.
      let remaining = respHeaders.length + (r.responseBytes ?? 2_048);
      let dataSegs = 0;
      while (remaining > 0) {
        const chunk = Math.min(remaining, 16_384);
        remaining -= chunk;
        for (const s of conv.serverData(opaqueRecord(ContentType.APPLICATION_DATA, v, chunk + 24, tb.rng))) {
          tb.frame((t += 90), s, r.host.nic, r.system);
          if (++dataSegs % 2 === 0) tb.frame((t += 25), conv.clientAck(), r.host.nic, r.system);
        }
      }
      if (dataSegs % 2 === 1) tb.frame((t += 30), conv.clientAck(), r.host.nic, r.system);
      tb.event((t += 300), r.worker, P.WEBIO, 101, 0, { Request: request, Headers: respHeaders }, { activityId: a });
      webioPhase(tb, (t += 40), r.worker, 2132, request, a);
      webioPhase(tb, (t += 30), r.worker, 2141, request, a);
      tb.event((t += 40), r.app, P.WINHTTP, 13, 0, { ApiHandle: hRequest, Api: 'WinHttpReceiveResponse', Result: 0 }, { activityId: a });
      return { t, winhttpError: 0 };
    }
  }
}
