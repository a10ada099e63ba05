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
    doc: Kind of query, 0 standard.
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
    doc: Response code, 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED.
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
        doc: Query type, 1 A, 5 CNAME, 28 AAAA, 65 HTTPS.
      - id: qclass
        type: u2
        doc: Query class, 1 IN.
  resource_record:
    doc: One resource record.
    seq:
      - id: name
        type: domain_name
        doc: Owner name.
      - id: rr_type
        type: u2
        doc: Record type, 1 A, 5 CNAME, 28 AAAA.
      - id: rr_class
        type: u2
        doc: Record class, 1 IN.
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
            5: domain_name
        doc: Record data; a name for CNAME, raw address bytes for A and AAAA.
