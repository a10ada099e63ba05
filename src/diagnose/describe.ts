// Short phrases the explanations are built from.
import type { Connection } from '../correlate/types.js';
import { spProtocolNames } from '../windows/sp-prot.js';
import { hex32 } from '../common/format.js';
import { tcpCloseReason } from '../providers/manifest-maps.js';

export function who(c: Connection): string {
  const proc = c.process ? `${c.process}${c.pid !== undefined ? ` (pid ${c.pid})` : ''}` : c.pid !== undefined ? `process ${c.pid}` : 'a client';
  const server = c.serverName ?? c.remoteIp ?? 'an unknown server';
  const addr = c.remoteIp ? ` (${c.remoteIp}${c.remotePort !== undefined ? `:${c.remotePort}` : ''})` : '';
  return `${proc} → ${c.serverName ? server + addr : (c.remoteIp ? `${c.remoteIp}${c.remotePort !== undefined ? `:${c.remotePort}` : ''}` : server)}`;
}

export function maskText(mask: number): string {
  return `${hex32(mask)} (${spProtocolNames(mask).join('|')})`;
}

export function offered(c: Connection): string {
  return c.clientOfferedVersions.length ? c.clientOfferedVersions.join(', ') : 'nothing seen';
}

/** What the server (or the network) did with the attempt, in words. */
export function serverReaction(c: Connection): string {
  const alert = c.alert === 'encrypted' ? 'an encrypted TLS alert' : `the TLS alert ${c.alert}`;
  if (c.alert && c.alertFrom === 'server') return `the server answered with ${alert}`;
  if (c.alert && c.alertFrom === 'client') return `the client itself aborted with ${alert}`;
  if (c.resetBy === 'server') return c.serverSelectedVersion ? `the server reset the TCP connection after its ServerHello` : 'the server reset the TCP connection without a ServerHello';
  if (c.resetBy === 'client') return 'the client reset the TCP connection';
  if (c.synUnanswered) return 'the SYN was never answered';
  if (c.serverSelectedVersion) return `the server selected ${c.serverSelectedVersion}${c.cipher ? ` with ${c.cipher}` : ''}`;
  if (c.closeReason === tcpCloseReason('Remote Reset')) return 'WebIO saw the server reset the connection (close reason 3, remote reset)';
  return 'the trace does not show the server\'s answer';
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function more(cs: Connection[]): string {
  return cs.length > 1 ? ` The same happened on ${plural(cs.length - 1, 'other connection')} (${cs.slice(1, 6).map((c) => '#' + c.id).join(', ')}${cs.length > 6 ? ', …' : ''}).` : '';
}
