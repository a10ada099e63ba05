meta:
  id: net_link
  title: Link-layer headers of captured frames (Ethernet with 802.1Q tags, native 802.11, LLC/SNAP)
  endian: be
doc: |
  Link-layer headers that precede the network layer in frames captured by NDIS-PacketCapture and PktMon.
  The top-level type is empty; the parsers used are the nested types. Multi-byte 802.11 fields are
  little-endian, Ethernet and SNAP fields big-endian (network order).
doc-ref:
  - IEEE 802.3 clause 3 (MAC frame), IEEE 802.1Q (tag format)
  - IEEE 802.11-2020 clause 9.2 (MAC frame format), 9.2.4.1 (frame control)
  - IEEE 802.2 (LLC) and RFC 1042 (SNAP encapsulation of IP)
types:
  ethernet_header:
    doc: Ethernet II header, optionally followed by stacked 802.1Q / 802.1ad tags.
    seq:
      - id: dst_mac
        size: 6
        doc: Destination MAC address.
      - id: src_mac
        size: 6
        doc: Source MAC address.
      - id: type_or_tpid
        type: u2
        doc: EtherType of the payload, or the tag protocol identifier 0x8100 / 0x88A8 when a VLAN tag follows.
      - id: vlan_tags
        type: vlan_tag
        repeat: until
        repeat-until: not (_.inner_type == 0x8100 or _.inner_type == 0x88a8)
        if: type_or_tpid == 0x8100 or type_or_tpid == 0x88a8
        doc: 802.1Q / 802.1ad tags, outermost first.
    instances:
      ether_type:
        value: 'type_or_tpid == 0x8100 or type_or_tpid == 0x88a8 ? vlan_tags.last.inner_type : type_or_tpid'
        enum: ether_type
        doc: EtherType of the payload after all tags (0x0800 IPv4, 0x86DD IPv6).
  vlan_tag:
    doc: One 802.1Q tag after its tag protocol identifier.
    seq:
      - id: priority
        type: b3
        doc: Priority code point.
      - id: drop_eligible
        type: b1
        doc: Drop eligible indicator.
      - id: vlan_id
        type: b12
        doc: VLAN identifier.
      - id: inner_type
        type: u2
        doc: EtherType of what follows the tag (another TPID when tags are stacked).
  ieee802_11_header:
    doc: |
      802.11 MAC header as written by the native 802.11 capture path. Addresses 2 and 3, the sequence
      control and the QoS / HT control fields are present only for the frame kinds that carry them.
    seq:
      - id: subtype
        type: b4
        doc: Frame subtype (data subtypes 8-15 are QoS data).
      - id: frame_type
        type: b2
        doc: Frame type, 0 management, 1 control, 2 data, 3 extension.
      - id: protocol_version
        type: b2
        doc: Protocol version, 0.
      - id: order
        type: b1
        doc: Order / +HTC flag; on QoS data frames an HT control field follows the QoS control.
      - id: protected
        type: b1
        doc: Protected frame flag (the capture logs frames after decryption).
      - id: more_data
        type: b1
        doc: More data flag.
      - id: power_management
        type: b1
        doc: Power management flag.
      - id: retry
        type: b1
        doc: Retry flag (retransmitted MPDU).
      - id: more_fragments
        type: b1
        doc: More fragments flag.
      - id: from_ds
        type: b1
        doc: From distribution system flag.
      - id: to_ds
        type: b1
        doc: To distribution system flag.
      - id: duration_id
        type: u2le
        doc: Duration / association id.
      - id: addr1
        size: 6
        doc: Receiver address.
      - id: addr2
        size: 6
        if: frame_type != 1
        doc: Transmitter address.
      - id: addr3
        size: 6
        if: frame_type != 1
        doc: Third address (BSSID, source or destination depending on the DS bits).
      - id: sequence_control
        type: u2le
        if: frame_type != 1
        doc: Fragment number (low 4 bits) and sequence number.
      - id: addr4
        size: 6
        if: frame_type == 2 and to_ds and from_ds
        doc: Fourth address, present only in WDS (to DS and from DS) data frames.
      - id: qos_control
        type: u2le
        if: is_qos_data
        doc: QoS control (TID, ack policy, A-MSDU present bit 7).
      - id: ht_control
        type: u4le
        if: is_qos_data and order
        doc: HT / VHT / HE control field.
    instances:
      is_qos_data:
        value: frame_type == 2 and subtype >= 8
        doc: QoS data subtypes carry a QoS control field.
      is_data:
        value: frame_type == 2 and (subtype & 4) == 0
        doc: Data subtypes that carry a frame body (not the Null / QoS Null subtypes).
  llc_snap_header:
    doc: IEEE 802.2 LLC header; with DSAP = SSAP = 0xAA it is followed by a SNAP header naming the EtherType.
    seq:
      - id: dsap
        type: u1
        doc: Destination service access point (0xAA for SNAP).
      - id: ssap
        type: u1
        doc: Source service access point (0xAA for SNAP).
      - id: control
        type: u1
        doc: LLC control field (0x03 unnumbered information).
      - id: oui
        size: 3
        if: is_snap
        doc: SNAP organisation code (00-00-00 for encapsulated EtherTypes).
      - id: ether_type
        type: u2
        if: is_snap
        doc: EtherType of the payload.
    instances:
      is_snap:
        value: dsap == 0xaa and ssap == 0xaa
        doc: True when the SNAP extension follows.
enums:
  ether_type:
    0x0800: ipv4
    0x86dd: ipv6
    0x8100: vlan_802_1q
    0x88a8: vlan_802_1ad
