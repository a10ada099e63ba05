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
    type: 'trace_logfile_header(logfile_event.header_type == 1 ? 4 : 8)'
    doc: TRACE_LOGFILE_HEADER; header type 1 selects the 32-bit layout, 2 the 64-bit one.

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
        doc: ETW_BUFFER_STATE; 3 (flush) in data buffers. In the header buffer the low word is the compression format (0 none, 2 LZNT1, 3 XPRESS, 4 XPRESS Huffman).
      - id: filled_bytes
        type: u4
        doc: Size of valid data including this header; events end here (not at saved_offset).
      - id: buffer_flag
        type: u2
        doc: 0x1 FLUSH_MARKER, 0x2 EVENTS_LOST, 0x4 BUFFER_LOST, 0x8 RTBACKUP_CORRUPT, 0x10 RTBACKUP, 0x20 PROC_INDEX, 0x40 COMPRESSED.
      - id: buffer_type
        type: u2
        doc: 0 GENERIC, 1 RUNDOWN, 2 CTX_SWAP, 3 REFTIME, 4 HEADER, 5 BATCHED, 6 EMPTY_MARKER, 7 DBG_INFO.
      - id: reference_clock
        size: 16
        doc: ETW_REF_CLOCK / list-entry union; kernel pointers in files, ignored.
    instances:
      processor_index:
        value: '(buffer_flag & 0x20) != 0 ? (context_processor & 0x7ff) : (context_processor & 0xff)'
        doc: CPU that wrote this buffer; Windows 7 layout keeps it in the low byte only.
      is_compressed:
        value: '(buffer_flag & 0x40) != 0'
        doc: Payload after the header is an MS-XCA stream of saved_offset - 0x48 decompressed bytes.

  system_trace_header:
    doc: SYSTEM_TRACE_HEADER (header types 1/2, 0x20 bytes) and COMPACT (3/4, 0x18 bytes) — kernel events.
    seq:
      - id: version
        type: u2
        doc: Event (MOF class) version.
      - id: header_type
        type: u1
        doc: 1 SYSTEM32, 2 SYSTEM64, 3 COMPACT32, 4 COMPACT64.
      - id: marker_flags
        type: u1
        doc: 0xC0 (TRACE_HEADER_FLAG | TRACE_HEADER_EVENT_TRACE).
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
        if: header_type == 1 or header_type == 2
        doc: Thread kernel time (SYSTEM only).
      - id: user_time
        type: u4
        if: header_type == 1 or header_type == 2
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
        doc: EVENT_TRACE_* log file mode flags.
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
        doc: ReservedFlags — clock type 0 raw, 1 QPC, 2 system time, 3 CPU cycles.
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
        doc: Header type (typed headers) or reserved flags byte (MESSAGE).
      - id: marker_flags
        type: u1
        doc: 0xC0 typed header, 0x90 MESSAGE; anything else is not a record.
      - id: body
        doc: Rest of the header, by header type.
        type:
          switch-on: 'marker_flags == 0x90 ? 0x100 : (marker_flags == 0xc0 ? header_type : 0x200)'
          cases:
            0x01: system_body(true)
            0x02: system_body(true)
            0x03: system_body(false)
            0x04: system_body(false)
            0x0a: event_trace_body(false)
            0x14: event_trace_body(false)
            0x0b: event_trace_body(true)
            0x15: event_trace_body(true)
            0x10: perfinfo_body(marker_lo)
            0x11: perfinfo_body(marker_lo)
            0x12: event_header_body
            0x13: event_header_body
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
        doc: 0x1 EXTENDED_INFO, 0x2 PRIVATE_SESSION, 0x4 STRING_ONLY, 0x8 TRACE_MESSAGE, 0x10 NO_CPUTIME.
      - id: event_property
        type: u2
        doc: 0x1 XML, 0x2 FORWARDED_XML, 0x4 LEGACY_EVENTLOG, 0x8 RELOGGABLE.
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
        if: (flags & 1) != 0
        doc: Extended data items; the last one has Linkage bit 0 clear. User data follows.

  extended_item:
    doc: Extended data item as stored in files (8-byte header, data, zero padding to total_size).
    seq:
      - id: total_size
        type: u2
        doc: Bytes of this item including header, data and padding (8 + data_size rounded up to 8).
      - id: ext_type
        type: u2
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
            0x01: guid
            0x02: sid
            0x03: u4
            0x04: ext_instance_info
            0x05: ext_stack_trace32
            0x06: ext_stack_trace64
            0x07: qword
            0x08: ext_u8_array
            0x09: qword
            0x0a: qword
            0x0c: ext_provider_traits
            0x0d: qword
            0x0e: guid
            0x0f: qword
            0x11: ext_stack_key32
            0x12: ext_stack_key64
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
        doc: TRACE_MESSAGE_* flags selecting the optional fields below.
      - id: sequence_number
        type: u4
        if: (option_flags & 0x1) != 0
        doc: Global sequence number (TRACE_MESSAGE_SEQUENCE).
      - id: message_guid
        type: guid
        if: (option_flags & 0x2) != 0
        doc: Message GUID (TRACE_MESSAGE_GUID).
      - id: component_id
        type: u4
        if: (option_flags & 0x2) == 0 and (option_flags & 0x4) != 0
        doc: Component id (TRACE_MESSAGE_COMPONENTID), instead of the GUID.
      - id: timestamp
        type: qword
        if: (option_flags & 0x8) != 0
        doc: Raw timestamp (TRACE_MESSAGE_TIMESTAMP).
      - id: thread_id
        type: u4
        if: (option_flags & 0x20) != 0
        doc: Thread id (TRACE_MESSAGE_SYSTEMINFO).
      - id: process_id
        type: u4
        if: (option_flags & 0x20) != 0
        doc: Process id (TRACE_MESSAGE_SYSTEMINFO).
