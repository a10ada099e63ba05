// Turns decoded events into typed observations: one module per provider, chosen by provider GUID or, for text
// exports that carry no GUID, by provider name.
import type { TraceEvent } from '../decode/types.js';
import { normalizeGuid } from '../common/format.js';
import type { Observation, PacketCaptured, ProviderOutput } from './observations.js';
import { evidenceRef, type ContentHandler, type ContentModule, type ProviderHandler, type ProviderModule } from './module.js';
import { webio } from './webio.js';
import { winhttp } from './winhttp.js';
import { winrm } from './winrm.js';
import { dnsClient } from './dnsclient.js';
import { tcpip } from './tcpip.js';
import { afd } from './afd.js';
import { schannel, schannelEvents } from './schannel.js';
import { capi2 } from './capi2.js';
import { kernelProcess, kernelProcessManifest } from './kernel-process.js';
import { ndisCapture, pktmonFilters } from './capture-filters.js';
import { wininetCapture } from './wininet.js';
import { PacketExtractor } from './packets.js';
import { errorText } from './error-text.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

export type * from './observations.js';

/** Every provider the extractor understands. */
export const PROVIDER_MODULES: readonly ProviderModule[] = [
  webio,
  winhttp,
  winrm,
  dnsClient,
  tcpip,
  afd,
  schannel,
  schannelEvents,
  capi2,
  kernelProcess,
  kernelProcessManifest,
  ndisCapture,
  pktmonFilters,
  wininetCapture,
];

/** Modules that read events of any provider by what they carry, beside the provider's own module. */
export const CONTENT_MODULES: readonly ContentModule[] = [errorText];

/** Providers whose events carry captured frames (handed to the packet extractor as well). */
export const PACKET_PROVIDER_GUIDS: ReadonlySet<string> = new Set([
  PROVIDER_GUIDS.ndisPacketCapture, // Microsoft-Windows-NDIS-PacketCapture
  PROVIDER_GUIDS.pktmon, // Microsoft-Windows-PktMon
  PROVIDER_GUIDS.rasNdisWanPacketCapture, // Microsoft-Windows-Ras-NdisWanPacketCapture
]);
const PACKET_PROVIDER_NAMES: ReadonlySet<string> = new Set([
  'microsoft-windows-ndis-packetcapture',
  'microsoft-windows-pktmon',
  'microsoft-windows-ras-ndiswanpacketcapture',
]);

/** Turns packet-carrying events into frames; kept pluggable so the extractor does not depend on its internals. */
export interface PacketStage {
  observe(ev: TraceEvent): PacketCaptured[];
  flush(): PacketCaptured[];
}

interface Route {
  module: ProviderModule;
  handler: ProviderHandler;
}

export class ObservationExtractor {
  /**
   * events: all events seen; used: events that gave at least one observation; byProvider: events seen per
   * provider (canonical name for the providers read here, else the event's provider name or GUID);
   * failed: events whose fields could not be read (skipped, counted; firstFailure says which and why).
   */
  readonly stats: { events: number; used: number; byProvider: Record<string, number>; failed: number; firstFailure?: string } = {
    events: 0,
    used: 0,
    byProvider: {},
    failed: 0,
  };

  private readonly byGuid = new Map<string, Route>();
  private readonly byContent: { module: ContentModule; handler: ContentHandler }[] = [];
  private readonly byName = new Map<string, Route>();
  /** Per provider GUID and name as the event gives them: its module, if we read it, and whether it carries packets. */
  private readonly routes = new Map<string, Map<string, { route: Route | null; packets: boolean }>>();
  private readonly packets: PacketStage;
  /** The built-in packet extractor (its stats: incomplete, oversize … frames), unless a stage was passed in. */
  readonly packetExtractor: PacketExtractor | undefined;

  /** `packets` replaces the built-in packet extraction (tests, or callers that only want event facts). */
  constructor(packets?: PacketStage) {
    if (packets) this.packets = packets;
    else this.packets = this.packetExtractor = new PacketExtractor();
    for (const module of PROVIDER_MODULES) {
      const route: Route = { module, handler: module.create() };
      for (const g of module.guids) this.byGuid.set(g, route);
      for (const n of [module.name, ...(module.aliases ?? [])]) this.byName.set(n.toLowerCase(), route);
    }
    for (const module of CONTENT_MODULES) this.byContent.push({ module, handler: module.create() });
  }

  private resolve(ev: TraceEvent): { route: Route | null; packets: boolean } {
    // Keyed by GUID, then name: no key string is built per event.
    let byProvider = this.routes.get(ev.providerGuid);
    if (byProvider === undefined) this.routes.set(ev.providerGuid, (byProvider = new Map()));
    const known = byProvider.get(ev.provider);
    if (known !== undefined) return known;
    const guid = ev.providerGuid ? normalizeGuid(ev.providerGuid) : '';
    const nameGuid = /^[{]?[0-9a-f]{8}-/i.test(ev.provider) ? normalizeGuid(ev.provider) : '';
    const name = ev.provider.toLowerCase();
    const route =
      (guid ? this.byGuid.get(guid) : undefined) ?? this.byName.get(name) ?? (nameGuid ? this.byGuid.get(nameGuid) : undefined) ?? null;
    const packets = PACKET_PROVIDER_GUIDS.has(guid) || PACKET_PROVIDER_GUIDS.has(nameGuid) || PACKET_PROVIDER_NAMES.has(name);
    const resolved = { route, packets };
    byProvider.set(ev.provider, resolved);
    return resolved;
  }

  /** Observations from one event, in time order (events must be fed in time order). */
  observe(ev: TraceEvent): ProviderOutput[] {
    this.stats.events++;
    const { route, packets } = this.resolve(ev);
    const providerName = route?.module.name ?? (ev.provider || ev.providerGuid);
    this.stats.byProvider[providerName] = (this.stats.byProvider[providerName] ?? 0) + 1;

    // The content modules first and on their own: a provider module failing on the event (skipped below) does
    // not lose what they read from it.
    let read: ProviderOutput[] = [];
    try {
      for (const c of this.byContent) if (c.module.reads(ev)) read = read.concat(c.handler(ev));
    } catch (err) {
      this.failed(ev, providerName, err);
      read = [];
    }
    let out: ProviderOutput[] = [];
    try {
      if (route && (route.module.ids?.has(ev.id) ?? true)) out = route.handler(ev, evidenceRef(ev, route.module.name));
      if (packets) {
        const frames = this.packets.observe(ev);
        if (frames.length > 0) out = out.length > 0 ? [...out, ...frames] : frames;
      }
    } catch (err) {
      // One malformed event must not end the analysis: skip it, count it, keep the first reason.
      this.failed(ev, providerName, err);
      return read;
    }
    if (read.length > 0) out = out.length > 0 ? [...out, ...read] : read;
    if (out.length > 0) this.stats.used++;
    return out;
  }

  private failed(ev: TraceEvent, providerName: string, err: unknown): void {
    this.stats.failed++;
    if (this.stats.firstFailure === undefined) {
      const where = ev.source.offset !== undefined ? `offset ${ev.source.offset}` : `line ${ev.source.line ?? '?'}`;
      this.stats.firstFailure = `${ev.source.file} ${where}: ${providerName}/${ev.id}: ${(err as Error).message}`;
    }
  }

  /** What is still pending at the end of the input (e.g. a frame whose last fragment never came). */
  flush(): Observation[] {
    return this.packets.flush();
  }
}
