// PktMon event-160/170 enumerations (values as in the PktMon manifest maps embedded in pktmon traces).

/** PacketDirectionTag map. */
export const PKTMON_DIRECTIONS: Readonly<Record<number, string>> = {
  0: 'None',
  1: 'In',
  2: 'Out',
  3: 'Rx',
  4: 'Tx',
  5: 'Ingress',
  6: 'Egress',
};

/** PacketType map: the media of the logged bytes. */
export const PKTMON_PACKET_TYPES: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Ethernet',
  2: 'WiFi',
  3: 'IP',
  4: 'HTTP',
  5: 'TCP',
  6: 'UDP',
  7: 'ARP',
  8: 'ICMP',
  9: 'ESP',
  10: 'AH',
  11: 'L4Payload',
};
