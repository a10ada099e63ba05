// Short phrases the explanations are built from.
import type { Connection } from '../correlate/types.js';
import { spProtocolNames } from '../windows/sp-prot.js';
import { hex32 } from '../common/format.js';
import { tcpCloseReason } from '../providers/manifest-maps.js';
import { msg, type Message, type MessageParam } from './message.js';

function address(c: Connection): string | undefined {
  return c.remoteIp ? `${c.remoteIp}${c.remotePort !== undefined ? `:${c.remotePort}` : ''}` : undefined;
}

/** The client process, as the trace names it. */
export function client(c: Connection): MessageParam {
  if (c.process) return c.pid !== undefined ? msg('phrase.process_pid', { process: c.process, pid: c.pid }) : c.process;
  return c.pid !== undefined ? msg('phrase.process_id', { pid: c.pid }) : msg('phrase.a_client');
}

export function who(c: Connection): Message {
  const addr = address(c);
  const server: MessageParam = c.serverName ? (addr ? `${c.serverName} (${addr})` : c.serverName) : (addr ?? msg('phrase.unknown_server'));
  return msg('phrase.who', { client: client(c), server });
}

export function maskText(mask: number): string {
  return `${hex32(mask)} (${spProtocolNames(mask).join('|')})`;
}

export function offered(c: Connection): MessageParam {
  return c.clientOfferedVersions.length ? c.clientOfferedVersions.join(', ') : msg('phrase.nothing_seen');
}

/** What the server (or the network) did with the attempt, in words. */
export function serverReaction(c: Connection): Message {
  if (c.alert && c.alertFrom === 'server') return c.alert === 'encrypted' ? msg('reaction.server_alert_encrypted') : msg('reaction.server_alert', { alert: c.alert });
  if (c.alert && c.alertFrom === 'client') return c.alert === 'encrypted' ? msg('reaction.client_alert_encrypted') : msg('reaction.client_alert', { alert: c.alert });
  if (c.resetBy === 'server') return msg(c.serverSelectedVersion ? 'reaction.server_reset_after_hello' : 'reaction.server_reset_no_hello');
  if (c.resetBy === 'client') return msg('reaction.client_reset');
  if (c.synUnanswered) return msg('reaction.syn_unanswered');
  if (c.serverSelectedVersion) return c.cipher ? msg('reaction.selected_cipher', { version: c.serverSelectedVersion, cipher: c.cipher }) : msg('reaction.selected', { version: c.serverSelectedVersion });
  if (c.closeReason === tcpCloseReason('Remote Reset')) return msg('reaction.webio_reset');
  return msg('reaction.not_shown');
}

/** The other connections a finding also covers, by id (five at most). */
export function more(cs: Connection[]): Message | undefined {
  if (cs.length <= 1) return undefined;
  const ids = cs.slice(1, 6).map((c) => '#' + c.id).join(', ') + (cs.length > 6 ? ', …' : '');
  return msg('phrase.more', { count: cs.length - 1, ids });
}
