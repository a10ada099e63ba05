// Hand-built TraceEvents: as the ETL decoder yields them (numbers, bigints, bytes) and as a text export
// yields them (every value a string, or only the rendered message).
import type { Fields, TraceEvent } from '../../src/decode/types.js';
import { ObservationExtractor, type PacketStage } from '../../src/providers/index.js';
import type { ProviderOutput } from '../../src/providers/observations.js';
import { parseNetshText } from '../../src/text/netsh/parse.js';

export const GUID = {
  webio: '50b3e73c-9370-461d-bb9f-26f32d68887d',
  winhttp: '7d44233d-3055-4b9c-ba64-0d47ca40a232',
  winrm: 'a7975c8f-ac13-49f1-87da-5a984a4ab417',
  dns: '1c95126e-7eea-49a9-a3fe-a378b03ddb4d',
  tcpip: '2f07e2ee-15db-40f1-90ef-9d7ba282188a',
  afd: 'e53c6823-7bb8-44bb-90dc-3f86090d48a6',
  schannel: '1f678132-5938-4686-9fdc-c8ff68f15c85',
  schannelEvents: '91cc1150-71aa-47e2-ae18-c96e61736b6f',
  capi2: '5bbca4a8-b209-48dc-a8c7-b23d3e5216fb',
  kernel: '3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c',
  kernelProcess: '22fb2cd6-0e7b-422b-a0c7-2fad1fd0e716',
  ndis: '2ed6006e-4729-4609-b423-3ee7bcd678ef',
  pktmon: '4d4f80d9-c8bd-4d73-bb5b-19c90402c5ac',
  wininetCapture: 'a70ff94f-570b-4979-ba5c-e59c9feab61b',
} as const;

export const NAME: Record<keyof typeof GUID, string> = {
  webio: 'Microsoft-Windows-WebIO',
  winhttp: 'Microsoft-Windows-WinHttp',
  winrm: 'Microsoft-Windows-WinRM',
  dns: 'Microsoft-Windows-DNS-Client',
  tcpip: 'Microsoft-Windows-TCPIP',
  afd: 'Microsoft-Windows-Winsock-AFD',
  schannel: 'Schannel',
  schannelEvents: 'Microsoft-Windows-Schannel-Events',
  capi2: 'Microsoft-Windows-CAPI2',
  kernel: 'MSNT_SystemTrace',
  kernelProcess: 'Microsoft-Windows-Kernel-Process',
  ndis: 'Microsoft-Windows-NDIS-PacketCapture',
  pktmon: 'Microsoft-Windows-PktMon',
  wininetCapture: 'Microsoft-Windows-WinINet-Capture',
};

export const T0 = 133_500_000_000_000_000n;

export interface EventOptions {
  version?: number;
  opcode?: number;
  level?: number;
  pid?: number;
  tid?: number;
  message?: string;
  time?: bigint;
}

/** An event as the ETL decoder gives it: GUID and name, typed field values. */
export function etlEvent(provider: keyof typeof GUID, id: number, fields: Fields, o: EventOptions = {}): TraceEvent {
  return {
    time: o.time ?? T0,
    cpu: 0,
    pid: o.pid ?? 4242,
    tid: o.tid ?? 77,
    providerGuid: GUID[provider],
    provider: NAME[provider],
    id,
    version: o.version ?? 0,
    opcode: o.opcode ?? 0,
    task: 0,
    level: o.level ?? 4,
    keyword: 0n,
    headerKind: 'event_header',
    pointerSize: 8,
    fields,
    ...(o.message !== undefined ? { message: o.message } : {}),
    decodedBy: 'bundled',
    source: { file: 'test.etl', offset: 0 },
  };
}

/** An event as a text export gives it: no GUID, provider by name, string values (or none, only the message). */
export function textEvent(providerName: string, id: number, fields: Record<string, string>, o: EventOptions = {}): TraceEvent {
  return {
    ...etlEvent('webio', id, fields, o),
    providerGuid: '',
    provider: providerName,
    headerKind: 'text',
    decodedBy: 'text',
    source: { file: 'test.txt', line: 1 },
  };
}

/**
 * The event a `netsh trace convert` TXT line with this provider and message reads back as: the netsh reader
 * rebuilds the manifest fields from the message with the provider's templates, as for a real export.
 */
export function netshEvent(provider: string, message: string): TraceEvent {
  const line = `[0]1F30.22A4::2024/06/11-08:02:10.123490100 [${provider}]${message}`;
  const events = [...parseNetshText([{ text: line, line: 1, offset: 0, cut: false }], { file: 'test.txt', meta: {}, issues: [] })];
  if (events.length !== 1) throw new Error(`netsh line read as ${events.length} events: ${line}`);
  return events[0]!;
}

/** A packet stage that yields nothing, so these tests exercise the event providers alone. */
export const NO_PACKETS: PacketStage = { observe: () => [], flush: () => [] };

/** Feeds events through a fresh extractor and returns every observation (including flush). */
export function extract(...events: TraceEvent[]): ProviderOutput[] {
  const x = new ObservationExtractor(NO_PACKETS);
  const out: ProviderOutput[] = [];
  for (const e of events) out.push(...x.observe(e));
  out.push(...x.flush());
  return out;
}

/** The one observation of a kind; fails loudly when there are none or several. */
export function only<K extends ProviderOutput['kind']>(obs: ProviderOutput[], kind: K): Extract<ProviderOutput, { kind: K }> {
  const hits = obs.filter((o) => o.kind === kind);
  if (hits.length !== 1) throw new Error(`expected one ${kind}, got ${hits.length}: ${JSON.stringify(obs, bigintJson)}`);
  return hits[0] as Extract<ProviderOutput, { kind: K }>;
}

function bigintJson(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `<${v.length} bytes>` : v;
}

/** SOCKADDR_IN bytes for `a.b.c.d:port`. */
export function sockaddr4(ip: string, port: number): Uint8Array {
  const b = new Uint8Array(16);
  b[0] = 2;
  b[2] = port >> 8;
  b[3] = port & 0xff;
  b.set(ip.split('.').map(Number), 4);
  return b;
}
