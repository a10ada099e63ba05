// The TraceEvent the ETL decoder hands out. Its message is rendered from the template on first read: most
// events (packets above all) are turned into observations from their fields and never show their message;
// evidence lines and the `events` command read it and get the same text as an eager rendering.
import type { HeaderKind } from '../etl/types.js';
import type { DecodedBy, Fields, TraceEvent } from './types.js';
import type { EventSchema, MapTable } from './schema.js';
import { renderMessage, renderMessagePieces } from './render.js';

export class DecodedEvent implements TraceEvent {
  eventName?: string;
  fields: Fields = {};
  decodedBy: DecodedBy = 'none';
  payload?: Uint8Array;
  activityId?: string;
  provider: string;
  /**
   * The schema `fields` was read with (undefined for kernel and undecoded events): `fields` then holds its
   * fields in schema order, one key per field name. Writers lay out their output once per schema from it.
   */
  fieldSchema: EventSchema | undefined;
  private text: string | undefined;
  /** The template and its inputs until the message is rendered (kept flat: no object per event). */
  private templateSchema: EventSchema | undefined;
  private templateFields: Fields | undefined;
  private templateMaps: MapTable | undefined;

  constructor(
    readonly time: bigint,
    readonly cpu: number,
    readonly pid: number,
    readonly tid: number,
    readonly providerGuid: string,
    readonly id: number,
    readonly version: number,
    readonly opcode: number,
    readonly task: number,
    readonly level: number,
    readonly keyword: bigint,
    readonly headerKind: HeaderKind,
    readonly pointerSize: 4 | 8,
    readonly source: { file: string; offset?: number },
  ) {
    this.provider = providerGuid;
  }

  get message(): string | undefined {
    const schema = this.templateSchema;
    if (schema !== undefined) {
      const fields = this.templateFields!;
      const maps = this.templateMaps;
      this.forgetTemplate();
      try {
        this.text = renderMessage(schema.message!, schema, fields, maps);
      } catch {
        // A template that does not fit its fields: the event keeps its fields and goes without a message.
        this.text = undefined;
      }
    }
    return this.text;
  }

  /**
   * The message as the pieces it is made of (see renderMessagePieces), for writers that copy them out without
   * making the string; undefined when there is no message. Rendering this way keeps nothing: `message` stays as it was.
   */
  messagePieces(): readonly string[] | undefined {
    const schema = this.templateSchema;
    if (schema === undefined) return this.text === undefined ? undefined : [this.text];
    try {
      return renderMessagePieces(schema.message!, schema, this.templateFields!, this.templateMaps);
    } catch {
      return undefined;
    }
  }

  set message(text: string | undefined) {
    this.forgetTemplate();
    this.text = text;
  }

  /** The message is `schema.message` filled with `fields`, rendered when first read. */
  renderLater(schema: EventSchema, fields: Fields, maps: MapTable | undefined): void {
    this.text = undefined;
    this.templateSchema = schema;
    this.templateFields = fields;
    this.templateMaps = maps;
  }

  private forgetTemplate(): void {
    this.templateSchema = undefined;
    this.templateFields = undefined;
    this.templateMaps = undefined;
  }
}
