// Value maps whose rendered names must be turned back into numbers so text exports carry what the ETL event
// carries. From the providers' message tables (pktmon.sys map strings, in map order). Per provider, per field.

export const VALUE_MAPS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>> = {
  'Microsoft-Windows-PktMon': {
    // PacketDirectionTag: In/Rx/Ingress arrive, Out/Tx/Egress leave.
    DirTag: { In: 1, Out: 2, Rx: 3, Tx: 4, Ingress: 5, Egress: 6 },
    // PacketType: older builds name 3 "MBB" (mobile broadband, no link header), newer ones "IP".
    PacketType: { Unknown: 0, Ethernet: 1, WiFi: 2, MBB: 3, IP: 3 },
  },
};

/** The number for a rendered map name, if (provider, field) has a map and the name is in it. */
export function mapValue(provider: string | undefined, field: string, text: string): number | undefined {
  if (!provider) return undefined;
  return VALUE_MAPS[provider]?.[field]?.[text.trim()];
}
