// Captured frames from packet-capture events: NDIS-PacketCapture 1001/1003 (netsh trace capture=yes),
// PktMon 160/170 (pktmon start --capture) and Ras-NdisWanPacketCapture 5001/5002.
import type { TraceEvent } from '../decode/types.js';
import { normalizeGuid } from '../common/format.js';
import { bytesField, field, numberField, stringField } from './fields.js';
import type { PacketCaptured } from './observations.js';
import { BoundedMap } from './module.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';
import { PKTMON_ARRIVING, PKTMON_LEAVING, PKTMON_PACKET_TYPE } from '../windows/pktmon.js';
import { concatBytes } from '../common/bytes.js';

const NDIS_GUID: string = PROVIDER_GUIDS.ndisPacketCapture;
const PKTMON_GUID: string = PROVIDER_GUIDS.pktmon;
const RAS_GUID: string = PROVIDER_GUIDS.rasNdisWanPacketCapture;

// NDIS-PacketCapture keywords (manifest; the same bits etl2pcapng reads).
// Bits of the keyword's low 34 bits, read as a Number once per event (BigInt masks cost an allocation each).
const KW_WIRELESS_WAN = 0x200;
const KW_NATIVE_802_11 = 0x10000;
const KW_PACKET_START = 0x40000000;
const KW_PACKET_END = 0x80000000;
const KW_SEND = 0x100000000;
const KW_RECEIVE = 0x200000000;
const KW_BITS = 34;

/** True when `kw` (the keyword's low KW_BITS bits) has `bit` set; works above bit 31, unlike `&`. */
function hasBit(kw: number, bit: number): boolean {
  return Math.floor(kw / bit) % 2 === 1;
}

/** Largest frame we assemble from fragments (the ndiscap maximum; larger means lost End fragments). */
const MAX_FRAME = 256 * 1024;
/** How many PktMon packet identities are remembered (at most) to recognise later appearances. */
const MAX_REMEMBERED = 65536;


export interface PacketExtractorStats {
  /** Frames returned. */
  frames: number;
  /** Fragments that were part of a multi-event frame. */
  fragments: number;
  /** Frames whose start or end fragment was missing (dropped, counted). */
  incomplete: number;
  /** Frames larger than MAX_FRAME (dropped, counted). */
  oversize: number;
  /** PktMon packets of a type that is not a link-layer frame (HTTP, TCP, … payload types). */
  unsupportedType: number;
  /** Packet events without the fields we need (decoded without schema). */
  undecoded: number;
}

/** A PktMon component as the trace's component rundown (event 20) names it. */
export interface PktMonComponent {
  id: number;
  name: string;
  description?: string;
}

/** An NDIS interface's names, and its capture-site strings by event id and direction (made on first use). */
interface NdisInterface {
  link: PacketCaptured['link'];
  lower: number;
  miniport: number;
  name: string;
  description: string;
  sites: string[];
}

interface Partial {
  chunks: Uint8Array[];
  size: number;
  first: TraceEvent;
}

export class PacketExtractor {
  readonly stats: PacketExtractorStats = { frames: 0, fragments: 0, incomplete: 0, oversize: 0, unsupportedType: 0, undecoded: 0 };
  /** PktMon components seen so far (pktmon logs them at the end of the file). */
  readonly components = new Map<number, PktMonComponent>();
  private number = 0;
  private readonly partials = new Map<string, Partial>();
  private readonly seen = new BoundedMap<string, number>(MAX_REMEMBERED);
  private readonly rasInterfaces = new Map<string, number>();
  private lastNdis: NdisInterface | undefined;
  private lastKeyword = -1n;
  private lastKeywordBits = 0;

