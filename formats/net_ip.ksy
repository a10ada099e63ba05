meta:
  id: net_ip
  title: IPv4 and IPv6 headers
  endian: be
doc: |
  Network-layer headers. The top-level type is empty; the parsers used are the nested types.
  IPv6 extension headers are parsed one at a time by the caller, who follows the Next Header chain.
doc-ref:
  - RFC 791 section 3.1 (IPv4 header)
  - RFC 8200 sections 3 and 4 (IPv6 header and extension headers), RFC 4302 (AH length unit)
types:
  ipv4_header:
    doc: IPv4 header including options.
    seq:
      - id: version
        type: b4
        doc: IP version, 4.
      - id: ihl
        type: b4
        doc: Header length in 32-bit words (5 without options).
      - id: dscp_ecn
        type: u1
        doc: DSCP (6 bits) and ECN (2 bits).
      - id: total_length
        type: u2
        doc: Length of header and payload in bytes as sent (0 when the packet was captured before segmentation offload).
      - id: identification
        type: u2
        doc: Identification shared by the fragments of one datagram.
      - id: reserved_flag
        type: b1
        doc: Reserved flag bit, 0.
      - id: dont_fragment
        type: b1
        doc: Don't fragment flag.
      - id: more_fragments
        type: b1
        doc: More fragments flag.
      - id: fragment_offset
        type: b13
        doc: Offset of this fragment in 8-byte units.
      - id: ttl
        type: u1
        doc: Time to live.
      - id: protocol
        type: u1
        enum: ip_protocol
        doc: Payload protocol (IANA Assigned Internet Protocol Numbers).
      - id: header_checksum
        type: u2
        doc: Header checksum.
      - id: src_addr
        size: 4
        doc: Source address.
      - id: dst_addr
        size: 4
        doc: Destination address.
      - id: options
        size: ihl * 4 - 20
        if: ihl > 5
        doc: IP options, kept raw.
  ipv6_header:
    doc: Fixed 40-byte IPv6 header.
    seq:
      - id: version
        type: b4
        doc: IP version, 6.
      - id: traffic_class
        type: b8
        doc: Traffic class.
      - id: flow_label
        type: b20
        doc: Flow label.
      - id: payload_length
        type: u2
        doc: Length of everything after the fixed header, extension headers included (0 for jumbograms / offload).
      - id: next_header
        type: u1
        enum: ip_protocol
        doc: Type of the first extension header or of the payload.
      - id: hop_limit
        type: u1
        doc: Hop limit.
      - id: src_addr
        size: 16
        doc: Source address.
      - id: dst_addr
        size: 16
        doc: Destination address.
  ipv6_extension_header:
    doc: One IPv6 extension header; which layout applies depends on the type named by the previous header.
    params:
      - id: header_type
        type: u1
        doc: Next Header value that announced this header (0, 43, 44, 51, 60, 135, 139, 140).
    seq:
      - id: next_header
        type: u1
        enum: ip_protocol
        doc: Type of the header that follows this one.
      - id: length_field
        type: u1
        doc: Header length; in 8-byte units not counting the first 8 bytes, in 4-byte units minus 2 for AH, reserved (0) for the fragment header.
      - id: fragment
        type: ipv6_fragment_fields
        if: header_type == 44
        doc: Fragment header fields.
      - id: body
        size: 'header_type == 51 ? (length_field + 2) * 4 - 2 : length_field * 8 + 6'
        if: header_type != 44
        doc: Options or routing data of the header, kept raw.
  ipv6_fragment_fields:
    doc: Remaining fields of the IPv6 fragment header.
    seq:
      - id: fragment_offset
        type: b13
        doc: Offset of this fragment in 8-byte units.
      - id: reserved
        type: b2
        doc: Reserved bits.
      - id: more_fragments
        type: b1
        doc: More fragments flag.
      - id: identification
        type: u4
        doc: Identification shared by the fragments of one packet.
enums:
  ip_protocol:
    0: ipv6_hop_by_hop
    1: icmp
    6: tcp
    17: udp
    43: ipv6_routing
    44: ipv6_fragment
    50: esp
    51: ah
    58: ipv6_icmp
    59: ipv6_no_next
    60: ipv6_destination_options
    135: mobility_header
    139: hip
    140: shim6
