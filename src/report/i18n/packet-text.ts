// A captured packet's evidence line in the report's language, and as facts for the JSON record: the line is read
// back with the packet analysis' own reader (src/net/packet-line.ts). Its notation is its English text.
import { parsePacketLine, splitEndpoint, type PacketLine, type TcpNote } from '../../net/index.js';
import type { Messages } from '../../common/i18n/catalog.js';
import type { EvidenceRef } from '../../providers/observations.js';
import { carriedText, sideText } from './render.js';

function noteText(m: Messages, note: TcpNote): string {
  switch (note) {
    case 'retransmission':
      return m.t('packet.note.retransmission');
    case 'RST from client':
    case 'RST from server':
      return m.t('packet.note.reset', { side: sideText(m, note === 'RST from client' ? 'client' : 'server') });
    case 'established':
      return m.t('packet.note.established');
    case 'Alert (encrypted)':
      return m.t('packet.note.alert_encrypted');
    case 'Alert (not captured)':
      return m.t('packet.note.alert_not_captured');
    default:
      // Protocol names (ClientHello, Alert 2:40) are the same in every language.
      return note;
  }
}

/** The line in the language of `m`. */
export function packetLineText(m: Messages, p: PacketLine): string {
  if (p.protocol === 'dns') {
    if (p.phase === 'query') return m.t('packet.dns_query', { name: p.name, type: p.type });
    return m.t('packet.dns_response', {
      name: p.name,
      type: p.type,
      rcode: p.rcode ?? 0,
      answers: p.addresses.length ? m.t('packet.dns_answers', { addresses: p.addresses.join(', ') }) : '',
      truncated: p.truncated ? m.t('packet.dns_truncated') : '',
    });
  }
  const notes = p.notes.map((n) => noteText(m, n)).join(m.t('packet.note_separator'));
  return m.t('packet.tcp', {
    from: p.from,
    to: p.to,
    flags: p.flags.join(','),
    length: p.length,
    side: sideText(m, p.side),
    notes: notes ? m.t('packet.notes', { notes }) : '',
  });
}

function packetLineOf(ref: Pick<EvidenceRef, 'source' | 'text'>): PacketLine | undefined {
  return ref.source.startsWith('packet #') ? parsePacketLine(ref.text) : undefined;
}

/**
 * An evidence reference's text in the language of `m`: a packet line said in it, the catalog messages a text
 * carries rendered, the trace's own words as they are. English packet lines are their notation.
 */
export function evidenceText(m: Messages, ref: Pick<EvidenceRef, 'source' | 'text'>): string {
  if (m.lang !== 'en') {
    const p = packetLineOf(ref);
    if (p) return packetLineText(m, p);
  }
  return carriedText(m, ref.text);
}

/** The JSON record's `packet`: the facts of a packet line (schemas/analyze.schema.json, `$defs/packet`). */
export function packetRecord(ref: Pick<EvidenceRef, 'source' | 'text'>) {
  const p = packetLineOf(ref);
  if (!p) return undefined;
  if (p.protocol === 'dns') {
    return { protocol: p.protocol, phase: p.phase, name: p.name, type: p.type, rcode: p.rcode ?? null, addresses: p.addresses, truncated: p.truncated };
  }
  const from = splitEndpoint(p.from);
  const to = splitEndpoint(p.to);
  return { protocol: p.protocol, src: from.ip, src_port: from.port, dst: to.ip, dst_port: to.port, flags: p.flags, length: p.length, sender: p.side, notes: p.notes };
}
