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
    doc: One byte of a tag value; 7 bits of tag per byte, bit 0x80 = another byte follows.
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
        repeat-until: (_.b & 0x80) == 0
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
        doc: Low 5 bits in-type; bits 0x60 count mode (0 scalar, 0x20 constant count, 0x40 variable count, 0x60 custom); 0x80 out-meta follows.
      - id: out_meta
        type: u1
        if: (in_meta & 0x80) != 0
        doc: Low 7 bits out-type (for a struct, its member count); 0x80 tags follow.
      - id: tags
        type: tag_byte
        repeat: until
        repeat-until: (_.b & 0x80) == 0
        if: (in_meta & 0x80) != 0 and (out_meta & 0x80) != 0
        doc: Field tags.
      - id: value_count
        type: u2
        if: (in_meta & 0x60) == 0x20
        doc: Element count of a constant-count array.
      - id: type_info_size
        type: u2
        if: (in_meta & 0x60) == 0x60
        doc: Length of the custom type's schema.
      - id: type_info
        size: type_info_size
        if: (in_meta & 0x60) == 0x60
        doc: Custom type schema (opaque).
    instances:
      in_type:
        value: in_meta & 0x1f
        doc: The in-type (1 UTF-16 string … 24 struct, 25 counted binary).
      count_mode:
        value: in_meta & 0x60
        doc: 0 scalar, 0x20 constant-count array, 0x40 variable-count array, 0x60 custom.
      out_type:
        value: '(in_meta & 0x80) != 0 ? (out_meta & 0x7f) : 0'
        doc: The out-type (formatting hint), 0 when absent.
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
