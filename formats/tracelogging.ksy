meta:
  id: tracelogging
  title: TraceLogging self-describing event metadata (EVENT_HEADER extended items 0x0B and 0x0C)
  endian: le
  license: MIT
doc: |
  Grammar from TraceLoggingDynamic.h (microsoft/tracelogging). Two lazy views over the same bytes:
  `event_meta` reads the data of extended item 0x0B (EVENT_SCHEMA_TL, the event's field list),
  `provider_traits` reads the data of extended item 0x0C (PROV_TRAITS, the provider name).
  Payload values are not part of this grammar: their layout depends on the field list and is read by
  the decoder field by field.
instances:
  event_meta:
    pos: 0
    type: event_metadata
    doc: Ext item 0x0B data.
  provider_traits:
    pos: 0
    type: provider_traits_blob
    doc: Ext item 0x0C data.
types:
  tag_byte:
    doc: One byte of a tag value; 7 bits of tag per byte, bit meta_chain::more (0x80) = another byte follows.
    seq:
      - id: b
        type: u1
        doc: Tag bits and the continuation flag.
  event_metadata:
    doc: Event metadata = size, event tags, event name, fields.
    seq:
      - id: size
        type: u2
        doc: Length of the whole metadata including this field.
      - id: body
        type: event_metadata_body
        size: size - 2
        doc: Everything after the size.
  event_metadata_body:
    doc: Tags, name and the field list.
    seq:
      - id: tags
        type: tag_byte
        repeat: until
        repeat-until: (_.b & meta_chain::more.to_i) == 0
        doc: Event tags (normally one 0 byte).
      - id: name
        type: strz
        encoding: UTF-8
        doc: Event name.
      - id: fields
        type: field_meta
        repeat: eos
        doc: Field list in payload order; a struct is followed by its members.
  field_meta:
    doc: One field description.
    seq:
      - id: name
        type: strz
        encoding: UTF-8
        doc: Field name.
      - id: in_meta
        type: u1
        doc: Low 5 bits in-type (enum in_type); bits 0x60 count mode (enum count_mode); bit meta_chain::more (0x80) = out-meta follows.
      - id: out_meta
        type: u1
        if: (in_meta & meta_chain::more.to_i) != 0
        doc: Low 7 bits out-type (enum out_type; for a struct, its member count); bit meta_chain::more (0x80) = tags follow.
      - id: tags
        type: tag_byte
        repeat: until
        repeat-until: (_.b & meta_chain::more.to_i) == 0
        if: (in_meta & meta_chain::more.to_i) != 0 and (out_meta & meta_chain::more.to_i) != 0
        doc: Field tags.
      - id: value_count
        type: u2
        if: (in_meta & 0x60) == count_mode::constant_count.to_i
        doc: Element count of a constant-count array.
      - id: type_info_size
        type: u2
        if: (in_meta & 0x60) == count_mode::custom.to_i
        doc: Length of the custom type's schema.
      - id: type_info
        size: type_info_size
        if: (in_meta & 0x60) == count_mode::custom.to_i
        doc: Custom type schema (opaque).
    instances:
      in_type:
        value: in_meta & 0x1f
        enum: in_type
        doc: The in-type, the field's byte layout.
      count_mode:
        value: in_meta & 0x60
        enum: count_mode
        doc: Scalar, or which kind of array.
      out_type:
        value: '(in_meta & meta_chain::more.to_i) != 0 ? (out_meta & 0x7f) : 0'
        enum: out_type
        doc: The out-type (formatting hint), out_type::null when absent; for a struct, its member count.
  provider_traits_blob:
    doc: Provider traits = size, provider name, traits.
    seq:
      - id: size
        type: u2
        doc: Length of the traits blob including this field.
      - id: name
        type: strz
        encoding: UTF-8
        doc: Provider name.
enums:
  # TlgIn* (TraceLoggingProvider.h, TraceLoggingDynamic.h): the low 5 bits of InMeta. Each value up to 23 and 25
  # has the layout of the TDH in-type with the same number (etw_metadata.ksy tdh_in_type); 24 is TraceLogging's own.
  in_type:
    0:
      id: 'null'
      doc: TlgInNULL, invalid.
    1:
      id: unicodestring
      doc: TlgInUNICODESTRING, UTF-16LE up to a u16 0.
    2:
      id: ansistring
      doc: TlgInANSISTRING, bytes up to a 0 (UTF-8 with out_type::utf8).
    3:
      id: int8
      doc: TlgInINT8, 1 byte signed.
    4:
      id: uint8
      doc: TlgInUINT8, 1 byte unsigned.
    5:
      id: int16
      doc: TlgInINT16, 2 bytes signed.
    6:
      id: uint16
      doc: TlgInUINT16, 2 bytes unsigned.
    7:
      id: int32
      doc: TlgInINT32, 4 bytes signed.
    8:
      id: uint32
      doc: TlgInUINT32, 4 bytes unsigned.
    9:
      id: int64
      doc: TlgInINT64, 8 bytes signed.
    10:
      id: uint64
      doc: TlgInUINT64, 8 bytes unsigned.
    11:
      id: float
      doc: TlgInFLOAT, 4-byte IEEE float.
    12:
      id: double
      doc: TlgInDOUBLE, 8-byte IEEE float.
    13:
      id: bool32
      doc: TlgInBOOL32, 4-byte Boolean.
    14:
      id: binary
      doc: TlgInBINARY, u16 byte count + bytes (no arrays; decoders add a synthetic Name.Length).
    15:
      id: guid
      doc: TlgInGUID, 16 bytes in Windows byte order.
    16:
      id: pointer_unsupported
      doc: _TlgInPOINTER_unsupported, pointer of the writer's size; producers use 9/10 or 20/21 instead.
    17:
      id: filetime
      doc: TlgInFILETIME, 8 bytes.
    18:
      id: systemtime
      doc: TlgInSYSTEMTIME, 16 bytes.
    19:
      id: sid
      doc: TlgInSID, 8 + 4 × sub-authority count bytes.
    20:
      id: hexint32
      doc: TlgInHEXINT32, 4 bytes shown in hex.
    21:
      id: hexint64
      doc: TlgInHEXINT64, 8 bytes shown in hex.
    22:
      id: countedstring
      doc: TlgInCOUNTEDSTRING, u16 byte count + UTF-16LE.
    23:
      id: countedansistring
      doc: TlgInCOUNTEDANSISTRING, u16 byte count + bytes.
    24:
      id: struct
      doc: _TlgInSTRUCT, no bytes of its own; the out-type slot holds the number of member fields that follow (1-127).
    25:
      id: countedbinary
      doc: TlgInCOUNTEDBINARY, u16 byte count + bytes (arrays allowed, no synthetic length field).

  # Bits 0x60 of InMeta.
  count_mode:
    0x00:
      id: scalar
      doc: One value.
    0x20:
      id: constant_count
      doc: _TlgInCcount, an array whose element count is in the metadata (value_count).
    0x40:
      id: variable_count
      doc: TlgInVcount, an array whose u16 element count precedes the elements in the payload.
    0x60:
      id: custom
      doc: _TlgInCustom, u16 byte count + bytes of a custom serializer; its schema is in type_info.

  # Bit 0x80 of InMeta, OutMeta and every tag byte.
  meta_chain:
    0x80:
      id: more
      doc: Another metadata byte follows (InMeta → OutMeta, OutMeta → tags, tag byte → next tag byte).

  # TlgOut* (TraceLoggingProvider.h, TraceLoggingDynamic.h): the low 7 bits of OutMeta, a formatting hint.
  # Numbered differently from TDH out-types (etw_metadata.ksy tdh_out_type) except 33 and 35-38.
  out_type:
    0:
      id: 'null'
      doc: TlgOutNULL, the in-type's default form.
    1:
      id: noprint
      doc: TlgOutNOPRINT, the field should be hidden.
    2:
      id: string
      doc: TlgOutSTRING, an 8- or 16-bit integer shown as a character.
    3:
      id: boolean
      doc: TlgOutBOOLEAN, an 8-bit integer shown as a Boolean.
    4:
      id: hex
      doc: TlgOutHEX, an integer shown in hex (width from the in-type).
    5:
      id: pid
      doc: TlgOutPID, a process id.
    6:
      id: tid
      doc: TlgOutTID, a thread id.
    7:
      id: port
      doc: TlgOutPORT, a u16 port in network byte order.
    8:
      id: ipv4
      doc: TlgOutIPV4, a u32 IPv4 address.
    9:
      id: ipv6
      doc: TlgOutIPV6, binary IPv6 address.
    10:
      id: socketaddress
      doc: TlgOutSOCKETADDRESS, binary sockaddr.
    11:
      id: xml
      doc: TlgOutXML, a string holding XML (UTF-8 for 8-bit strings).
    12:
      id: json
      doc: TlgOutJSON, a string holding JSON (UTF-8 for 8-bit strings).
    13:
      id: win32error
      doc: TlgOutWIN32ERROR, a Win32 error code.
    14:
      id: ntstatus
      doc: TlgOutNTSTATUS, an NTSTATUS.
    15:
      id: hresult
      doc: TlgOutHRESULT, an HRESULT.
    16:
      id: filetime
      doc: TlgOutFILETIME, a 64-bit integer holding a FILETIME.
    17:
      id: signed
      doc: TlgOutSIGNED, shown as a signed integer.
    18:
      id: unsigned
      doc: TlgOutUNSIGNED, shown as an unsigned integer.
    33:
      id: datetime_culture_insensitive
      doc: TlgOutDATETIME_CULTURE_INSENSITIVE, a date-time in the invariant culture.
    35:
      id: utf8
      doc: TlgOutUTF8, an 8-bit string in UTF-8.
    36:
      id: pkcs7_with_type_info
      doc: TlgOutPKCS7_WITH_TYPE_INFO, binary PKCS#7 followed by TraceLogging type information.
    37:
      id: code_pointer
      doc: TlgOutCODE_POINTER, an address in code.
    38:
      id: datetime_utc
      doc: TlgOutDATETIME_UTC, a date-time in UTC.