  observe(ev: TraceEvent): PacketCaptured[] {
    const raw = ev.providerGuid;
    // ETL events carry the GUID already normalised: skip the normalising (and the name) on the hot path.
    const guid = raw === NDIS_GUID || raw === PKTMON_GUID || raw === RAS_GUID ? raw : normalizeGuid(raw || '');
    let provider: string | undefined;
    const name = () => (provider ??= ev.provider.toLowerCase());
    if (guid === NDIS_GUID || name() === 'microsoft-windows-ndis-packetcapture') {
      if (ev.id === 1001 || ev.id === 1003) return this.ndis(ev);
    } else if (guid === PKTMON_GUID || name() === 'microsoft-windows-pktmon') {
      if (ev.id === 160 || ev.id === 170) return this.pktmon(ev);
      if (ev.id === 20) this.component(ev);
    } else if (guid === RAS_GUID || name() === 'microsoft-windows-ras-ndiswanpacketcapture') {
      if (ev.id === 5001 || ev.id === 5002) return this.ras(ev);
    }
    return [];
  }

  /** Frames still waiting for their end fragment are incomplete: counted, not returned. */
  flush(): PacketCaptured[] {
    this.stats.incomplete += this.partials.size;
    this.partials.clear();
    return [];
  }

  private ndis(ev: TraceEvent): PacketCaptured[] {
    const f = ev.fields;
    const fragment = bytesField(f, 'Fragment');
    const lower = numberField(f, 'LowerIfIndex');
    const miniport = numberField(f, 'MiniportIfIndex');
    if (!fragment || lower === undefined || miniport === undefined) {
      this.stats.undecoded++;
      return [];
    }
    const size = numberField(f, 'FragmentSize');
    const bytes = size !== undefined && size < fragment.length ? fragment.subarray(0, size) : fragment;
    // Consecutive packets mostly share one keyword: its bits are read once.
    if (ev.keyword !== this.lastKeyword) {
      this.lastKeyword = ev.keyword;
      this.lastKeywordBits = Number(BigInt.asUintN(KW_BITS, ev.keyword));
    }
    const kw = this.lastKeywordBits;
    const start = hasBit(kw, KW_PACKET_START);
    const end = hasBit(kw, KW_PACKET_END);
    const key = this.partials.size > 0 || !(start && end) ? `${ev.cpu}|${ev.tid}|${lower}` : '';
    let frame: Uint8Array | undefined;
    let first = ev;
    if (start && end) {
      if (this.partials.size > 0 && this.partials.delete(key)) this.stats.incomplete++;
      // Decoded bytes stay valid while held (the reader never reuses a buffer's array): a whole frame is taken
      // as it is. Fragments are copied, since they wait for the rest of their frame.
      frame = bytes;
    } else if (start) {
      if (this.partials.has(key)) this.stats.incomplete++;
      this.partials.set(key, { chunks: [bytes.slice()], size: bytes.length, first: ev });
      this.stats.fragments++;
      return [];
    } else {
      const p = this.partials.get(key);
      this.stats.fragments++;
      if (!p) {
        if (end) this.stats.incomplete++;
        return [];
      }
      p.chunks.push(bytes.slice());
      p.size += bytes.length;
      if (p.size > MAX_FRAME) {
        this.partials.delete(key);
        this.stats.oversize++;
        return [];
      }
      if (!end) return [];
      this.partials.delete(key);
      frame = concatBytes(p.chunks, p.size);
      first = p.first;
    }
    const link = hasBit(kw, KW_NATIVE_802_11) ? 'ieee802_11' : hasBit(kw, KW_WIRELESS_WAN) ? 'raw_ip' : 'ethernet';
    const direction = hasBit(kw, KW_SEND) ? 'out' : hasBit(kw, KW_RECEIVE) ? 'in' : 'unknown';
    const names = this.ndisInterface(link, lower, miniport);
    let { name: ifaceName, description: ifaceDescription } = names;
    if (ev.id === 1003) {
      const nicType = stringField(f, 'SourceNicType') ?? '';
      const port = stringField(f, 'SourcePortName') ?? '';
      ifaceName = `vNIC:${nicType}:${port}:${lower}`;
      ifaceDescription = `VMSwitch port ${numberField(f, 'SourcePortId') ?? '?'} ${stringField(f, 'SourceNicName') ?? ''}`.trim();
    }
    const p = this.frame(first, {
      link,
      data: frame,
      originalLength: frame.length,
      direction,
      iface: miniport,
      ifaceName,
      ifaceDescription,
      text: `NDIS ${ifaceName} ${direction} ${frame.length} bytes`,
    });
    // One string per capture point, made once (appearance checks compare it for every packet).
    const slot = (ev.id === 1003 ? 3 : 0) + (direction === 'out' ? 0 : direction === 'in' ? 1 : 2);
    p.captureSite = names.sites[slot] ??= `ndis|${ev.id}|${miniport}|${lower}|${direction}`;
    return [p];
  }

