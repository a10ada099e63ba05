// Message catalogs: one data file per language (en.json, ja.json) with the same keys, the one source of every
// sentence the program says (the reports' words, and what the readers and the analysis state as catalog messages,
// whose English text is also their stderr, `info` and JSON line). Every layer may render them;
// `{name}` placeholders are filled by t(); `{name:one|many}` is a count with its noun in the right number
// (`1 connection`, `1,217 connections`; a count passed as text, `1217`, is written as it is). Codes, JSON keys,
// CSV headers and registry paths never come from here.
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };

export const LANGS = ['en', 'ja'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageKey = keyof typeof en;

export const CATALOGS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en, ja };

export interface Messages {
  readonly lang: Lang;
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
}

const PLACEHOLDER = /\{(\w+)(?::([^{}|]*)\|([^{}]*))?\}/g;

/** The placeholders a message uses, e.g. `['name', 'count']`. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function messages(lang: Lang): Messages {
  const table = CATALOGS[lang];
  return {
    lang,
    t(key, params = {}) {
      const template = table[key] ?? CATALOGS.en[key] ?? key;
      return template.replace(PLACEHOLDER, (whole, name: string, one?: string, many?: string) => {
        if (!(name in params)) return whole;
        const value = params[name]!;
        if (one === undefined) return String(value);
        // A number is written with thousands separators; a count given as text is written as it is.
        const n = typeof value === 'number' ? value : Number(value);
        if (Number.isNaN(n)) return String(value);
        return `${typeof value === 'number' ? value.toLocaleString('en-US') : value} ${n === 1 ? one : many}`;
      });
    },
  };
}

/** `ja` when the locale (LC_ALL, then LC_MESSAGES, then LANG) is Japanese, else `en`. */
export function langFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ja(?:[_.@-]|$)/i.test(locale) ? 'ja' : 'en';
}

export function isLang(s: string): s is Lang {
  return (LANGS as readonly string[]).includes(s);
}
