meta:
  id: tls
  title: TLS record layer and the plaintext handshake messages (ClientHello, ServerHello, Certificate, Alert)
  endian: be
doc: |
  TLS 1.0-1.3 structures visible in cleartext on the wire. The top-level type is empty; the parsers used
  are the nested types, each applied to bytes the caller has reassembled (a record header, one handshake
  message body, an alert). A body cut short by the capture keeps the fields read before the cut.
doc-ref:
  - RFC 8446 sections 4 and 5 (TLS 1.3 handshake and record protocol)
  - RFC 5246 section 7.4 (TLS 1.2 handshake), RFC 6066 section 3 (server_name), RFC 7301 (ALPN)
types:
  record_header:
    doc: TLSPlaintext / TLSCiphertext header.
    seq:
      - id: content_type
        type: u1
        enum: content_type
        doc: Record content type (IANA TLS ContentType registry).
      - id: version
        type: u2
        doc: Record-layer protocol version (legacy_record_version in TLS 1.3).
      - id: length
        type: u2
        doc: Length of the record fragment that follows.
  handshake_header:
    doc: Header of one handshake message (messages may span records).
    seq:
      - id: msg_type
        type: u1
        enum: handshake_type
        doc: 1 client_hello, 2 server_hello, 4 new_session_ticket, 8 encrypted_extensions, 11 certificate, 12 server_key_exchange, 13 certificate_request, 14 server_hello_done, 15 certificate_verify, 16 client_key_exchange, 20 finished.
      - id: length
        type: b24
        doc: Length of the message body.
  client_hello:
    doc: ClientHello body.
    seq:
      - id: legacy_version
        type: u2
        doc: client_version (TLS 1.2 and earlier) / legacy_version (0x0303 in TLS 1.3).
      - id: random
        size: 32
        doc: Client random.
      - id: session_id_length
        type: u1
        doc: Length of the legacy session id.
      - id: session_id
        size: session_id_length
        doc: Legacy session id.
      - id: cipher_suites_length
        type: u2
        doc: Length in bytes of the cipher suite list.
      - id: cipher_suites
        type: u2
        repeat: expr
        repeat-expr: cipher_suites_length / 2
        doc: Offered cipher suites in preference order (GREASE values included).
      - id: compression_methods_length
        type: u1
        doc: Length of the compression method list.
      - id: compression_methods
        size: compression_methods_length
        doc: Offered compression methods (0 = null).
      - id: extensions_length
        type: u2
        if: not _io.eof
        doc: Length in bytes of the extension block (absent in SSL 3.0-style hellos).
      - id: extensions
        type: extension(false)
        repeat: eos
        doc: Extensions in wire order.
  server_hello:
    doc: ServerHello body (also the HelloRetryRequest, recognised by its fixed random).
    seq:
      - id: legacy_version
        type: u2
        doc: server_version (TLS 1.2 and earlier) / legacy_version (0x0303 in TLS 1.3).
      - id: random
        size: 32
        doc: Server random; the SHA-256 of "HelloRetryRequest" marks a HelloRetryRequest.
      - id: session_id_length
        type: u1
        doc: Length of the echoed session id.
      - id: session_id
        size: session_id_length
        doc: Echoed legacy session id.
      - id: cipher_suite
        type: u2
        doc: Selected cipher suite.
      - id: compression_method
        type: u1
        doc: Selected compression method.
      - id: extensions_length
        type: u2
        if: not _io.eof
        doc: Length in bytes of the extension block.
      - id: extensions
        type: extension(true)
        repeat: eos
        doc: Extensions in wire order.
  extension:
    doc: One hello extension.
    params:
      - id: from_server
        type: bool
        doc: True inside a ServerHello (supported_versions then holds one selected version).
    seq:
      - id: ext_type
        type: u2
        enum: extension_type
        doc: Extension type (IANA TLS ExtensionType registry; the enum names the ones decoded here).
      - id: length
        type: u2
        doc: Length of the extension data.
      - id: body
        size: length
        type:
          switch-on: ext_type
          cases:
            'extension_type::server_name': server_name_list
            'extension_type::supported_groups': named_group_list
            'extension_type::signature_algorithms': signature_scheme_list
            'extension_type::application_layer_protocol_negotiation': protocol_name_list
            'extension_type::supported_versions': supported_versions(from_server)
        doc: Extension data, decoded for the extensions tracedoctor reports and kept raw otherwise.
  server_name_list:
    doc: server_name extension data (RFC 6066).
    seq:
      - id: list_length
        type: u2
        if: not _io.eof
        doc: Length of the list (absent in the empty ServerHello form).
      - id: names
        type: server_name
        repeat: eos
        doc: Names; type 0 is a DNS host name.
  server_name:
    doc: One ServerName entry.
    seq:
      - id: name_type
        type: u1
        doc: 0 host_name.
      - id: length
        type: u2
        doc: Length of the name.
      - id: name
        type: str
        encoding: ASCII
        size: length
        doc: Host name.
  named_group_list:
    doc: supported_groups extension data.
    seq:
      - id: list_length
        type: u2
        doc: Length of the list in bytes.
      - id: groups
        type: u2
        repeat: expr
        repeat-expr: list_length / 2
        doc: Named groups in preference order.
  signature_scheme_list:
    doc: signature_algorithms extension data.
    seq:
      - id: list_length
        type: u2
        doc: Length of the list in bytes.
      - id: schemes
        type: u2
        repeat: expr
        repeat-expr: list_length / 2
        doc: Signature schemes in preference order.
  protocol_name_list:
    doc: application_layer_protocol_negotiation extension data.
    seq:
      - id: list_length
        type: u2
        doc: Length of the list in bytes.
      - id: protocols
        type: protocol_name
        repeat: eos
        doc: Protocol names.
  protocol_name:
    doc: One ALPN protocol name.
    seq:
      - id: length
        type: u1
        doc: Length of the name.
      - id: name
        type: str
        encoding: ASCII
        size: length
        doc: Protocol name, e.g. h2 or http/1.1.
  supported_versions:
    doc: supported_versions extension data; a list in a ClientHello, one value in a ServerHello / HelloRetryRequest.
    params:
      - id: from_server
        type: bool
        doc: True for the ServerHello form.
    seq:
      - id: list_length
        type: u1
        if: not from_server
        doc: Length of the offered list in bytes (ClientHello form).
      - id: versions
        type: u2
        repeat: expr
        repeat-expr: list_length / 2
        if: not from_server
        doc: Offered versions in preference order (ClientHello form).
      - id: selected_version
        type: u2
        if: from_server
        doc: Selected version (ServerHello form).
  certificate_list:
    doc: Certificate message body of TLS 1.2 and earlier.
    seq:
      - id: list_length
        type: b24
        doc: Length of the certificate list in bytes.
      - id: certificates
        type: certificate_entry
        repeat: eos
        doc: Certificates, the server's own first.
  certificate_entry:
    doc: One ASN.1 DER certificate.
    seq:
      - id: length
        type: b24
        doc: Length of the certificate.
      - id: der
        size: length
        doc: DER-encoded X.509 certificate.
  alert:
    doc: Alert record content.
    seq:
      - id: level
        type: u1
        enum: alert_level
        doc: Alert level.
      - id: description
        type: u1
        doc: Alert description (IANA TLS Alert registry), e.g. 40 handshake_failure, 70 protocol_version.
enums:
  content_type:
    20: change_cipher_spec
    21: alert
    22: handshake
    23: application_data
    24: heartbeat
  handshake_type:
    1: client_hello
    2: server_hello
    4: new_session_ticket
    8: encrypted_extensions
    11: certificate
    12: server_key_exchange
    13: certificate_request
    14: server_hello_done
    15: certificate_verify
    16: client_key_exchange
    20: finished
  extension_type:
    0: server_name
    10: supported_groups
    13: signature_algorithms
    16: application_layer_protocol_negotiation
    43: supported_versions
  alert_level:
    1: warning
    2: fatal
