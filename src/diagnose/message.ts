// Report texts in no particular language: a message-catalog key with the values of its placeholders. Diagnosis
// states what it found this way and never writes a sentence itself; the report layer renders the messages in the
// reader's language (src/report/i18n). Numbers stay numbers, codes and names stay strings.

export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, MessageParam>>;
}

/**
 * Texts joined by a separator the catalogs name: `sep.sentence` (a space between English sentences, nothing
 * between Japanese ones), `sep.clause` (statements that each could end a sentence), `sep.items` (phrases of an
 * enumeration: reasons, places).
 */
export interface MessageList {
  readonly items: readonly MessageParam[];
  readonly sep: 'sentence' | 'clause' | 'items';
}

export type MessageParam = string | number | Message | MessageList;

export function msg(key: string, params?: Readonly<Record<string, MessageParam>>): Message {
  return params ? { key, params } : { key };
}

/** The given parts that are present, joined by `sep`. */
export function joined(sep: MessageList['sep'], parts: readonly (MessageParam | undefined | false)[]): MessageList {
  return { sep, items: parts.filter((p): p is MessageParam => p !== undefined && p !== false) };
}

/** Sentences one after the other; absent ones are left out. */
export function sentences(...parts: (MessageParam | undefined | false)[]): MessageList {
  return joined('sentence', parts);
}

export function isMessage(p: MessageParam): p is Message {
  return typeof p === 'object' && 'key' in p;
}
