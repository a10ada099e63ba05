// What a lower layer (a reader, the packet analysis) has to say, in no particular language: a message-catalog key
// with the values of its placeholders. The report layer renders it in the reader's language (src/report/i18n);
// the English catalog text of each key is the text of the English reports and of the JSON record.
//
// Where a text must stay a string (an evidence reference's `text`), the message travels inside it, encoded once
// here: MARK, the message as JSON, END. JSON escapes both control characters, so an encoded message can carry
// another one as a parameter, and a string that joins several encoded messages still decodes piece by piece.

export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, MessageValue>>;
}

export type MessageValue = string | number | Message;

const MARK = '\u0001';
const END = '\u0002';
const ENCODED = /\u0001([^\u0002]*)\u0002/g;

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
 * A fact a lower layer states for two readers: `message`, the English line that stderr, `info` and the JSON record
 * have always shown, and `detail`, the same fact as a catalog message whose English text is that line.
 */
export interface Described {
  readonly message: string;
  readonly detail: Message;
}

export function described(english: string, key: string, params?: Readonly<Record<string, MessageValue>>): Described {
  return { message: english, detail: message(key, params) };
}
