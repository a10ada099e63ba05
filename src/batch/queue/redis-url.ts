// `--queue redis://[USER:PASSWORD@]HOST:PORT[/DB]` (or `rediss://` for TLS): parsed into connection options, and
// masked wherever it could be printed, so a Redis password never reaches a log, a progress line or an error.
import type { RedisOptions } from 'ioredis';

export interface QueueLocation {
  /** The URL with its password replaced by `***`: the only form that is ever printed. */
  display: string;
  connection: RedisOptions;
  /** Secrets to mask in any text that may echo them (the password, raw and URL-encoded). */
  secrets: string[];
}

export class QueueUrlError extends Error {}

/** Parses a queue URL; throws QueueUrlError (its message already masked) when it is not a Redis URL. */
export function parseQueueUrl(text: string): QueueLocation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUrlError(`not a URL: ${maskUrlText(text)} (expected redis://HOST:PORT[/DB])`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new QueueUrlError(`not a Redis URL: ${maskUrlText(text)} (expected redis://HOST:PORT[/DB] or rediss://…)`);
  }
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw new QueueUrlError(`the database in ${maskUrlText(text)} must be a number (redis://HOST:PORT/DB)`);
  const password = decodeURIComponent(url.password);
  const username = decodeURIComponent(url.username);
  const connection: RedisOptions = {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    db: dbText === '' ? 0 : Number(dbText),
    ...(password ? { password } : {}),
    ...(username && password ? { username } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's workers block on Redis; they need commands retried, not failed, while a connection is re-made.
    maxRetriesPerRequest: null,
  };
  const secrets = password ? [password, url.password, encodeURIComponent(password)].filter((s, i, a) => s !== '' && a.indexOf(s) === i) : [];
  return { display: maskUrlText(text), connection, secrets };
}

/** `redis://user:secret@host:6379/2` → `redis://user:***@host:6379/2` (any scheme); text without credentials is unchanged. */
export function maskUrlText(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^@/\s]*)@/gi, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon >= 0 ? `${auth.slice(0, colon)}:***` : '***'}@`;
  });
}

/** Removes every secret of `where` (and any credentials in a Redis URL) from `text`. */
export function maskSecrets(text: string, where: QueueLocation | undefined): string {
  let out = maskUrlText(text);
  for (const s of where?.secrets ?? []) out = out.split(s).join('***');
  return out;
}
