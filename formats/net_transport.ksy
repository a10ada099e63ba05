meta:
  id: net_transport
  title: TCP and UDP headers
  endian: be
doc: Transport headers. The top-level type is empty; the parsers used are the nested types.
doc-ref:
  - RFC 9293 section 3.1 (TCP header format) and 3.2 (options)
  - IANA TCP Parameters registry (option kinds, header flags)
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
        doc: Accurate ECN flag (formerly NS); tcp_flag::ae. Each flag below is one bit of enum tcp_flag.
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
        doc: TCP options, kept raw; option_list reads them one by one.
    instances:
      option_list:
        pos: 20
        size: data_offset * 4 - 20
        type: tcp_options
        if: data_offset > 5
        doc: The options, read only when asked for (the dissectors use the header fields alone).
  tcp_options:
    doc: The options field of a TCP header, up to its end (padding after end_of_list reads as more end_of_list).
    seq:
      - id: entries
        type: tcp_option
        repeat: eos
        doc: Options in header order.
  tcp_option:
    doc: One option, kind-length-value; end_of_list and nop are a single byte.
    seq:
      - id: kind
        type: u1
        enum: tcp_option_kind
        doc: Option kind.
      - id: length
        type: u1
        if: kind != tcp_option_kind::end_of_list and kind != tcp_option_kind::nop
        doc: Length of the whole option, kind and length bytes included.
      - id: body
        size: length - 2
        if: kind != tcp_option_kind::end_of_list and kind != tcp_option_kind::nop
        doc: The option's data.
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
enums:
  # Bits of the 12-bit control field after the data offset; the low eight are octet 13 of the header.
  tcp_flag:
    0x001:
      id: fin
      doc: No more data from the sender.
    0x002:
      id: syn
      doc: Synchronise sequence numbers (connection opening).
    0x004:
      id: rst
      doc: Reset the connection.
    0x008:
      id: psh
      doc: Push function.
    0x010:
      id: ack
      doc: The acknowledgement number is significant.
    0x020:
      id: urg
      doc: The urgent pointer is significant.
    0x040:
      id: ece
      doc: ECN-Echo (RFC 3168).
    0x080:
      id: cwr
      doc: Congestion Window Reduced (RFC 3168).
    0x100:
      id: ae
      doc: Accurate ECN, formerly the ECN nonce sum NS (RFC 3540, historic).

  # IANA "TCP Option Kind Numbers": the kinds in use on today's networks.
  tcp_option_kind:
    0:
      id: end_of_list
      doc: End of option list (RFC 9293), one byte.
    1:
      id: nop
      doc: No operation, padding between options (RFC 9293), one byte.
    2:
      id: mss
      doc: Maximum segment size, u16 (RFC 9293), on a SYN.
    3:
      id: window_scale
      doc: Window scale shift count, u1 (RFC 7323), on a SYN.
    4:
      id: sack_permitted
      doc: Selective acknowledgements permitted (RFC 2018), on a SYN.
    5:
      id: sack
      doc: Selective acknowledgement blocks, pairs of u32 sequence numbers (RFC 2018).
    8:
      id: timestamps
      doc: Timestamp value and echo reply, two u32 (RFC 7323).
    19:
      id: md5_signature
      doc: TCP MD5 signature (RFC 2385), obsoleted by tcp_ao.
    28:
      id: user_timeout
      doc: User timeout (RFC 5482).
    29:
      id: tcp_ao
      doc: TCP authentication option (RFC 5925).
    30:
      id: mptcp
      doc: Multipath TCP (RFC 8684).
    34:
      id: fast_open_cookie
      doc: TCP Fast Open cookie (RFC 7413).
    253:
      id: experiment_1
      doc: Experimental (RFC 4727, shared use per RFC 6994).
    254:
      id: experiment_2
      doc: Experimental (RFC 4727, shared use per RFC 6994).
