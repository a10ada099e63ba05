meta:
  id: dns
  title: DNS message (header, questions, resource records)
  endian: be
doc: |
  A DNS message as carried in one UDP datagram. Names are read as label sequences ending in a zero
  length or a compression pointer; the caller follows pointers (bounded hop count) against the whole
  message so that a pointer loop cannot recurse without end.
doc-ref:
  - RFC 1035 section 4 (messages) and 4.1.4 (compression)
  - RFC 3596 (AAAA)
seq:
  - id: transaction_id
    type: u2
    doc: Identifier matching responses to queries.
  - id: is_response
    type: b1
    doc: QR bit, set on responses.
  - id: opcode
    type: b4
    enum: opcode
    doc: Kind of query.
  - id: authoritative
    type: b1
    doc: AA bit.
  - id: truncated
    type: b1
    doc: TC bit, the message was truncated by the server.
  - id: recursion_desired
    type: b1
    doc: RD bit.
  - id: recursion_available
    type: b1
    doc: RA bit.
  - id: reserved
    type: b3
    doc: Z, AD and CD bits.
  - id: rcode
    type: b4
    enum: rcode
    doc: Response code.
  - id: question_count
    type: u2
    doc: Number of questions.
  - id: answer_count
    type: u2
    doc: Number of answer records.
  - id: authority_count
    type: u2
    doc: Number of authority records.
  - id: additional_count
    type: u2
    doc: Number of additional records.
  - id: questions
    type: question
    repeat: expr
    repeat-expr: question_count
    doc: Questions.
  - id: answers
    type: resource_record
    repeat: expr
    repeat-expr: answer_count
    doc: Answer records.
types:
  domain_name:
    doc: Labels of a name up to the terminating zero length or a compression pointer.
    seq:
      - id: labels
        type: label
        repeat: until
        repeat-until: _.length == 0 or _.is_pointer
        doc: Labels in order; the last is empty or a pointer.
  label:
    doc: One label or a compression pointer.
    seq:
      - id: length
        type: u1
        doc: Label length (0-63), or 0xC0 | high bits of a pointer offset.
      - id: pointer_low
        type: u1
        if: is_pointer
        doc: Low byte of the pointer offset.
      - id: text
        size: length
        if: not is_pointer
        doc: Label bytes.
    instances:
      is_pointer:
        value: (length & 0xc0) == 0xc0
        doc: Top two bits set mark a compression pointer.
      pointer_offset:
        value: '((length & 0x3f) << 8) | pointer_low'
        if: is_pointer
        doc: Offset of the rest of the name from the start of the message.
  question:
    doc: One question entry.
    seq:
      - id: name
        type: domain_name
        doc: Queried name.
      - id: qtype
        type: u2
        enum: rr_type
        doc: Query type.
      - id: qclass
        type: u2
        enum: rr_class
        doc: Query class.
  resource_record:
    doc: One resource record.
    seq:
      - id: name
        type: domain_name
        doc: Owner name.
      - id: rr_type
        type: u2
        enum: rr_type
        doc: Record type.
      - id: rr_class
        type: u2
        enum: rr_class
        doc: Record class.
      - id: ttl
        type: u4
        doc: Time to live in seconds.
      - id: rdata_length
        type: u2
        doc: Length of the record data.
      - id: rdata
        size: rdata_length
        type:
          switch-on: rr_type
          cases:
            rr_type::cname: domain_name
        doc: Record data; a name for CNAME, raw address bytes for A and AAAA.
enums:
  opcode:
    0:
      id: query
      doc: Standard query (RFC 1035).
    1:
      id: iquery
      doc: Inverse query, obsolete (RFC 3425).
    2:
      id: status
      doc: Server status request (RFC 1035).
    4:
      id: notify
      doc: Zone change notification (RFC 1996).
    5:
      id: update
      doc: Dynamic update (RFC 2136).
    6:
      id: dso
      doc: DNS stateful operations (RFC 8490).
  rcode:
    0:
      id: noerror
      doc: No error.
    1:
      id: formerr
      doc: Format error, the server could not read the query.
    2:
      id: servfail
      doc: Server failure, the server could not answer (often its upstream failed).
    3:
      id: nxdomain
      doc: The name does not exist.
    4:
      id: notimp
      doc: The server does not implement this kind of query.
    5:
      id: refused
      doc: The server refuses to answer (policy).
    6:
      id: yxdomain
      doc: A name exists that should not (RFC 2136).
    7:
      id: yxrrset
      doc: A record set exists that should not (RFC 2136).
    8:
      id: nxrrset
      doc: A record set that should exist does not (RFC 2136).
    9:
      id: notauth
      doc: The server is not authoritative for the zone (RFC 2136, RFC 8945).
    10:
      id: notzone
      doc: A name is not within the zone (RFC 2136).
  rr_type:
    1:
      id: a
      doc: IPv4 address.
    2:
      id: ns
      doc: Authoritative name server.
    5:
      id: cname
      doc: Canonical name (alias target).
    6:
      id: soa
      doc: Start of a zone of authority.
    12:
      id: ptr
      doc: Domain name pointer (reverse lookup).
    15:
      id: mx
      doc: Mail exchange.
    16:
      id: txt
      doc: Text strings.
    28:
      id: aaaa
      doc: IPv6 address (RFC 3596).
    33:
      id: srv
      doc: Service location (RFC 2782).
    64:
      id: svcb
      doc: Service binding (RFC 9460).
    65:
      id: https
      doc: HTTPS service binding (RFC 9460).
    255:
      id: any
      doc: Any type (queries only).
  rr_class:
    1:
      id: in
      doc: Internet.
    3:
      id: ch
      doc: Chaos.
    4:
      id: hs
      doc: Hesiod.
    255:
      id: any
      doc: Any class (queries only).
