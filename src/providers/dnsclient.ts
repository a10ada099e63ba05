// Microsoft-Windows-DNS-Client: name queries with their status and answers.
import type { TraceEvent } from '../decode/types.js';
import type { DnsQuery, EvidenceRef, Observation } from './observations.js';
import { base, type ProviderModule } from './module.js';
import { codeField, fromMessage, numberField, stringField, toNumber } from './fields.js';
import { normalizeIp } from './address.js';
import { PROVIDER_GUIDS } from '../windows/provider-guids.js';

/**
 * Splits DNS-Client `QueryResults` (`type:  5 outlook.ha.office365.com;::ffff:52.97.1.2;2603:1026::1;`) into
 * addresses (canonical, IPv4-mapped reduced) and other records (CNAME targets etc.).
 */
export function parseQueryResults(text: string): { addresses: string[]; aliases: string[] } {
  const addresses: string[] = [];
  const aliases: string[] = [];
  for (const raw of text.split(';')) {
    const item = raw.trim();
    if (item === '') continue;
    const typed = /^type:\s*(\d+)\s+(.+)$/i.exec(item);
    if (typed) {
      const value = typed[2]!.trim();
      const ip = normalizeIp(value);
      if (ip) {
        if (!addresses.includes(ip)) addresses.push(ip);
      } else if (!aliases.includes(value)) aliases.push(value);
      continue;
    }
    const ip = normalizeIp(item);
    if (ip && !addresses.includes(ip)) addresses.push(ip);
  }
  return { addresses, aliases };
}

export const dnsClient: ProviderModule = {
  name: 'Microsoft-Windows-DNS-Client',
  guids: [PROVIDER_GUIDS.dnsClient],
  aliases: ['DNS-Client', 'DnsClient'],
  ids: new Set([3006, 3008, 3010, 3011, 3020]),
  create() {
    return (ev: TraceEvent, ref: EvidenceRef): Observation[] => {
      const id = ev.id;
      if (id !== 3006 && id !== 3008 && id !== 3010 && id !== 3011 && id !== 3020) return [];
      const f = ev.fields;
      const name =
        stringField(f, 'QueryName') ??
        fromMessage(ev, /for the name (\S+?),/) ??
        fromMessage(ev, /for name (\S+?)(?:,| and type)/);
      if (name === undefined) return [];
      const queryType = numberField(f, 'QueryType') ?? toNumber(fromMessage(ev, /,? type (\d+)/));
      const clientPid = numberField(f, 'ClientPID');
      // Only the query-sent events (3010/3011) name the server: the others skip the message search.
      const server = id === 3010 || id === 3011 ? (stringField(f, 'DnsServerIpAddress') ?? fromMessage(ev, /DNS Server (\S+)/)) : undefined;
      const common: Omit<DnsQuery, 'phase' | 'addresses'> = {
        kind: 'dns',
        ...base(ev, ref),
        name,
        origin: 'dns-client',
        ...(queryType !== undefined ? { queryType } : {}),
        ...(clientPid !== undefined ? { clientPid } : {}),
        ...(server !== undefined ? { server } : {}),
      };
      if (id === 3006 || id === 3010) return [{ ...common, phase: 'query', addresses: [] }];
      const status =
        id === 3008
          ? (codeField(f, 'QueryStatus') ?? codeField({ s: fromMessage(ev, /with status (\S+)/) ?? '' }, 's'))
          : id === 3020
            ? (codeField(f, 'Status') ?? codeField({ s: fromMessage(ev, /returned (\S+) with results/) ?? '' }, 's'))
            : (codeField(f, 'ResponseStatus') ?? codeField({ s: fromMessage(ev, /response status (\S+)/) ?? '' }, 's'));
      const resultsText =
        stringField(f, 'QueryResults') ?? fromMessage(ev, /(?:Results|with results)\s+([\s\S]*)$/) ?? '';
      const { addresses, aliases } = parseQueryResults(resultsText);
      return [
        {
          ...common,
          phase: 'result',
          addresses,
          ...(status !== undefined ? { status } : {}),
          ...(aliases.length > 0 ? { aliases } : {}),
        },
      ];
    };
  },
};