  /** Names of an NDIS interface (the last one is remembered: a capture mostly sees one or two). */
  private ndisInterface(link: PacketCaptured['link'], lower: number, miniport: number): NdisInterface {
    const last = this.lastNdis;
    if (last && last.link === link && last.lower === lower && last.miniport === miniport) return last;
    const prefix = link === 'ieee802_11' ? 'wifi' : link === 'raw_ip' ? 'mbb' : 'eth';
    const name = `${prefix}:${lower}`;
    const description = lower === miniport ? `IfIndex ${miniport}` : `LWF over IfIndex ${miniport}`;
    this.lastNdis = { link, lower, miniport, name, description, sites: [] };
    return this.lastNdis;
  }

  private pktmon(ev: TraceEvent): PacketCaptured[] {
    const f = ev.fields;
    const payload = bytesField(f, 'Payload');
    const component = numberField(f, 'ComponentId');
    const type = numberField(f, 'PacketType');
    if (!payload || component === undefined || type === undefined) {
      this.stats.undecoded++;
      return [];
    }
    const logged = numberField(f, 'LoggedPayloadSize');
    // Decoded bytes stay valid while held: no copy (see ndis()).
    const data = logged !== undefined && logged < payload.length ? payload.subarray(0, logged) : payload;
    let link: PacketCaptured['link'];
    if (type === PKTMON_PACKET_TYPE.Ethernet) link = 'ethernet';
    else if (type === PKTMON_PACKET_TYPE.WiFi) link = wifiOrEthernet(data);
    else if (type === PKTMON_PACKET_TYPE.IP) link = 'raw_ip';
    else {
      this.stats.unsupportedType++;
      return [];
    }
    const original = Math.max(numberField(f, 'OriginalPayloadSize') ?? data.length, data.length);
    const dirTag = numberField(f, 'DirTag') ?? 0;
    const direction = PKTMON_ARRIVING.has(dirTag) ? 'in' : PKTMON_LEAVING.has(dirTag) ? 'out' : 'unknown';
    const groupRaw = field(f, 'PktGroupId');
    const group = typeof groupRaw === 'bigint' ? groupRaw : BigInt(numberField(f, 'PktGroupId') ?? 0);
    const pktNumber = numberField(f, 'PktNumber') ?? 0;
    const identity = `${group}|${pktNumber}`;
    const duplicateOf = this.seen.get(identity);
    const name = this.components.get(component);
    const dropReason = numberField(f, 'DropReason') ?? 0;
    const edge = numberField(f, 'EdgeId');
    const p = this.frame(ev, {
      link,
      data,
      originalLength: original,
      direction,
      iface: component,
      ifaceName: name?.name,
      ifaceDescription: name?.description,
      text:
        `PktMon component ${component}${edge !== undefined ? ` edge ${edge}` : ''} ${direction} ` +
        `${data.length}/${original} bytes${ev.id === 170 ? ` dropped (reason ${dropReason})` : ''}`,
    });
    p.packetId = group;
    p.captureSite = `pktmon|${component}|${edge ?? '?'}|${dirTag}`;
    if (duplicateOf !== undefined) p.duplicateOf = duplicateOf;
    else this.seen.set(identity, p.number);
    if (ev.id === 170 || dropReason !== 0) p.dropReason = String(dropReason);
    return [p];
  }

