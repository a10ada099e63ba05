meta:
  id: etl
  title: Windows ETW event trace log (.etl) — buffers, logfile header, record headers, extended data items
  file-extension: etl
  endian: le
  bit-endian: le
doc: |
  An .etl file is a concatenation of buffers, each a 0x48-byte WMI_BUFFER_HEADER followed by 8-byte-aligned
  event records and 0xFF fill. Buffer i+1 starts at start(i) + BufferSize(i). The first buffer (BufferType 4)
  starts with the logfile-header event: a SYSTEM_TRACE_HEADER (marker 0xC0020002 for 64-bit, 0xC0010002 for
  32-bit logfile headers) followed by TRACE_LOGFILE_HEADER and the two UTF-16 names.
  The top-level type reads that file prologue; the record types are parsed one record at a time by the reader.
seq:
  - id: header_buffer
    type: wmi_buffer_header
    doc: Header of the first buffer (BufferType 4, never compressed).
  - id: logfile_event
    type: system_trace_header
    doc: The logfile-header event's system header; SystemTime is the raw-clock half of the time sync pair.
  - id: logfile
    type: 'trace_logfile_header(logfile_event.header_type == header_type::system32 ? 4 : 8)'
    doc: TRACE_LOGFILE_HEADER; header type system32 selects the 32-bit layout, system64 the 64-bit one.

