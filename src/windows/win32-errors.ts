// Win32 / Winsock / NTSTATUS codes a socket connect reports, and the DNS-Client statuses (winerror.h,
// winsock2.h, ntstatus.h, windns.h), with a few words where the name alone does not say it.
import { ksyEnum } from '../formats/load.js';

export const SOCKET_ERROR_NAMES: Readonly<Record<number, string>> = {
  10051: 'WSAENETUNREACH (network unreachable)',
  10053: 'WSAECONNABORTED (connection aborted)',
  10054: 'WSAECONNRESET (connection reset)',
  10060: 'WSAETIMEDOUT (no answer)',
  10061: 'WSAECONNREFUSED (refused)',
  10065: 'WSAEHOSTUNREACH (host unreachable)',
  1225: 'ERROR_CONNECTION_REFUSED',
  1232: 'ERROR_HOST_UNREACHABLE',
  1236: 'ERROR_CONNECTION_ABORTED',
  121: 'ERROR_SEM_TIMEOUT (no answer)',
  0xc0000236: 'STATUS_CONNECTION_REFUSED',
  0xc00000b5: 'STATUS_IO_TIMEOUT (no answer)',
  0xc000023c: 'STATUS_NETWORK_UNREACHABLE',
  0xc000023d: 'STATUS_HOST_UNREACHABLE',
};

/** A few words for the DNS RCODEs whose names do not say it. */
const RCODE_WORDS: Readonly<Record<string, string>> = {
  FORMERR: 'format error',
  SERVFAIL: 'server failure',
  NXDOMAIN: 'name does not exist',
  NOTIMP: 'not implemented',
};

/** The failure RCODEs formats/dns.ksy declares (`rcode`), named as above. */
const RCODE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(ksyEnum('Dns', 'Rcode'))
    .filter(([, value]) => value !== 0)
    .map(([name, value]) => [value, RCODE_WORDS[name] ? `${name} (${RCODE_WORDS[name]})` : name]),
);

/** DNS-Client statuses (Win32) and, for packets, DNS RCODEs (< 16). */
export const DNS_STATUS_NAMES: Readonly<Record<number, string>> = {
  ...RCODE_NAMES,
  1460: 'ERROR_TIMEOUT (no answer from the DNS server)',
  9002: 'DNS_ERROR_RCODE_SERVER_FAILURE',
  9003: 'DNS_ERROR_RCODE_NAME_ERROR (name does not exist)',
  9501: 'DNS_INFO_NO_RECORDS',
  11001: 'WSAHOST_NOT_FOUND',
  11002: 'WSATRY_AGAIN (temporary failure)',
};
