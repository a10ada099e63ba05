meta:
  id: etw_metadata
  title: TDH event schema blobs embedded by KernelTraceControl EventMetadata events
  endian: le
  license: MIT
doc: |
  Payloads of the classic KernelTraceControl "EventMetadata" provider
  (bbccf6c1-6cd1-48c4-80ff-839482e37671) that relogging tools (netsh, pktmon, xperf/PerfView merge)
  write next to the first event of every manifest event type they copy:
  opcode 32 "EventInfo" = a serialized TRACE_EVENT_INFO (tdh.h), every offset relative to the blob start;
  opcode 33 "EventMapInfo" = provider GUID followed by a serialized EVENT_MAP_INFO, offsets relative to
  the EVENT_MAP_INFO start.
  Both views are lazy instances over the same bytes: read `event_info` for opcode 32, `map_payload` for 33.
instances:
  event_info:
    pos: 0
    type: trace_event_info
    doc: The payload read as TRACE_EVENT_INFO (opcode 32).
  map_payload:
    pos: 0
    type: event_map_payload
    doc: The payload read as provider GUID + EVENT_MAP_INFO (opcode 33).
types:
  guid:
    doc: Windows GUID in its mixed-endian memory layout (Data1 u32, Data2 u16, Data3 u16, Data4 8 bytes).
    seq:
      - id: raw
        size: 16
        doc: The 16 bytes as stored; rendered by the caller.
  utf16z:
    doc: NUL-terminated UTF-16LE string, kept as code units (the caller turns them into text).
    seq:
      - id: units
        type: u2
        repeat: until
        repeat-until: _ == 0
        doc: Code units including the terminating 0.
  event_descriptor:
    doc: EVENT_DESCRIPTOR (16 bytes).
    seq:
      - id: id
        type: u2
        doc: Event id.
      - id: version
        type: u1
        doc: Event (template) version.
      - id: channel
        type: u1
        doc: Channel value.
      - id: level
        type: u1
        doc: Level value.
      - id: opcode
        type: u1
        doc: Opcode value.
      - id: task
        type: u2
        doc: Task value.
      - id: keyword
        type: u8
        doc: Keyword mask of the described event.
  trace_event_info:
    doc: TRACE_EVENT_INFO as returned by TdhGetEventInformation, serialized as one blob.
    seq:
      - id: provider_guid
        type: guid
        doc: Provider GUID of the described event.
      - id: event_guid
        type: guid
        doc: Event class GUID (zero for manifest events).
      - id: descriptor
        type: event_descriptor
        doc: Id, version, channel, level, opcode, task and keyword of the described event.
      - id: decoding_source
        type: u4
        enum: decoding_source
        doc: Where the schema came from.
      - id: provider_name_offset
        type: u4
        doc: Offset of the provider name (UTF-16, NUL-terminated), 0 if none.
      - id: level_name_offset
        type: u4
        doc: Offset of the level name, 0 if none.
      - id: channel_name_offset
        type: u4
        doc: Offset of the channel name, 0 if none.
      - id: keywords_name_offset
        type: u4
        doc: Offset of the keyword names (a list of strings), 0 if none.
      - id: task_name_offset
        type: u4
        doc: Offset of the task name, 0 if none.
      - id: opcode_name_offset
        type: u4
        doc: Offset of the opcode name, 0 if none.
      - id: event_message_offset
        type: u4
        doc: Offset of the event's message template (%1 … %n inserts), 0 if none.
      - id: provider_message_offset
        type: u4
        doc: Offset of the provider's message, 0 if none.
      - id: binary_xml_offset
        type: u4
        doc: Offset of the binary XML template description.
      - id: binary_xml_size
        type: u4
        doc: Size of the binary XML template description.
      - id: event_name_offset
        type: u4
        doc: Offset of the event name (TraceLogging / newer manifests), 0 if none.
      - id: event_attributes_offset
        type: u4
        doc: Offset of the event attributes string, 0 if none.
      - id: property_count
        type: u4
        doc: Number of EVENT_PROPERTY_INFO entries (top-level properties and struct members).
      - id: top_level_property_count
        type: u4
        doc: Number of top-level properties; they come first in the array.
      - id: flags
        type: u4
        doc: Bits of enum template_flag.
      - id: properties
        type: event_property_info
        repeat: expr
        repeat-expr: property_count
        doc: The property descriptions in template order.
    instances:
      provider_name:
        pos: provider_name_offset
        type: utf16z
        if: provider_name_offset != 0
        doc: Provider name.
      task_name:
        pos: task_name_offset
        type: utf16z
        if: task_name_offset != 0
        doc: Task name.
      opcode_name:
        pos: opcode_name_offset
        type: utf16z
        if: opcode_name_offset != 0
        doc: Opcode name.
      event_name:
        pos: event_name_offset
        type: utf16z
        if: event_name_offset != 0
        doc: Event name.
      event_message:
        pos: event_message_offset
        type: utf16z
        if: event_message_offset != 0
        doc: Message template.
  event_property_info:
    doc: EVENT_PROPERTY_INFO (24 bytes).
    seq:
      - id: flags
        type: u4
        doc: Bits of enum property_flag.
      - id: name_offset
        type: u4
        doc: Offset of the property name.
      - id: in_type_or_struct_start
        type: u2
        doc: TDH in-type (enum tdh_in_type), or for a struct the index of its first member.
      - id: out_type_or_member_count
        type: u2
        doc: TDH out-type (enum tdh_out_type), or for a struct its number of members.
      - id: map_name_offset
        type: u4
        doc: Offset of the value/bit map name (0 if none), or of the custom schema.
      - id: count
        type: u2
        doc: Element count, or the index of the property holding it (property_flag::param_count).
      - id: length
        type: u2
        doc: Length in bytes (binary, ANSI) or characters (UTF-16), or the index of the property holding it (property_flag::param_length).
      - id: reserved_tags
        type: u4
        doc: Reserved bits and property tags.
    instances:
      is_struct:
        value: (flags & property_flag::struct.to_i) != 0
        doc: The property is a struct; in_type_or_struct_start/out_type_or_member_count locate its members.
      in_type:
        value: in_type_or_struct_start
        enum: tdh_in_type
        if: not is_struct
        doc: The in-type of a property that is not a struct.
      out_type:
        value: out_type_or_member_count
        enum: tdh_out_type
        if: not is_struct
        doc: The out-type of a property that is not a struct (tdh_out_type::null = the in-type's default).
      name:
        io: _parent._io
        pos: name_offset
        type: utf16z
        doc: Property name.
      map_name:
        io: _parent._io
        pos: map_name_offset
        type: utf16z
        if: map_name_offset != 0 and (flags & (property_flag::struct.to_i | property_flag::has_custom_schema.to_i)) == 0
        doc: Name of the value or bit map applied to the property.
  event_map_payload:
    doc: EventMapInfo payload (opcode 33).
    seq:
      - id: provider_guid
        type: guid
        doc: Provider the map belongs to (maps are referenced by name from that provider's properties).
      - id: map
        type: event_map_info
        size-eos: true
        doc: The serialized EVENT_MAP_INFO.
  event_map_info:
    doc: EVENT_MAP_INFO with its entries.
    seq:
      - id: name_offset
        type: u4
        doc: Offset of the map name.
      - id: flag
        type: u4
        doc: Bits of enum map_flag.
      - id: entry_count
        type: u4
        doc: Number of entries.
      - id: value_type_or_format_offset
        type: u4
        doc: Enum map_value_type or, for pattern maps, the format string offset.
      - id: entries
        type: event_map_entry
        repeat: expr
        repeat-expr: entry_count
        doc: Value → text entries.
    instances:
      name:
        pos: name_offset
        type: utf16z
        doc: Map name.
  event_map_entry:
    doc: EVENT_MAP_ENTRY (8 bytes).
    seq:
      - id: output_offset
        type: u4
        doc: Offset of the entry's text.
      - id: value
        type: u4
        doc: Mapped value (bit value for bit maps), or input string offset for string-valued maps.
    instances:
      output:
        io: _parent._io
        pos: output_offset
        type: utf16z
        doc: Entry text (often with a trailing space).
enums:
  # TDH_IN_TYPE (tdh.h): the byte layout of a property. 24 (TDH_INTYPE_RESERVED24) is reserved and not listed.
  tdh_in_type:
    0:
      id: 'null'
      doc: TDH_INTYPE_NULL, no value.
    1:
      id: unicodestring
      doc: TDH_INTYPE_UNICODESTRING, UTF-16LE up to a u16 0, or of the given length.
    2:
      id: ansistring
      doc: TDH_INTYPE_ANSISTRING, bytes up to a 0, or of the given length.
    3:
      id: int8
      doc: TDH_INTYPE_INT8, 1 byte signed.
    4:
      id: uint8
      doc: TDH_INTYPE_UINT8, 1 byte unsigned.
    5:
      id: int16
      doc: TDH_INTYPE_INT16, 2 bytes signed.
    6:
      id: uint16
      doc: TDH_INTYPE_UINT16, 2 bytes unsigned.
    7:
      id: int32
      doc: TDH_INTYPE_INT32, 4 bytes signed.
    8:
      id: uint32
      doc: TDH_INTYPE_UINT32, 4 bytes unsigned.
    9:
      id: int64
      doc: TDH_INTYPE_INT64, 8 bytes signed.
    10:
      id: uint64
      doc: TDH_INTYPE_UINT64, 8 bytes unsigned.
    11:
      id: float
      doc: TDH_INTYPE_FLOAT, 4-byte IEEE float.
    12:
      id: double
      doc: TDH_INTYPE_DOUBLE, 8-byte IEEE float.
    13:
      id: boolean
      doc: TDH_INTYPE_BOOLEAN, 4-byte Boolean.
    14:
      id: binary
      doc: TDH_INTYPE_BINARY, bytes of the given length.
    15:
      id: guid
      doc: TDH_INTYPE_GUID, 16 bytes in Windows byte order.
    16:
      id: pointer
      doc: TDH_INTYPE_POINTER, 4 or 8 bytes by the event's pointer size.
    17:
      id: filetime
      doc: TDH_INTYPE_FILETIME, 8 bytes.
    18:
      id: systemtime
      doc: TDH_INTYPE_SYSTEMTIME, 16 bytes.
    19:
      id: sid
      doc: TDH_INTYPE_SID, 8 + 4 × sub-authority count bytes.
    20:
      id: hexint32
      doc: TDH_INTYPE_HEXINT32, 4 bytes shown in hex.
    21:
      id: hexint64
      doc: TDH_INTYPE_HEXINT64, 8 bytes shown in hex.
    22:
      id: manifest_countedstring
      doc: TDH_INTYPE_MANIFEST_COUNTEDSTRING, u16 byte count + UTF-16LE.
    23:
      id: manifest_countedansistring
      doc: TDH_INTYPE_MANIFEST_COUNTEDANSISTRING, u16 byte count + bytes.
    25:
      id: manifest_countedbinary
      doc: TDH_INTYPE_MANIFEST_COUNTEDBINARY, u16 byte count + bytes.
    300:
      id: countedstring
      doc: TDH_INTYPE_COUNTEDSTRING, u16 byte count + UTF-16LE.
    301:
      id: countedansistring
      doc: TDH_INTYPE_COUNTEDANSISTRING, u16 byte count + bytes.
    302:
      id: reversedcountedstring
      doc: TDH_INTYPE_REVERSEDCOUNTEDSTRING, big-endian u16 byte count + UTF-16LE.
    303:
      id: reversedcountedansistring
      doc: TDH_INTYPE_REVERSEDCOUNTEDANSISTRING, big-endian u16 byte count + bytes.
    304:
      id: nonnullterminatedstring
      doc: TDH_INTYPE_NONNULLTERMINATEDSTRING, UTF-16LE up to the end of the payload.
    305:
      id: nonnullterminatedansistring
      doc: TDH_INTYPE_NONNULLTERMINATEDANSISTRING, bytes up to the end of the payload.
    306:
      id: unicodechar
      doc: TDH_INTYPE_UNICODECHAR, one UTF-16 code unit.
    307:
      id: ansichar
      doc: TDH_INTYPE_ANSICHAR, one byte character.
    308:
      id: sizet
      doc: TDH_INTYPE_SIZET, 4 or 8 bytes by the event's pointer size.
    309:
      id: hexdump
      doc: TDH_INTYPE_HEXDUMP, u32 byte count + bytes.
    310:
      id: wbemsid
      doc: TDH_INTYPE_WBEMSID, TOKEN_USER (two pointers) followed by a SID, as in kernel MOF events.

  # TDH_OUT_TYPE (tdh.h): how a value is shown.
  tdh_out_type:
    0:
      id: 'null'
      doc: TDH_OUTTYPE_NULL, the in-type's default form.
    1:
      id: string
      doc: TDH_OUTTYPE_STRING, shown as text (an 8- or 16-bit integer as a character).
    2:
      id: datetime
      doc: TDH_OUTTYPE_DATETIME, a date and time.
    3:
      id: byte
      doc: TDH_OUTTYPE_BYTE, a signed byte.
    4:
      id: unsignedbyte
      doc: TDH_OUTTYPE_UNSIGNEDBYTE, an unsigned byte.
    5:
      id: short
      doc: TDH_OUTTYPE_SHORT, a signed 16-bit integer.
    6:
      id: unsignedshort
      doc: TDH_OUTTYPE_UNSIGNEDSHORT, an unsigned 16-bit integer.
    7:
      id: int
      doc: TDH_OUTTYPE_INT, a signed 32-bit integer.
    8:
      id: unsignedint
      doc: TDH_OUTTYPE_UNSIGNEDINT, an unsigned 32-bit integer.
    9:
      id: long
      doc: TDH_OUTTYPE_LONG, a signed 64-bit integer.
    10:
      id: unsignedlong
      doc: TDH_OUTTYPE_UNSIGNEDLONG, an unsigned 64-bit integer.
    11:
      id: float
      doc: TDH_OUTTYPE_FLOAT, a 4-byte float.
    12:
      id: double
      doc: TDH_OUTTYPE_DOUBLE, an 8-byte float.
    13:
      id: boolean
      doc: TDH_OUTTYPE_BOOLEAN, true or false.
    14:
      id: guid
      doc: TDH_OUTTYPE_GUID, a GUID.
    15:
      id: hexbinary
      doc: TDH_OUTTYPE_HEXBINARY, bytes in hex.
    16:
      id: hexint8
      doc: TDH_OUTTYPE_HEXINT8, an 8-bit integer in hex.
    17:
      id: hexint16
      doc: TDH_OUTTYPE_HEXINT16, a 16-bit integer in hex.
    18:
      id: hexint32
      doc: TDH_OUTTYPE_HEXINT32, a 32-bit integer in hex.
    19:
      id: hexint64
      doc: TDH_OUTTYPE_HEXINT64, a 64-bit integer in hex.
    20:
      id: pid
      doc: TDH_OUTTYPE_PID, a process id.
    21:
      id: tid
      doc: TDH_OUTTYPE_TID, a thread id.
    22:
      id: port
      doc: TDH_OUTTYPE_PORT, a u16 port in network byte order.
    23:
      id: ipv4
      doc: TDH_OUTTYPE_IPV4, a u32 IPv4 address.
    24:
      id: ipv6
      doc: TDH_OUTTYPE_IPV6, a binary IPv6 address.
    25:
      id: socketaddress
      doc: TDH_OUTTYPE_SOCKETADDRESS, a binary sockaddr.
    26:
      id: cimdatetime
      doc: TDH_OUTTYPE_CIMDATETIME, a CIM date-time.
    27:
      id: etwtime
      doc: TDH_OUTTYPE_ETWTIME, an ETW timestamp.
    28:
      id: xml
      doc: TDH_OUTTYPE_XML, a string holding XML.
    29:
      id: errorcode
      doc: TDH_OUTTYPE_ERRORCODE, an error code.
    30:
      id: win32error
      doc: TDH_OUTTYPE_WIN32ERROR, a Win32 error code.
    31:
      id: ntstatus
      doc: TDH_OUTTYPE_NTSTATUS, an NTSTATUS.
    32:
      id: hresult
      doc: TDH_OUTTYPE_HRESULT, an HRESULT.
    33:
      id: culture_insensitive_datetime
      doc: TDH_OUTTYPE_CULTURE_INSENSITIVE_DATETIME, a date-time in the invariant culture.
    34:
      id: json
      doc: TDH_OUTTYPE_JSON, a string holding JSON.
    35:
      id: utf8
      doc: TDH_OUTTYPE_UTF8, an 8-bit string in UTF-8.
    36:
      id: pkcs7_with_type_info
      doc: TDH_OUTTYPE_PKCS7_WITH_TYPE_INFO, binary PKCS#7 followed by TraceLogging type information.
    37:
      id: code_pointer
      doc: TDH_OUTTYPE_CODE_POINTER, an address in code.
    38:
      id: datetime_utc
      doc: TDH_OUTTYPE_DATETIME_UTC, a date-time in UTC.
    300:
      id: reducedstring
      doc: TDH_OUTTYPE_REDUCEDSTRING, a WBEM reduced string.
    301:
      id: noprint
      doc: TDH_OUTTYPE_NOPRINT, the value should be hidden.

  # PROPERTY_FLAGS (tdh.h) of EVENT_PROPERTY_INFO.
  property_flag:
    0x1:
      id: struct
      doc: PropertyStruct, the property is a struct of the members that in_type_or_struct_start and out_type_or_member_count locate.
    0x2:
      id: param_length
      doc: PropertyParamLength, length holds the index of the property that holds the length.
    0x4:
      id: param_count
      doc: PropertyParamCount, count holds the index of the property that holds the element count.
    0x8:
      id: wbem_xml_fragment
      doc: PropertyWBEMXmlFragment, the value is a WBEM XML fragment.
    0x10:
      id: param_fixed_length
      doc: PropertyParamFixedLength, length is a fixed length even when 0.
    0x20:
      id: param_fixed_count
      doc: PropertyParamFixedCount, count is a fixed element count, an array even when 1.
    0x40:
      id: has_tags
      doc: PropertyHasTags, reserved_tags holds property tags.
    0x80:
      id: has_custom_schema
      doc: PropertyHasCustomSchema, map_name_offset locates a custom schema instead of a map name.

  # TEMPLATE_FLAGS (tdh.h) of TRACE_EVENT_INFO.
  template_flag:
    0x1:
      id: event_data
      doc: TEMPLATE_EVENT_DATA, the template describes the event data.
    0x2:
      id: user_data
      doc: TEMPLATE_USER_DATA, the template describes user data.
    0x4:
      id: control_guid
      doc: TEMPLATE_CONTROL_GUID, the event GUID is a control GUID.

  # DECODING_SOURCE (tdh.h).
  decoding_source:
    0:
      id: xml_file
      doc: DecodingSourceXMLFile, an instrumentation manifest.
    1:
      id: wbem
      doc: DecodingSourceWbem, a WMI MOF class.
    2:
      id: wpp
      doc: DecodingSourceWPP, a WPP trace message format.
    3:
      id: tlg
      doc: DecodingSourceTlg, TraceLogging metadata.

  # MAP_FLAGS (tdh.h) of EVENT_MAP_INFO.
  map_flag:
    0x1:
      id: manifest_valuemap
      doc: EVENTMAP_INFO_FLAG_MANIFEST_VALUEMAP, a manifest value map.
    0x2:
      id: manifest_bitmap
      doc: EVENTMAP_INFO_FLAG_MANIFEST_BITMAP, a manifest bit map.
    0x4:
      id: manifest_patternmap
      doc: EVENTMAP_INFO_FLAG_MANIFEST_PATTERNMAP, a manifest pattern map.
    0x8:
      id: wbem_valuemap
      doc: EVENTMAP_INFO_FLAG_WBEM_VALUEMAP, a WBEM value map.
    0x10:
      id: wbem_bitmap
      doc: EVENTMAP_INFO_FLAG_WBEM_BITMAP, a WBEM bit map.
    0x20:
      id: wbem_flag
      doc: EVENTMAP_INFO_FLAG_WBEM_FLAG, WBEM flag values.
    0x40:
      id: wbem_no_map
      doc: EVENTMAP_INFO_FLAG_WBEM_NO_MAP, WBEM values without a map.

  # MAP_VALUETYPE (tdh.h): what the entries of a value map hold.
  map_value_type:
    0:
      id: ulong
      doc: EVENTMAP_ENTRY_VALUETYPE_ULONG, each entry maps a number.
    1:
      id: string
      doc: EVENTMAP_ENTRY_VALUETYPE_STRING, each entry maps a string.
