// The TraceEvent the ETL decoder hands out. Its message is rendered from the template on first read: most
// events (packets above all) are turned into observations from their fields and never show their message;
// evidence lines and the `events` command read it and get the same text as an eager rendering.
import type { HeaderKind } from '../etl/types.js';
import type { DecodedBy, Fields, TraceEvent } from './types.js';
import type { EventSchema, MapTable } from './schema.js';
import { renderMessage } from './render.js';

interface Template {
  schema: EventSchema;
  fields: Fields;
  maps: MapTable | undefined;
}

export class DecodedEvent implements TraceEvent {
  eventName?: string;
  fields: Fields = {};
  decodedBy: DecodedBy = 'none';
  payload?: Uint8Array;
  activityId?: string;
  provider: string;
  private text: string | undefined;
  private template: Template | undefined;

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
    const t = this.template;
    if (t !== undefined) {
      this.template = undefined;
      try {
        this.text = renderMessage(t.schema.message!, t.schema, t.fields, t.maps);
      } catch {
        // A template that does not fit its fields: the event keeps its fields and goes without a message.
        this.text = undefined;
      }
    }
    return this.text;
  }

  set message(text: string | undefined) {
    this.template = undefined;
    this.text = text;
  }

  /** The message is `schema.message` filled with `fields`, rendered when first read. */
  renderLater(schema: EventSchema, fields: Fields, maps: MapTable | undefined): void {
    this.text = undefined;
    this.template = { schema, fields, maps };
  }
}