  private ras(ev: TraceEvent): PacketCaptured[] {
    const f = ev.fields;
    const fragment = bytesField(f, 'Fragment');
    if (!fragment) {
      this.stats.undecoded++;
      return [];
    }
    const size = numberField(f, 'FragmentSize');
    const data = size !== undefined && size < fragment.length ? fragment.subarray(0, size) : fragment;
    const domain = stringField(f, 'RoutingDomainID') ?? '';
    const user = stringField(f, 'RRASUserName') ?? '';
    const key = `${domain}|${user}`;
    let iface = this.rasInterfaces.get(key);
    if (iface === undefined) {
      iface = this.rasInterfaces.size;
      this.rasInterfaces.set(key, iface);
    }
    const direction = ev.id === 5001 ? 'out' : 'in';
    // etl2pcapng writes RAS frames as Ethernet; the NdisWan capture logs them with an Ethernet header.
    return [
      this.frame(ev, {
        link: 'ethernet',
        data,
        originalLength: data.length,
        direction,
        iface,
        ifaceName: `Rras:${domain}:${user}`,
        ifaceDescription: 'RAS NdisWan capture',
        text: `RAS ${direction} ${data.length} bytes`,
      }),
    ];
  }

  private component(ev: TraceEvent): void {
    const id = numberField(ev.fields, 'Id');
    const name = stringField(ev.fields, 'Name');
    if (id === undefined || name === undefined) return;
    const description = stringField(ev.fields, 'Description');
    this.components.set(id, description ? { id, name, description } : { id, name });
  }

  private frame(
    ev: TraceEvent,
    x: Pick<PacketCaptured, 'link' | 'data' | 'originalLength' | 'direction' | 'iface'> & {
      ifaceName?: string;
      ifaceDescription?: string;
      text: string;
    },
  ): PacketCaptured {
    this.stats.frames++;
    const number = ++this.number;
    const p: PacketCaptured = {
      kind: 'packet',
      time: ev.time,
      pid: ev.pid,
      tid: ev.tid,
      ref: { time: ev.time, source: `packet #${number}`, text: x.text },
      number,
      link: x.link,
      data: x.data,
      originalLength: x.originalLength,
      direction: x.direction,
      iface: x.iface,
    };
    if (x.ifaceName !== undefined) p.ifaceName = x.ifaceName;
    if (x.ifaceDescription !== undefined) p.ifaceDescription = x.ifaceDescription;
    return p;
  }
}

const ETHER_TYPES = new Set([0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x888e]);

/**
 * PktMon marks some edges of Wi-Fi components PacketType 2 (WiFi) while logging Ethernet II frames there (seen
 * in pktmon_nathaniel_vpn_7119f51.etl, component 31 edge 2). The bytes decide: an 802.11 data frame has
 * LLC/SNAP right after its MAC header; an Ethernet II frame has a known EtherType at offset 12.
 */
function wifiOrEthernet(b: Uint8Array): PacketCaptured['link'] {
  if (b.length >= 14 && (b[0]! & 0x0f) === 0x08) {
    const hdr = 24 + ((b[1]! & 0x03) === 0x03 ? 6 : 0) + (b[0]! & 0x80 ? 2 : 0) + (b[0]! & 0x80 && b[1]! & 0x80 ? 4 : 0);
    if (b.length >= hdr + 3 && b[hdr] === 0xaa && b[hdr + 1] === 0xaa && b[hdr + 2] === 0x03) return 'ieee802_11';
  }
  if (b.length >= 14 && ETHER_TYPES.has((b[12]! << 8) | b[13]!)) return 'ethernet';
  return 'ieee802_11';
}
