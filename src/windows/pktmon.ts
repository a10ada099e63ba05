// PktMon event-160/170 enumerations (values as in the PktMon manifest maps embedded in pktmon traces; the
// bundled PktMon schema carries no maps, so this is their one copy).

/** PacketDirectionTag map. */
export const PKTMON_DIRECTION = {
  None: 0,
  In: 1,
  Out: 2,
  Rx: 3,
  Tx: 4,
  Ingress: 5,
  Egress: 6,
} as const;

/** PacketType map: the media of the logged bytes. */
export const PKTMON_PACKET_TYPE = {
  Unknown: 0,
  Ethernet: 1,
  WiFi: 2,
  IP: 3,
  HTTP: 4,
  TCP: 5,
  UDP: 6,
  ARP: 7,
  ICMP: 8,
  ESP: 9,
  AH: 10,
  L4Payload: 11,
} as const;

/** Directions that arrive at the host (In, Rx, Ingress) and that leave it (Out, Tx, Egress). */
export const PKTMON_ARRIVING: ReadonlySet<number> = new Set([PKTMON_DIRECTION.In, PKTMON_DIRECTION.Rx, PKTMON_DIRECTION.Ingress]);
export const PKTMON_LEAVING: ReadonlySet<number> = new Set([PKTMON_DIRECTION.Out, PKTMON_DIRECTION.Tx, PKTMON_DIRECTION.Egress]);
