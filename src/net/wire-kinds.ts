// Kind numbers that formats/net_link.ksy (`ether_type`), net_ip.ksy (`ip_protocol`) and net_transport.ksy
// (`tcp_flag`) declare as enums, read once from the generated parsers as plain numbers: the hand-written hot
// paths compare against these names.
import { formatType } from './kaitai.js';

const { EtherType } = formatType('NetLink');
const { IpProtocol } = formatType('NetIp');
const { TcpFlag } = formatType('NetTransport');

export const ETHERTYPE_IPV4: number = EtherType.IPV4;
export const ETHERTYPE_IPV6: number = EtherType.IPV6;
export const TPID_8021Q: number = EtherType.VLAN_802_1Q;
export const TPID_8021AD: number = EtherType.VLAN_802_1AD;

export const IP_PROTOCOL_TCP: number = IpProtocol.TCP;
export const IP_PROTOCOL_UDP: number = IpProtocol.UDP;
export const IPV6_FRAGMENT: number = IpProtocol.IPV6_FRAGMENT;
export const IPV6_AH: number = IpProtocol.AH;

/** Next Header values that announce an IPv6 extension header (RFC 8200 §4, RFC 7045). */
export const IPV6_EXTENSION_HEADERS: ReadonlySet<number> = new Set(
  ['IPV6_HOP_BY_HOP', 'IPV6_ROUTING', 'IPV6_FRAGMENT', 'AH', 'IPV6_DESTINATION_OPTIONS', 'MOBILITY_HEADER', 'HIP', 'SHIM6'].map((n) => IpProtocol[n] as number),
);

/** Bits of the TCP flags octet (octet 13 of the header) that the dissector reads. */
export const TCP_FLAG_FIN: number = TcpFlag.FIN;
export const TCP_FLAG_SYN: number = TcpFlag.SYN;
export const TCP_FLAG_RST: number = TcpFlag.RST;
export const TCP_FLAG_PSH: number = TcpFlag.PSH;
export const TCP_FLAG_ACK: number = TcpFlag.ACK;
