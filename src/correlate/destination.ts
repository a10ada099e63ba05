// What kind of host a connection went to, because the explanation and the fix depend on it: a refused connection
// to 127.0.0.1:8080 is a local proxy that is not running, not a firewall blocking Microsoft 365.
// Order: loopback (the address cannot lie), a Microsoft 365 / Entra name (SNI, DNS, WinHTTP server name), the
// published Microsoft 365 ranges (no name known), private and special-purpose networks, else the internet.
import { isRelevantName } from './relevance.js';
import { M365_IPV4_PREFIXES, M365_IPV6_PREFIXES } from './m365-ranges.js';
import { addressBytes, inPrefix, isLoopbackAddress, isPrivateAddress, parsePrefixes } from '../net/address-class.js';

export type DestinationClass = 'microsoft365' | 'loopback' | 'private' | 'internet';

const NAMES: Record<DestinationClass, string> = {
  microsoft365: 'Microsoft 365 / Entra ID endpoint',
  loopback: 'this machine (loopback)',
  private: 'private network host',
  internet: 'other internet host',
};

/** Words for a destination class, as the reports print it. */
export function destinationClassName(c: DestinationClass): string {
  return NAMES[c];
}

/** How much a failure to this class of destination explains a Microsoft 365 problem (lower ranks first). */
export const DESTINATION_RANK: Readonly<Record<DestinationClass, number>> = { microsoft365: 0, loopback: 1, private: 2, internet: 3 };

const M365_V4 = parsePrefixes(M365_IPV4_PREFIXES);
const M365_V6 = parsePrefixes(M365_IPV6_PREFIXES);

/** True when the address is in Microsoft's published Microsoft 365 / Entra ranges. */
export function isMicrosoft365Address(ip: string): boolean {
  const b = addressBytes(ip);
  if (!b) return false;
  return (b.length === 4 ? M365_V4 : M365_V6).some((p) => inPrefix(b, p));
}


/** The class of a destination from what is known of it: its name (any source) and its address. */
export function classifyDestination(name: string | undefined, ip: string | undefined): DestinationClass {
  if (ip && isLoopbackAddress(ip)) return 'loopback';
  if (name && /^localhost\.?$/i.test(name)) return 'loopback';
  if (name && isRelevantName(name)) return 'microsoft365';
  if (ip && isMicrosoft365Address(ip)) return 'microsoft365';
  if (ip && isPrivateAddress(ip)) return 'private';
  return 'internet';
}
