// What the network layer yields per TCP flow: the Zeek-style connection record with its TLS handshake facts.
import type { EvidenceRef } from '../providers/observations.js';
import type { EvidenceList } from './evidence-log.js';

export interface Endpoint {
  ip: string;
  port: number;
}

export interface TlsClientHello {
  /** Record-layer version, e.g. 0x0301. */
  recordVersion: number;
  /** ClientHello.legacy_version (client_version). */
  legacyVersion: number;
  /** supported_versions extension, in offered order (GREASE removed); undefined when absent. */
  supportedVersions?: number[];
  cipherSuites: number[];
  serverName?: string;
  alpn?: string[];
  supportedGroups?: number[];
  signatureAlgorithms?: number[];
  /** The bytes stopped before the message ended: fields after that point are unknown, not absent. */
  truncated: boolean;
}

export interface TlsServerHello {
  legacyVersion: number;
  /** From supported_versions when present, else legacy_version. */
  selectedVersion: number;
  cipherSuite?: number;
  helloRetryRequest: boolean;
  truncated: boolean;
  /**
   * The message was cut before supported_versions could be read and legacy_version is 0x0303, which TLS 1.2
   * and TLS 1.3 servers both send: `selectedVersion` is then only the legacy value, not the choice.
   */
  selectedVersionUncertain?: boolean;
}

export interface TlsCertificate {
  subjectCN?: string;
  sanDns: string[];
  issuer?: string;
  notBefore?: string;
  notAfter?: string;
}

export interface TlsAlert {
  from: 'client' | 'server';
  time: bigint;
  /** 1 warning, 2 fatal; undefined when the alert was encrypted. */
  level?: number;
  description?: number;
  encrypted: boolean;
  /** Application data had already flowed (either way) when the alert came: an encrypted alert then is a close. */
  afterApplicationData: boolean;
}

export interface TlsSession {
  clientHello?: TlsClientHello;
  serverHello?: TlsServerHello;
  certificates: TlsCertificate[];
  alerts: TlsAlert[];
  clientChangeCipherSpec: boolean;
  serverChangeCipherSpec: boolean;
  /** Application data (or the first encrypted record after both sides' Finished) was seen. */
  established: boolean;
  /** Application-data records seen, per sender (also in a capture that began mid-connection). */
  applicationData: { client: boolean; server: boolean };
  /** Time of the first ClientHello byte. */
  clientHelloTime?: bigint;
}

/** One TCP connection as seen in captured packets. */
export interface TcpFlow {
  id: number;
  firstSeen: bigint;
  lastSeen: bigint;
  client: Endpoint;
  server: Endpoint;
  /** Distinct packets (each counted once, however many capture points logged it). */
  packets: number;
  /** Frames of this flow in the capture: every appearance of every packet (pktmon logs one per component). */
  packetAppearances: number;
  /** Payload bytes (both directions, as originally on the wire). */
  bytes: number;
  /** Payload bytes each side sent (as on the wire). */
  sentBytes: { client: number; server: number };
  /**
   * How the client was told from the server: `syn` (who sent the SYN), `syn_ack`, `ports` (a service port
   * against an ephemeral one), `local_host` (the capturing host's own address is the client), or `first_packet`
   * (nothing better: the sender of the first packet).
   */
  roleBasis: 'syn' | 'syn_ack' | 'ports' | 'local_host' | 'first_packet';
  /** Which end is the capturing host, when its own addresses are known (see net/local-host.ts). */
  localSide?: 'client' | 'server';
  syn: boolean;
  synAck: boolean;
  rstBy: 'client' | 'server' | 'none';
  finBy: 'client' | 'server' | 'both' | 'none';
  rstTime?: bigint;
  /** Payload each side had sent when the first RST came (a reset after the exchange is a close, not a failure). */
  sentBeforeReset?: { client: number; server: number };
  retransmissions: number;
  tls?: TlsSession;
  /** Some packet of this flow was cut short by the capture snap length. */
  truncated: boolean;
  /** Process that sent the SYN, from the capture event's header (pktmon / NDIS), when it names one (not 0 or 4). */
  pid?: number;
  /** Packets that built this record (first few, plus every TLS/RST milestone). */
  evidence: EvidenceList;
}