types:
  qword:
    doc: |
      Unsigned 64-bit little-endian integer as two halves. The JavaScript runtime reads u8 as a double, which
      cannot hold FILETIMEs, keywords or raw timestamps exactly; the reader joins the halves into a BigInt.
    seq:
      - id: lo
        type: u4
        doc: Low 32 bits.
      - id: hi
        type: u4
        doc: High 32 bits.

  sqword:
    doc: Signed 64-bit little-endian integer as two halves (see qword).
    seq:
      - id: lo
        type: u4
        doc: Low 32 bits.
      - id: hi
        type: s4
        doc: High 32 bits, signed.

  guid:
    doc: GUID in Windows mixed-endian layout.
    seq:
      - id: data1
        type: u4
        doc: First 8 hex digits, little-endian.
      - id: data2
        type: u2
        doc: Next 4 hex digits, little-endian.
      - id: data3
        type: u2
        doc: Next 4 hex digits, little-endian.
      - id: data4
        size: 8
        doc: Last 16 hex digits, stored as bytes in printed order.

  wmi_buffer_header:
    doc: WMI_BUFFER_HEADER, 0x48 bytes at the start of every buffer (same in 32- and 64-bit files).
    seq:
      - id: buffer_size
        type: u4
        doc: Bytes this buffer occupies on disk including this header; compressed buffers store 0x48 + compressed length.
      - id: saved_offset
        type: u4
        doc: Usually equal to filled_bytes; 0 in Windows 7 header buffers; compressed buffers store 0x48 + decompressed length.
      - id: current_offset
        type: u4
        doc: In-memory write cursor of the logger; meaningless in files.
      - id: reference_count
        type: u4
        doc: In-memory reference count; 0 in files.
      - id: timestamp
        type: qword
        doc: Flush time in the session clock (FILETIME in relogged files); not usable for ordering.
      - id: sequence_number
        type: qword
        doc: Per-session buffer counter; header buffer 0. Orders the buffers of one CPU.
      - id: clock_or_links
        type: u8
        doc: ClockType/Frequency union with list pointers; pointers in files, ignored.
      - id: context_processor
        type: u2
        doc: ETW_BUFFER_CONTEXT first half — ProcessorIndex (mask 0x7FF) when PROC_INDEX is set, else ProcessorNumber byte + Alignment byte.
      - id: logger_id
        type: u2
        doc: ETW_BUFFER_CONTEXT LoggerId; 0 in relogged files.
      - id: state
        type: u4
        doc: ETW_BUFFER_STATE; 3 (flush) in data buffers. In the header buffer the low word is the compression format (enum compression_format).
      - id: filled_bytes
        type: u4
        doc: Size of valid data including this header; events end here (not at saved_offset).
      - id: buffer_flag
        type: u2
        doc: Bits of enum buffer_flag.
      - id: buffer_type
        type: u2
        enum: buffer_type
        doc: Kind of buffer (enum buffer_type); values past dbg_info mark a damaged header.
      - id: reference_clock
        size: 16
        doc: ETW_REF_CLOCK / list-entry union; kernel pointers in files, ignored.
    instances:
      processor_index:
        value: '(buffer_flag & buffer_flag::proc_index.to_i) != 0 ? (context_processor & 0x7ff) : (context_processor & 0xff)'
        doc: CPU that wrote this buffer; Windows 7 layout keeps it in the low byte only.
      is_compressed:
        value: '(buffer_flag & buffer_flag::compressed.to_i) != 0'
        doc: Payload after the header is an MS-XCA stream of saved_offset - 0x48 decompressed bytes.

  system_trace_header:
    doc: SYSTEM_TRACE_HEADER (header types 1/2, 0x20 bytes) and COMPACT (3/4, 0x18 bytes) — kernel events.
    seq:
      - id: version
        type: u2
        doc: Event (MOF class) version.
      - id: header_type
        type: u1
        enum: header_type
        doc: system32 or system64 for the logfile-header event; compact32 and compact64 in kernel records.
      - id: marker_flags
        type: u1
        enum: record_marker
        doc: Always record_marker::typed.
      - id: size
        type: u2
        doc: Record size including this header, excluding alignment padding.
      - id: hook_id
        type: u2
        doc: Group << 8 | Type; Type is the opcode, Group selects the kernel event class GUID.
      - id: thread_id
        type: u4
        doc: Thread that logged the event.
      - id: process_id
        type: u4
        doc: Process that logged the event.
      - id: system_time
        type: qword
        doc: Raw timestamp in the session clock.
      - id: kernel_time
        type: u4
        if: header_type == header_type::system32 or header_type == header_type::system64
        doc: Thread kernel time (SYSTEM only).
      - id: user_time
        type: u4
        if: header_type == header_type::system32 or header_type == header_type::system64
        doc: Thread user time (SYSTEM only).

  time_zone_information:
    doc: TIME_ZONE_INFORMATION, 0xAC bytes.
    seq:
      - id: bias
        type: s4
        doc: Minutes west of UTC.
      - id: standard_name
        type: str
        size: 64
        encoding: UTF-16LE
        doc: Standard-time zone name (or MUI reference), NUL-padded.
      - id: standard_date
        type: systemtime
        doc: Transition date to standard time.
      - id: standard_bias
        type: s4
        doc: Extra bias in standard time, minutes.
      - id: daylight_name
        type: str
        size: 64
        encoding: UTF-16LE
        doc: Daylight-time zone name (or MUI reference), NUL-padded.
      - id: daylight_date
        type: systemtime
        doc: Transition date to daylight time.
      - id: daylight_bias
        type: s4
        doc: Extra bias in daylight time, minutes.

  systemtime:
    doc: SYSTEMTIME, 16 bytes.
    seq:
      - id: year
        type: u2
        doc: Year.
      - id: month
        type: u2
        doc: Month 1-12.
      - id: day_of_week
        type: u2
        doc: Day of week, 0 = Sunday.
      - id: day
        type: u2
        doc: Day of month (or occurrence in transition dates).
      - id: hour
        type: u2
        doc: Hour.
      - id: minute
        type: u2
        doc: Minute.
      - id: second
        type: u2
        doc: Second.
      - id: milliseconds
        type: u2
        doc: Milliseconds.

  trace_logfile_header:
    doc: TRACE_LOGFILE_HEADER after the logfile-header event's system header (0x110 bytes x86, 0x118 x64) plus the two names.
    params:
      - id: pointer_size
        type: u1
        doc: 4 or 8, from the event's header type; sizes the two pointer slots.
    seq:
      - id: buffer_size
        type: u4
        doc: Session buffer size in bytes.
      - id: os_major
        type: u1
        doc: OS major version.
      - id: os_minor
        type: u1
        doc: OS minor version.
      - id: layout_major
        type: u1
        doc: ETL layout version, major (SubVersion); 1 native, 2 relogged/compressed.
      - id: layout_minor
        type: u1
        doc: ETL layout version, minor (SubMinorVersion).
      - id: provider_version
        type: u4
        doc: OS build number.
      - id: number_of_processors
        type: u4
        doc: Logical CPUs of the recording machine.
      - id: end_time
        type: sqword
        doc: FILETIME when logging stopped; 0 if the file was not closed cleanly.
      - id: timer_resolution
        type: u4
        doc: Clock resolution in 100 ns units.
      - id: maximum_file_size
        type: u4
        doc: Maximum file size in MB.
      - id: log_file_mode
        type: u4
        doc: Bits of enum log_file_mode.
      - id: buffers_written
        type: u4
        doc: Buffers written including the header buffer.
      - id: start_buffers
        type: u4
        doc: Leading buffers a circular file never overwrites (1 in practice).
      - id: pointer_size_field
        type: u4
        doc: Pointer size of the recording system, 4 or 8.
      - id: events_lost
        type: u4
        doc: Events the session lost.
      - id: cpu_speed_mhz
        type: u4
        doc: CPU speed in MHz (used by the CPU-cycle clock).
      - id: logger_name_slot
        type:
          switch-on: pointer_size
          cases:
            4: u4
            _: u8
        doc: Pointer-sized slot; holds small integers in files, not a pointer. Ignored.
      - id: log_file_name_slot
        type:
          switch-on: pointer_size
          cases:
            4: u4
            _: u8
        doc: Pointer-sized slot; holds small integers in files, not a pointer. Ignored.
      - id: time_zone
        type: time_zone_information
        doc: Time zone of the recording machine.
      - id: alignment_padding
        size: 4
        doc: Padding that aligns the following LARGE_INTEGER fields to 8 bytes.
      - id: boot_time
        type: sqword
        doc: FILETIME of system boot.
      - id: perf_freq
        type: sqword
        doc: Clock frequency in Hz (QPC frequency for the QPC clock).
      - id: start_time
        type: sqword
        doc: FILETIME of the sync point; pairs with the logfile event's raw SystemTime.
      - id: clock_type
        type: u4
        enum: clock_type
        doc: ReservedFlags — the clock of the raw timestamps.
      - id: buffers_lost
        type: u4
        doc: Buffers the session lost.
      - id: logger_name
        type: strz
        encoding: UTF-16LE
        doc: Session name, NUL-terminated UTF-16.
      - id: log_file_name
        type: strz
        encoding: UTF-16LE
        doc: Path of the original log file (or "[multiple files]"), NUL-terminated UTF-16.

  event_record:
    doc: |
      One record of a buffer's event area, dispatched on its first four bytes: byte 3 is 0xC0 for typed
      headers (byte 2 = header type) and 0x90 for MESSAGE_TRACE_HEADER. The record ends at
      start + size; the next one starts at the following 8-byte boundary.
    seq:
      - id: marker_lo
        type: u2
        doc: Size for FULL, INSTANCE, EVENT_HEADER and MESSAGE records; Version for SYSTEM, COMPACT and PERFINFO.
      - id: header_type
        type: u1
        enum: header_type
        doc: Header type (typed headers) or reserved flags byte (MESSAGE).
      - id: marker_flags
        type: u1
        enum: record_marker
        doc: Typed header or MESSAGE; anything else is not a record.
      - id: body
        doc: Rest of the header, by header type.
        type:
          switch-on: 'marker_flags == record_marker::message ? 0x100 : (marker_flags == record_marker::typed ? header_type.to_i : 0x200)'
          cases:
            header_type::system32.to_i: system_body(true)
            header_type::system64.to_i: system_body(true)
            header_type::compact32.to_i: system_body(false)
            header_type::compact64.to_i: system_body(false)
            header_type::full_header32.to_i: event_trace_body(false)
            header_type::full_header64.to_i: event_trace_body(false)
            header_type::instance32.to_i: event_trace_body(true)
            header_type::instance64.to_i: event_trace_body(true)
            header_type::perfinfo32.to_i: perfinfo_body(marker_lo)
            header_type::perfinfo64.to_i: perfinfo_body(marker_lo)
            header_type::event_header32.to_i: event_header_body
            header_type::event_header64.to_i: event_header_body
            0x100: message_body

  system_body:
    doc: SYSTEM_TRACE_HEADER after its first four bytes (SYSTEM 0x20 bytes in all, COMPACT 0x18).
    params:
      - id: has_cpu_times
        type: bool
        doc: True for SYSTEM (kernel/user time present), false for COMPACT.
    seq:
      - id: size
        type: u2
        doc: Record size including the header.
      - id: hook_id
        type: u2
        doc: Group << 8 | Type.
      - id: thread_id
        type: u4
        doc: Thread id.
      - id: process_id
        type: u4
        doc: Process id.
      - id: system_time
        type: qword
        doc: Raw timestamp.
      - id: kernel_time
        type: u4
        if: has_cpu_times
        doc: Thread kernel time.
      - id: user_time
        type: u4
        if: has_cpu_times
        doc: Thread user time.

  perfinfo_body:
    doc: PERFINFO_TRACE_HEADER after its first four bytes (0x10 bytes + optional PEBS/PMC words).
    params:
      - id: version
        type: u2
        doc: Version word; 0x8000 = PEBS index present, 0x0700 = number of PMC counters.
    seq:
      - id: size
        type: u2
        doc: Record size including header and PEBS/PMC words.
      - id: hook_id
        type: u2
        doc: Group << 8 | Type.
      - id: system_time
        type: qword
        doc: Raw timestamp.
      - id: pebs_index
        type: qword
        if: (version & 0x8000) != 0
        doc: PEBS index, when flagged.
      - id: pmc_counters
        type: qword
        repeat: expr
        repeat-expr: (version & 0x700) >> 8
        doc: Performance-monitoring counter values.

  event_trace_body:
    doc: EVENT_TRACE_HEADER (FULL, 0x30 bytes) or EVENT_INSTANCE_GUID_HEADER (INSTANCE, 0x48 bytes) after the first four bytes.
    params:
      - id: is_instance
        type: bool
        doc: True for INSTANCE headers (instance ids and parent GUID follow).
    seq:
      - id: class_type
        type: u1
        doc: Event type (opcode).
      - id: class_level
        type: u1
        doc: Level.
      - id: class_version
        type: u2
        doc: Event class version.
      - id: thread_id
        type: u4
        doc: Thread id.
      - id: process_id
        type: u4
        doc: Process id.
      - id: timestamp
        type: qword
        doc: Raw timestamp.
      - id: guid
        type: guid
        doc: Event class / provider GUID.
      - id: kernel_time
        type: u4
        doc: Kernel time (or low half of ProcessorTime).
      - id: user_time
        type: u4
        doc: User time (or high half of ProcessorTime).
      - id: instance_id
        type: u4
        if: is_instance
        doc: Instance id.
      - id: parent_instance_id
        type: u4
        if: is_instance
        doc: Parent instance id.
      - id: parent_guid
        type: guid
        if: is_instance
        doc: Parent event class GUID.

  event_header_body:
    doc: EVENT_HEADER (0x50 bytes) after the first four bytes, then the extended data items when flagged.
    seq:
      - id: flags
        type: u2
        doc: Bits of enum event_header_flag.
      - id: event_property
        type: u2
        doc: Bits of enum event_property.
      - id: thread_id
        type: u4
        doc: Thread id.
      - id: process_id
        type: u4
        doc: Process id.
      - id: timestamp
        type: qword
        doc: Raw timestamp.
      - id: provider_id
        type: guid
        doc: Provider GUID.
      - id: id
        type: u2
        doc: EVENT_DESCRIPTOR Id.
      - id: version
        type: u1
        doc: EVENT_DESCRIPTOR Version.
      - id: channel
        type: u1
        doc: EVENT_DESCRIPTOR Channel.
      - id: level
        type: u1
        doc: EVENT_DESCRIPTOR Level.
      - id: opcode
        type: u1
        doc: EVENT_DESCRIPTOR Opcode.
      - id: task
        type: u2
        doc: EVENT_DESCRIPTOR Task.
      - id: keyword
        type: qword
        doc: EVENT_DESCRIPTOR Keyword.
      - id: kernel_time
        type: u4
        doc: Kernel time (or low half of ProcessorTime).
      - id: user_time
        type: u4
        doc: User time (or high half of ProcessorTime).
      - id: activity_id
        type: guid
        doc: Activity GUID.
      - id: extended_items
        type: extended_item
        repeat: until
        repeat-until: (_.linkage & 1) == 0
        if: (flags & event_header_flag::extended_info.to_i) != 0
        doc: Extended data items; the last one has Linkage bit 0 clear. User data follows.

  extended_item:
    doc: Extended data item as stored in files (8-byte header, data, zero padding to total_size).
    seq:
      - id: total_size
        type: u2
        doc: Bytes of this item including header, data and padding (8 + data_size rounded up to 8).
      - id: ext_type
        type: u2
        enum: ext_type
        doc: EVENT_HEADER_EXT_TYPE_* value.
      - id: linkage
        type: u2
        doc: Bit 0 set when another item follows.
      - id: data_size
        type: u2
        doc: Bytes of data.
      - id: data
        size: data_size
        doc: Item data, by type.
        type:
          switch-on: ext_type
          cases:
            ext_type::related_activity_id: guid
            ext_type::sid: sid
            ext_type::ts_id: u4
            ext_type::instance_info: ext_instance_info
            ext_type::stack_trace32: ext_stack_trace32
            ext_type::stack_trace64: ext_stack_trace64
            ext_type::pebs_index: qword
            ext_type::pmc_counters: ext_u8_array
            ext_type::psm_key: qword
            ext_type::event_key: qword
            ext_type::prov_traits: ext_provider_traits
            ext_type::process_start_key: qword
            ext_type::control_guid: guid
            ext_type::qpc_delta: qword
            ext_type::stack_key32: ext_stack_key32
            ext_type::stack_key64: ext_stack_key64
      - id: padding
        size: total_size - 8 - data_size
        doc: Zero padding to an 8-byte multiple.

  sid:
    doc: Security identifier (extended type 0x02).
    seq:
      - id: revision
        type: u1
        doc: SID revision (1).
      - id: sub_authority_count
        type: u1
        doc: Number of sub-authorities.
      - id: identifier_authority
        size: 6
        doc: Identifier authority, big-endian.
      - id: sub_authorities
        type: u4
        repeat: expr
        repeat-expr: sub_authority_count
        doc: Sub-authority values.

  ext_instance_info:
    doc: INSTANCE_INFO extended item (type 0x04).
    seq:
      - id: instance_id
        type: u4
        doc: Instance id.
      - id: parent_instance_id
        type: u4
        doc: Parent instance id.
      - id: parent_guid
        type: guid
        doc: Parent GUID.

  ext_stack_trace32:
    doc: STACK_TRACE32 extended item (type 0x05).
    seq:
      - id: match_id
        type: qword
        doc: Correlates kernel and user halves of a stack.
      - id: addresses
        type: u4
        repeat: eos
        doc: Return addresses.

  ext_stack_trace64:
    doc: STACK_TRACE64 extended item (type 0x06).
    seq:
      - id: match_id
        type: qword
        doc: Correlates kernel and user halves of a stack.
      - id: addresses
        type: qword
        repeat: eos
        doc: Return addresses.

  ext_u8_array:
    doc: Array of u64 values (PMC_COUNTERS, type 0x08).
    seq:
      - id: values
        type: qword
        repeat: eos
        doc: Counter values.

  ext_provider_traits:
    doc: PROV_TRAITS extended item (type 0x0C) — provider name and traits.
    seq:
      - id: size
        type: u2
        doc: Size of the traits blob including this field.
      - id: provider_name
        type: strz
        encoding: UTF-8
        doc: Provider name, NUL-terminated UTF-8.
      - id: traits
        size-eos: true
        doc: Trait entries {u16 size, u8 type, data}.

  ext_stack_key32:
    doc: STACK_KEY32 extended item (type 0x11).
    seq:
      - id: match_id
        type: qword
        doc: Match id.
      - id: stack_key
        type: u4
        doc: Key of the cached stack.
      - id: padding
        type: u4
        doc: Padding.

  ext_stack_key64:
    doc: STACK_KEY64 extended item (type 0x12).
    seq:
      - id: match_id
        type: qword
        doc: Match id.
      - id: stack_key
        type: qword
        doc: Key of the cached stack.

  message_body:
    doc: MESSAGE_TRACE_HEADER (WPP) after its first four bytes, then the optional fields selected by option_flags.
    seq:
      - id: message_number
        type: u2
        doc: Message number within the message GUID's TMF.
      - id: option_flags
        type: u2
        doc: Bits of enum message_flag, selecting the optional fields below.
      - id: sequence_number
        type: u4
        if: (option_flags & message_flag::sequence.to_i) != 0
        doc: Global sequence number (TRACE_MESSAGE_SEQUENCE).
      - id: message_guid
        type: guid
        if: (option_flags & message_flag::guid.to_i) != 0
        doc: Message GUID (TRACE_MESSAGE_GUID).
      - id: component_id
        type: u4
        if: (option_flags & message_flag::guid.to_i) == 0 and (option_flags & message_flag::component_id.to_i) != 0
        doc: Component id (TRACE_MESSAGE_COMPONENTID), instead of the GUID.
      - id: timestamp
        type: qword
        if: (option_flags & message_flag::timestamp.to_i) != 0
        doc: Raw timestamp (TRACE_MESSAGE_TIMESTAMP).
      - id: thread_id
        type: u4
        if: (option_flags & message_flag::system_info.to_i) != 0
        doc: Thread id (TRACE_MESSAGE_SYSTEMINFO).
      - id: process_id
        type: u4
        if: (option_flags & message_flag::system_info.to_i) != 0
        doc: Process id (TRACE_MESSAGE_SYSTEMINFO).

