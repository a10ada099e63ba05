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
        doc: DECODING_SOURCE (0 XML manifest, 1 WBEM/MOF, 2 WPP, 3 TraceLogging).
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
        doc: TEMPLATE_FLAGS (0x1 EVENT_DATA, 0x2 USER_DATA, 0x4 CONTROL_GUID).
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
        doc: |
          PROPERTY_FLAGS: 0x1 struct, 0x2 length from another property, 0x4 count from another property,
          0x8 WBEM XML fragment, 0x10 fixed length, 0x20 fixed count (array even when 1), 0x40 has tags,
          0x80 has custom schema.
      - id: name_offset
        type: u4
        doc: Offset of the property name.
      - id: in_type_or_struct_start
        type: u2
        doc: TDH in-type, or for a struct the index of its first member.
      - id: out_type_or_member_count
        type: u2
        doc: TDH out-type, or for a struct its number of members.
      - id: map_name_offset
        type: u4
        doc: Offset of the value/bit map name (0 if none), or of the custom schema.
      - id: count
        type: u2
        doc: Element count, or the index of the property holding it (flag 0x4).
      - id: length
        type: u2
        doc: Length in bytes (binary, ANSI) or characters (UTF-16), or the index of the property holding it (flag 0x2).
      - id: reserved_tags
        type: u4
        doc: Reserved bits and property tags.
    instances:
      is_struct:
        value: (flags & 0x1) != 0
        doc: The property is a struct; in_type_or_struct_start/out_type_or_member_count locate its members.
      name:
        io: _parent._io
        pos: name_offset
        type: utf16z
        doc: Property name.
      map_name:
        io: _parent._io
        pos: map_name_offset
        type: utf16z
        if: map_name_offset != 0 and (flags & 0x81) == 0
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
        doc: |
          MAP_FLAGS: 0x1 manifest value map, 0x2 manifest bit map, 0x4 manifest pattern map,
          0x8 WBEM value map, 0x10 WBEM bit map, 0x20 WBEM flag, 0x40 WBEM no map.
      - id: entry_count
        type: u4
        doc: Number of entries.
      - id: value_type_or_format_offset
        type: u4
        doc: MAP_VALUETYPE (0 ULONG, 1 string) or, for pattern maps, the format string offset.
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
