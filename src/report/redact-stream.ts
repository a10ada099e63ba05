// `--redact` for the streaming commands (events, flows): a stream that redacts each line before passing it on.
// Line by line keeps memory bounded; pseudonyms never contain line breaks, quotes or commas, so JSON Lines and
// CSV stay well-formed.
import { Transform, type Writable } from 'node:stream';
import type { Redactor } from './redact.js';

export function redactingStream(out: Writable, redactor: Redactor): Transform {
  let pending = '';
  const t = new Transform({
    decodeStrings: false,
    transform(chunk: Buffer | string, _enc, done) {
      pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const cut = pending.lastIndexOf('\n');
      if (cut >= 0) {
        const lines = pending.slice(0, cut + 1);
        pending = pending.slice(cut + 1);
        done(null, lines.replace(/[^\n]+/g, (l) => redactor.text(l)));
      } else done();
    },
    flush(done) {
      done(null, pending ? redactor.text(pending) : '');
    },
  });
  t.pipe(out, { end: false });
  return t;
}

/** Ends a redacting stream and waits until everything reached `out`. */
export async function endRedacting(t: Transform): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    t.once('error', reject);
    t.once('end', resolve);
    t.end();
  });
}
