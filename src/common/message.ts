// What a lower layer (a reader, the packet analysis) has to say, in no particular language: a message-catalog key
// with the values of its placeholders. The report layer renders it in the reader's language; its English rendering
// (`englishText`, from the same catalog, src/common/i18n) is the line of stderr, `info` and the JSON record.
//
// Where a text must stay a string (an evidence reference's `text`), the message travels inside it, encoded once
// here: MARK, the message as JSON, END. JSON escapes both control characters, so an encoded message can carry
// another one as a parameter, and a string that joins several encoded messages still decodes piece by piece.
// A trace's own text can hold any character, the marks too, so MARK carries a token drawn once per thread (as a
// MIME boundary is chosen not to occur in its parts): trace text can neither break nor forge an encoded message.
// Messages are encoded and rendered in the same thread (an analysis renders its own outputs).

import { randomBytes } from 'node:crypto';
import { messages, type MessageKey, type Messages } from './i18n/catalog.js';

export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, MessageValue>>;
}

export type MessageValue = string | number | Message;

const TOKEN = randomBytes(6).toString('hex');
const MARK = `\u0001${TOKEN}`;
const END = '\u0002';
const ENCODED = new RegExp(`\u0001${TOKEN}([^\u0002]*)\u0002`, 'g');

export function message(key: string, params?: Readonly<Record<string, MessageValue>>): Message {
  return params ? { key, params } : { key };
}

/** The message as a string that `decodeMessages` turns back into it. */
export function encodeMessage(m: Message): string {
  return MARK + JSON.stringify(m) + END;
}

/** Whether a string carries an encoded message (a cheap test for the common case of plain trace text). */
export function carriesMessage(text: string): boolean {
  return text.includes(MARK);
}

/** The text with each encoded message in it replaced by `render(message)`. */
export function decodeMessages(text: string, render: (m: Message) => string): string {
  if (!carriesMessage(text)) return text;
  return text.replace(ENCODED, (_, json: string) => render(JSON.parse(json) as Message));
}

/**
 * The text of a message in the language of `m`. Numbers are written as they are (`1217`, no grouping), and texts
 * as they are: a parameter that is text is what the trace or the system said.
 */
export function messageText(m: Messages, x: MessageValue): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return String(x);
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(x.params ?? {})) params[k] = messageText(m, v);
  return m.t(x.key as MessageKey, params);
}

/** The message with `map` applied to every text among its parameters, nested messages' too (paths swapped, names redacted). */
export function mapMessageTexts(m: Message, map: (text: string) => string): Message {
  if (!m.params) return m;
  const params: Record<string, MessageValue> = {};
  for (const [k, v] of Object.entries(m.params)) params[k] = typeof v === 'string' ? map(v) : typeof v === 'number' ? v : mapMessageTexts(v, map);
  return { key: m.key, params };
}

const english = messages('en');

/** The English text of a message: what stderr, `info`, the JSON record and an Error's `message` say. */
export function englishText(x: Message): string {
  return messageText(english, x);
}

/**
 * A fact a lower layer states for two readers: `detail`, the catalog message, and `message`, its English text
 * (the line stderr, `info` and the JSON record show).
 */
export interface Described {
  readonly message: string;
  readonly detail: Message;
}

export function described(key: MessageKey, params?: Readonly<Record<string, MessageValue>>): Described {
  const detail = message(key, params);
  return { message: englishText(detail), detail };
}
