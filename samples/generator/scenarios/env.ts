// The machines, processes and servers the scenarios share: addresses, threads, certificates.
import { certificate, type DistinguishedName } from '../net/der.js';
import type { Thread } from '../trace-builder.js';
import type { Host } from './flows.js';
import type { HttpsRequest } from './https-request.js';

export const CLIENT_MAC = '00:15:5d:0a:14:21';
export const GATEWAY_MAC = '00:15:5d:0a:14:01';

/** Receive-path indications and TCP completions run in DPCs on CPU 0, charged to the System process. */
export const SYSTEM_DPC: Thread = { pid: 4, tid: 88, cpu: 0 };
/** The DNS Client service (svchost -k NetworkService). */
export const DNSCACHE: Thread = { pid: 1312, tid: 2044, cpu: 3 };
/** netsh.exe, which started the trace session. */
export const NETSH: Thread = { pid: 5012, tid: 5016, cpu: 1 };

export function clientHost(ip = '10.20.0.41'): Host {
  return {
    mac: CLIENT_MAC,
    ip,
    dnsServer: '10.20.0.10',
    gatewayMac: GATEWAY_MAC,
    nic: { miniportIfIndex: 12, lowerIfIndex: 12, receiveThread: SYSTEM_DPC },
  };
}

/** A remote PowerShell endpoint: the name WinRM connects to, what DNS answers for it, and the URL it posts to. */
export interface RemoteEndpoint {
  host: string;
  cnames: string[];
  addresses: string[];
  url: string;
}

/** DNS-Client's successful answer for `endpoint` (its CNAME chain and addresses) with the query's id and port. */
export function resolves(endpoint: RemoteEndpoint, txid: number, port: number): NonNullable<HttpsRequest['dns']> {
  return { status: 0, cnames: endpoint.cnames, addresses: endpoint.addresses, txid, port };
}

export const EXO: RemoteEndpoint = {
  host: 'outlook.office365.com',
  cnames: ['outlook.ha.office365.com', 'outlook.ms-acdc.office.com', 'AMS-efz.ms-acdc.office.com'],
  addresses: ['52.97.146.210', '52.97.179.162', '40.99.150.98'],
  url: 'https://outlook.office365.com:443/powershell-liveid/',
};

const DIGICERT_ROOT_G2: DistinguishedName = { C: 'US', O: 'DigiCert Inc', OU: 'www.digicert.com', CN: 'DigiCert Global Root G2' };
const DIGICERT_CLOUD_CA: DistinguishedName = { C: 'US', O: 'DigiCert Inc', CN: 'DigiCert Cloud Services CA-1' };

/** The chain Exchange Online presents: leaf (CN outlook.com with the office365.com names) + DigiCert intermediate. */
export function exoChain(): Uint8Array[] {
  const leaf = certificate({
    subject: { C: 'US', ST: 'Washington', L: 'Redmond', O: 'Microsoft Corporation', CN: 'outlook.com' },
    issuer: DIGICERT_CLOUD_CA,
    notBefore: new Date('2024-06-18T00:00:00Z'),
    notAfter: new Date('2025-06-17T23:59:59Z'),
    dnsNames: ['outlook.com', '*.outlook.com', 'outlook.office365.com', '*.office365.com', '*.outlook.office365.com', 'outlook.office.com', '*.protection.outlook.com'],
    serial: Uint8Array.from([0x0b, 0x6a, 0x51, 0x2d, 0x7c, 0x44, 0x19, 0x0e, 0x3f, 0x92, 0x21, 0xa8, 0x55, 0x13, 0x6c, 0x7e]),
    seed: 0x0e5c0de1,
  });
  const intermediate = certificate({
    subject: DIGICERT_CLOUD_CA,
    issuer: DIGICERT_ROOT_G2,
    notBefore: new Date('2020-09-25T00:00:00Z'),
    notAfter: new Date('2030-09-24T23:59:59Z'),
    isCa: true,
    serial: Uint8Array.from([0x01, 0x9e, 0xc1, 0xc6, 0xbd, 0x3f, 0x59, 0x7b, 0xb2, 0x0c, 0x33, 0x38, 0xe5, 0x51, 0xd8, 0x77]),
    seed: 0x0d191ce1,
  });
  return [leaf, intermediate];
}

const CONTOSO_ROOT: DistinguishedName = { C: 'US', O: 'Contoso Ltd', CN: 'Contoso Proxy Root CA' };

/** What a TLS-inspecting proxy presents instead: a leaf for the requested name issued by its own root. */
export function inspectionChain(hostName: string): Uint8Array[] {
  const leaf = certificate({
    subject: { C: 'US', ST: 'Washington', L: 'Redmond', O: 'Microsoft Corporation', CN: hostName },
    issuer: CONTOSO_ROOT,
    notBefore: new Date('2024-10-30T00:00:00Z'),
    notAfter: new Date('2025-01-28T00:00:00Z'),
    dnsNames: [hostName],
    serial: Uint8Array.from([0x5f, 0x00, 0x00, 0x12, 0x7a, 0x3b, 0xc4, 0x11]),
    seed: 0xc0c0a001,
  });
  const root = certificate({
    subject: CONTOSO_ROOT,
    issuer: CONTOSO_ROOT,
    notBefore: new Date('2021-03-01T00:00:00Z'),
    notAfter: new Date('2031-03-01T00:00:00Z'),
    isCa: true,
    serial: Uint8Array.from([0x1c, 0x7e, 0x44, 0x02]),
    seed: 0xc0c0a002,
  });
  return [leaf, root];
}
