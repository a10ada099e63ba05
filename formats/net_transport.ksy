meta:
  id: net_transport
  title: TCP and UDP headers
  endian: be
doc: Transport headers. The top-level type is empty; the parsers used are the nested types.
doc-ref:
  - RFC 9293 section 3.1 (TCP header format)
  - RFC 768 (UDP)
types:
  tcp_header:
    doc: TCP header including options.
    seq:
      - id: src_port
        type: u2
        doc: Source port.
      - id: dst_port
        type: u2
        doc: Destination port.
      - id: seq_num
        type: u4
        doc: Sequence number of the first payload byte (the ISN on a SYN).
      - id: ack_num
        type: u4
        doc: Acknowledgement number, valid when the ACK flag is set.
      - id: data_offset
        type: b4
        doc: Header length in 32-bit words.
      - id: reserved
        type: b3
        doc: Reserved bits.
      - id: flag_ae
        type: b1
        doc: Accurate ECN flag (formerly NS).
      - id: flag_cwr
        type: b1
        doc: Congestion window reduced flag.
      - id: flag_ece
        type: b1
        doc: ECN echo flag.
      - id: flag_urg
        type: b1
        doc: Urgent pointer significant.
      - id: flag_ack
        type: b1
        doc: Acknowledgement number significant.
      - id: flag_psh
        type: b1
        doc: Push flag.
      - id: flag_rst
        type: b1
        doc: Reset flag.
      - id: flag_syn
        type: b1
        doc: Synchronise flag.
      - id: flag_fin
        type: b1
        doc: Final segment from the sender.
      - id: window
        type: u2
        doc: Receive window (unscaled).
      - id: checksum
        type: u2
        doc: Checksum.
      - id: urgent_pointer
        type: u2
        doc: Urgent pointer.
      - id: options
        size: data_offset * 4 - 20
        if: data_offset > 5
        doc: TCP options, kept raw.
  udp_header:
    doc: UDP header.
    seq:
      - id: src_port
        type: u2
        doc: Source port.
      - id: dst_port
        type: u2
        doc: Destination port.
      - id: length
        type: u2
        doc: Length of header and payload in bytes.
      - id: checksum
        type: u2
        doc: Checksum (0 = none over IPv4).
