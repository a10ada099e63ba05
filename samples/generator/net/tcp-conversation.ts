// One TCP connection seen from the client host: keeps sequence/ack numbers and IP ids, emits frames.
import { serverSynAckOptions, tcpFrame, TcpFlags, windowsSynOptions, type Endpoint } from './frames.js';

export type Direction = 'send' | 'receive';

export interface Frame {
  direction: Direction;
  bytes: Uint8Array;
  /** Bytes of Ethernet + IP + TCP/UDP headers (where a send-path capture splits its first fragment). */
  headerLength: number;
}

export interface ConversationOptions {
  client: Endpoint;
  server: Endpoint;
  clientIsn: number;
  serverIsn: number;
  clientIpId: number;
  serverIpId: number;
  /** TTL as seen at the client: 128 for its own packets, less for the server's after the hops. */
  serverTtl: number;
  mss: number;
}

export class TcpConversation {
  private cSeq: number;
  private sSeq: number;
  private cId: number;
  private sId: number;

  constructor(readonly o: ConversationOptions) {
    this.cSeq = o.clientIsn;
    this.sSeq = o.serverIsn;
    this.cId = o.clientIpId;
    this.sId = o.serverIpId;
  }

  private c(flags: number, payload?: Uint8Array, options?: Uint8Array, window = 1026): Frame {
    const bytes = tcpFrame(this.o.client, this.o.server, this.cId++ & 0xffff, 128, {
      seq: this.cSeq,
      ack: flags & TcpFlags.ACK ? this.sSeq : 0,
      flags,
      window,
      options,
      payload,
    });
    return { direction: 'send', bytes, headerLength: 14 + 20 + 20 + (options?.length ?? 0) };
  }

  private s(flags: number, payload?: Uint8Array, options?: Uint8Array, window = 2052): Frame {
    const bytes = tcpFrame(this.o.server, this.o.client, this.sId++ & 0xffff, this.o.serverTtl, {
      seq: this.sSeq,
      ack: flags & TcpFlags.ACK ? this.cSeq : 0,
      flags,
      window,
      options,
      payload,
    });
    return { direction: 'receive', bytes, headerLength: 14 + 20 + 20 + (options?.length ?? 0) };
  }

  syn(): Frame {
    const f = this.c(TcpFlags.SYN, undefined, windowsSynOptions(), 64240);
    this.cSeq = (this.cSeq + 1) >>> 0;
    return f;
  }
  synAck(): Frame {
    const f = this.s(TcpFlags.SYN | TcpFlags.ACK, undefined, serverSynAckOptions(), 65535);
    this.sSeq = (this.sSeq + 1) >>> 0;
    return f;
  }
  clientAck(): Frame {
    return this.c(TcpFlags.ACK);
  }
  serverAck(): Frame {
    return this.s(TcpFlags.ACK);
  }

  /** Client data, split at the MSS; PSH on the last segment. */
  clientData(data: Uint8Array): Frame[] {
    return this.segments(data, (chunk, last) => {
      const f = this.c(TcpFlags.ACK | (last ? TcpFlags.PSH : 0), chunk);
      this.cSeq = (this.cSeq + chunk.length) >>> 0;
      return f;
    });
  }
  serverData(data: Uint8Array): Frame[] {
    return this.segments(data, (chunk, last) => {
      const f = this.s(TcpFlags.ACK | (last ? TcpFlags.PSH : 0), chunk);
      this.sSeq = (this.sSeq + chunk.length) >>> 0;
      return f;
    });
  }

  private segments(data: Uint8Array, make: (chunk: Uint8Array, last: boolean) => Frame): Frame[] {
    const out: Frame[] = [];
    for (let off = 0; off < data.length; off += this.o.mss) {
      const chunk = data.subarray(off, Math.min(data.length, off + this.o.mss));
      out.push(make(chunk, off + this.o.mss >= data.length));
    }
    return out;
  }

  clientFin(): Frame {
    const f = this.c(TcpFlags.FIN | TcpFlags.ACK);
    this.cSeq = (this.cSeq + 1) >>> 0;
    return f;
  }
  serverFin(): Frame {
    const f = this.s(TcpFlags.FIN | TcpFlags.ACK);
    this.sSeq = (this.sSeq + 1) >>> 0;
    return f;
  }
  /** RST|ACK from the server (what an Office 365 front end sends when it refuses the handshake). */
  serverRst(): Frame {
    return this.s(TcpFlags.RST | TcpFlags.ACK, undefined, undefined, 0);
  }
  clientRst(): Frame {
    return this.c(TcpFlags.RST | TcpFlags.ACK, undefined, undefined, 0);
  }
  /** A retransmitted SYN (same sequence number), as sent when no SYN-ACK arrives. */
  synRetransmit(isn: number): Frame {
    const save = this.cSeq;
    this.cSeq = isn;
    const f = this.c(TcpFlags.SYN, undefined, windowsSynOptions(), 64240);
    this.cSeq = save;
    return f;
  }
}