enums:
  buffer_type:
    0:
      id: generic
      doc: Ordinary event buffer.
    1:
      id: rundown
      doc: Rundown events written when a session starts or stops.
    2:
      id: ctx_swap
      doc: Context-switch buffer of the kernel logger.
    3:
      id: reftime
      doc: Reference-time buffer.
    4:
      id: header
      doc: First buffer of a file, holding the logfile-header event.
    5:
      id: batched
      doc: Batched events.
    6:
      id: empty_marker
      doc: Marker of an empty buffer.
    7:
      id: dbg_info
      doc: Debug-information buffer.

  buffer_flag:
    0x1:
      id: flush_marker
      doc: The buffer was flushed before it was full.
    0x2:
      id: events_lost
      doc: Events were lost while this buffer was in use.
    0x4:
      id: buffer_lost
      doc: A buffer was lost before this one.
    0x8:
      id: rtbackup_corrupt
      doc: Real-time backup file was corrupt.
    0x10:
      id: rtbackup
      doc: Buffer comes from a real-time backup file.
    0x20:
      id: proc_index
      doc: ETW_BUFFER_CONTEXT holds an 11-bit ProcessorIndex instead of a ProcessorNumber byte.
    0x40:
      id: compressed
      doc: Payload after the header is compressed (format in the header buffer's State).

  compression_format:
    0:
      id: none
      doc: Buffers are stored as written.
    2:
      id: lznt1
      doc: COMPRESSION_FORMAT_LZNT1.
    3:
      id: xpress
      doc: COMPRESSION_FORMAT_XPRESS (MS-XCA plain LZ77), the format ETW writes.
    4:
      id: xpress_huff
      doc: COMPRESSION_FORMAT_XPRESS_HUFF (MS-XCA LZ77 + Huffman).

  record_marker:
    0xc0:
      id: typed
      doc: TRACE_HEADER_FLAG | TRACE_HEADER_EVENT_TRACE; byte 2 of the record is its header type.
    0x90:
      id: message
      doc: TRACE_HEADER_FLAG | TRACE_MESSAGE; a MESSAGE_TRACE_HEADER (WPP) record.

  header_type:
    0x01:
      id: system32
      doc: SYSTEM_TRACE_HEADER from a 32-bit kernel logger.
    0x02:
      id: system64
      doc: SYSTEM_TRACE_HEADER from a 64-bit kernel logger.
    0x03:
      id: compact32
      doc: Compact SYSTEM_TRACE_HEADER (no CPU times), 32-bit.
    0x04:
      id: compact64
      doc: Compact SYSTEM_TRACE_HEADER (no CPU times), 64-bit.
    0x0a:
      id: full_header32
      doc: EVENT_TRACE_HEADER (classic provider), 32-bit.
    0x0b:
      id: instance32
      doc: EVENT_INSTANCE_GUID_HEADER, 32-bit.
    0x10:
      id: perfinfo32
      doc: PERFINFO_TRACE_HEADER, 32-bit.
    0x11:
      id: perfinfo64
      doc: PERFINFO_TRACE_HEADER, 64-bit.
    0x12:
      id: event_header32
      doc: EVENT_HEADER (manifest and TraceLogging providers), 32-bit.
    0x13:
      id: event_header64
      doc: EVENT_HEADER (manifest and TraceLogging providers), 64-bit.
    0x14:
      id: full_header64
      doc: EVENT_TRACE_HEADER (classic provider), 64-bit.
    0x15:
      id: instance64
      doc: EVENT_INSTANCE_GUID_HEADER, 64-bit.

  event_header_flag:
    0x1:
      id: extended_info
      doc: Extended data items follow the header.
    0x2:
      id: private_session
      doc: Logged by a private session.
    0x4:
      id: string_only
      doc: The user data is one NUL-terminated UTF-16 string.
    0x8:
      id: trace_message
      doc: Logged with TraceMessage.
    0x10:
      id: no_cputime
      doc: KernelTime and UserTime hold ProcessorTime.

  event_property:
    0x1:
      id: xml
      doc: The user data is XML.
    0x2:
      id: forwarded_xml
      doc: Forwarded event in XML.
    0x4:
      id: legacy_eventlog
      doc: Legacy event-log event.
    0x8:
      id: reloggable
      doc: The event may be relogged.

  ext_type:
    0x01:
      id: related_activity_id
      doc: Related activity GUID.
    0x02:
      id: sid
      doc: Security identifier of the user.
    0x03:
      id: ts_id
      doc: Terminal-services session id.
    0x04:
      id: instance_info
      doc: Instance and parent instance ids.
    0x05:
      id: stack_trace32
      doc: Call stack with 32-bit addresses.
    0x06:
      id: stack_trace64
      doc: Call stack with 64-bit addresses.
    0x07:
      id: pebs_index
      doc: PEBS index.
    0x08:
      id: pmc_counters
      doc: Performance-monitoring counter values.
    0x09:
      id: psm_key
      doc: PSM key.
    0x0a:
      id: event_key
      doc: Event key.
    0x0b:
      id: event_schema_tl
      doc: TraceLogging event metadata (formats/tracelogging.ksy).
    0x0c:
      id: prov_traits
      doc: Provider name and traits.
    0x0d:
      id: process_start_key
      doc: Process start key.
    0x0e:
      id: control_guid
      doc: Control GUID of the provider.
    0x0f:
      id: qpc_delta
      doc: QPC delta.
    0x10:
      id: container_id
      doc: Container id.
    0x11:
      id: stack_key32
      doc: Key of a cached call stack, 32-bit.
    0x12:
      id: stack_key64
      doc: Key of a cached call stack, 64-bit.

  message_flag:
    0x01:
      id: sequence
      doc: TRACE_MESSAGE_SEQUENCE, a u4 sequence number follows.
    0x02:
      id: guid
      doc: TRACE_MESSAGE_GUID, the message GUID follows.
    0x04:
      id: component_id
      doc: TRACE_MESSAGE_COMPONENTID, a u4 component id follows instead of the GUID.
    0x08:
      id: timestamp
      doc: TRACE_MESSAGE_TIMESTAMP, a raw timestamp follows.
    0x10:
      id: performance_timestamp
      doc: TRACE_MESSAGE_PERFORMANCE_TIMESTAMP, the timestamp is a QPC value.
    0x20:
      id: system_info
      doc: TRACE_MESSAGE_SYSTEMINFO, thread and process ids follow.
    0x40:
      id: pointer32
      doc: TRACE_MESSAGE_POINTER32, the writer had 32-bit pointers.
    0x80:
      id: pointer64
      doc: TRACE_MESSAGE_POINTER64, the writer had 64-bit pointers.

  log_file_mode:
    0x1:
      id: sequential
      doc: EVENT_TRACE_FILE_MODE_SEQUENTIAL, write until the maximum size.
    0x2:
      id: circular
      doc: EVENT_TRACE_FILE_MODE_CIRCULAR, overwrite the oldest buffers.
    0x4:
      id: append
      doc: EVENT_TRACE_FILE_MODE_APPEND, append to an existing file.
    0x8:
      id: newfile
      doc: EVENT_TRACE_FILE_MODE_NEWFILE, a new file when the maximum size is reached.
    0x10:
      id: use_ms_flush_timer
      doc: EVENT_TRACE_USE_MS_FLUSH_TIMER, the flush timer is in milliseconds.
    0x20:
      id: preallocate
      doc: EVENT_TRACE_FILE_MODE_PREALLOCATE, the file was reserved at full size (unused tail is zero).
    0x40:
      id: nonstoppable
      doc: EVENT_TRACE_NONSTOPPABLE_MODE.
    0x80:
      id: secure
      doc: EVENT_TRACE_SECURE_MODE.
    0x100:
      id: real_time
      doc: EVENT_TRACE_REAL_TIME_MODE, events were also delivered to real-time consumers.
    0x200:
      id: delay_open_file
      doc: EVENT_TRACE_DELAY_OPEN_FILE_MODE.
    0x400:
      id: buffering
      doc: EVENT_TRACE_BUFFERING_MODE, in-memory circular buffers.
    0x800:
      id: private_logger
      doc: EVENT_TRACE_PRIVATE_LOGGER_MODE.
    0x1000:
      id: add_header
      doc: EVENT_TRACE_ADD_HEADER_MODE.
    0x2000:
      id: use_kbytes_for_size
      doc: EVENT_TRACE_USE_KBYTES_FOR_SIZE, the maximum size is in KB.
    0x4000:
      id: use_global_sequence
      doc: EVENT_TRACE_USE_GLOBAL_SEQUENCE.
    0x8000:
      id: use_local_sequence
      doc: EVENT_TRACE_USE_LOCAL_SEQUENCE.
    0x10000:
      id: relog
      doc: EVENT_TRACE_RELOG_MODE, the file was written by a relogger.
    0x20000:
      id: private_in_proc
      doc: EVENT_TRACE_PRIVATE_IN_PROC.
    0x40000:
      id: buffer_interface
      doc: EVENT_TRACE_BUFFER_INTERFACE_MODE.
    0x80000:
      id: kd_filter
      doc: EVENT_TRACE_KD_FILTER_MODE.
    0x100000:
      id: realtime_relog
      doc: EVENT_TRACE_REALTIME_RELOG_MODE.
    0x200000:
      id: lost_events_debug
      doc: EVENT_TRACE_LOST_EVENTS_DEBUG_MODE.
    0x400000:
      id: stop_on_hybrid_shutdown
      doc: EVENT_TRACE_STOP_ON_HYBRID_SHUTDOWN.
    0x800000:
      id: persist_on_hybrid_shutdown
      doc: EVENT_TRACE_PERSIST_ON_HYBRID_SHUTDOWN.
    0x1000000:
      id: use_paged_memory
      doc: EVENT_TRACE_USE_PAGED_MEMORY.
    0x2000000:
      id: system_logger
      doc: EVENT_TRACE_SYSTEM_LOGGER_MODE.
    0x4000000:
      id: compressed
      doc: EVENT_TRACE_COMPRESSED_MODE, the data buffers are compressed.
    0x8000000:
      id: independent_session
      doc: EVENT_TRACE_INDEPENDENT_SESSION_MODE.
    0x10000000:
      id: no_per_processor_buffering
      doc: EVENT_TRACE_NO_PER_PROCESSOR_BUFFERING.
    0x20000000:
      id: blocking
      doc: EVENT_TRACE_BLOCKING_MODE.
    0x80000000:
      id: addto_triage_dump
      doc: EVENT_TRACE_ADDTO_TRIAGE_DUMP.

  clock_type:
    0:
      id: raw
      doc: Raw timestamps (QPC on current systems).
    1:
      id: qpc
      doc: Query performance counter.
    2:
      id: system_time
      doc: System time (100 ns FILETIME ticks).
    3:
      id: cpu_cycles
      doc: CPU cycle counter.
