// Win32 / Winsock / NTSTATUS codes a socket connect reports, and the DNS-Client statuses (winerror.h,
// winsock2.h, ntstatus.h, windns.h). The few words some need (WSAETIMEDOUT: no answer) are report messages
// (diagnose/code-glosses.ts).
import { ksyEnum } from '../formats/load.js';

export const SOCKET_ERROR_NAMES: Readonly<Record<number, string>> = {
  10051: 'WSAENETUNREACH',
  10053: 'WSAECONNABORTED',
  10054: 'WSAECONNRESET',
  10060: 'WSAETIMEDOUT',
  10061: 'WSAECONNREFUSED',
  10065: 'WSAEHOSTUNREACH',
  1225: 'ERROR_CONNECTION_REFUSED',
  1232: 'ERROR_HOST_UNREACHABLE',
  1236: 'ERROR_CONNECTION_ABORTED',
  121: 'ERROR_SEM_TIMEOUT',
  0xc0000236: 'STATUS_CONNECTION_REFUSED',
  0xc00000b5: 'STATUS_IO_TIMEOUT',
  0xc000023c: 'STATUS_NETWORK_UNREACHABLE',
  0xc000023d: 'STATUS_HOST_UNREACHABLE',
};

/** The failure RCODEs formats/dns.ksy declares (`rcode`), by name. */
const RCODE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(ksyEnum('Dns', 'Rcode'))
    .filter(([, value]) => value !== 0)
    .map(([name, value]) => [value, name]),
);

/** DNS-Client statuses (Win32) and, for packets, DNS RCODEs (< 16). */
export const DNS_STATUS_NAMES: Readonly<Record<number, string>> = {
  ...RCODE_NAMES,
  1460: 'ERROR_TIMEOUT',
  9002: 'DNS_ERROR_RCODE_SERVER_FAILURE',
  9003: 'DNS_ERROR_RCODE_NAME_ERROR',
  9501: 'DNS_INFO_NO_RECORDS',
  11001: 'WSAHOST_NOT_FOUND',
  11002: 'WSATRY_AGAIN',
};
