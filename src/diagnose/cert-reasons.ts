// A connection's certificate problems as messages: the reason of each flag, WinHTTP error and SECURITY_STATUS the
// certificate tables know (correlate/cert-flags.ts), and the texts the trace wrote, quoted as they are.
import type { Connection } from '../correlate/types.js';
import { CERT_REASON_KIND, CERT_STATUS_CODES, CERT_WINHTTP_ERRORS, certProblem, type CertReason } from '../correlate/cert-flags.js';
import { SECURITY_STATUS_NAMES } from '../windows/security-status.js';
import { WINHTTP_ERROR_NAMES } from '../windows/winhttp-errors.js';
import { msg, type Message } from './message.js';

function reason(r: CertReason): Message {
  return msg(`cert_reason.${r}`);
}

/** A CAPI2 CERT_TRUST_* name is a code, shown as it is; any other text is the trace's words, quoted. */
const CODE = /^[A-Z][A-Z0-9_]+$/;

/** One problem a connection recorded (`Connection.certErrors`), as a message. */
export function certProblemMessage(recorded: string): Message {
  const p = certProblem(recorded);
  if (p.kind === 'reason') return reason(p.reason);
  if (p.kind === 'validation') return p.reason !== undefined ? msg('cert.validation_failed_reason', { error: p.error, reason: p.reason }) : msg('cert.validation_failed', { error: p.error });
  return CODE.test(p.text) ? msg('cert.code', { code: p.text }) : msg('cert.trace_text', { text: p.text });
}

/** Every certificate problem of a connection, each once: its recorded problems, then its WinHTTP errors and statuses. */
export function certReasons(c: Connection): Message[] {
  const out = new Map<string, Message>();
  const add = (m: Message) => out.set(JSON.stringify(m), m);
  for (const e of c.certErrors) add(certProblemMessage(e));
  for (const e of c.winhttpErrors) {
    const r = CERT_WINHTTP_ERRORS[e];
    if (r) add(msg('cert.reason_named', { reason: reason(r), name: WINHTTP_ERROR_NAMES[e] ?? String(e) }));
  }
  for (const s of c.securityStatus) {
    const r = CERT_STATUS_CODES[s >>> 0];
    if (r) add(msg('cert.reason_named', { reason: reason(r), name: SECURITY_STATUS_NAMES[s >>> 0] ?? String(s) }));
  }
  return [...out.values()];
}

/** What the certificate problems of these connections ask of the fix. */
export function certFixNeeds(cs: readonly Connection[]): { untrusted: boolean; revocation: boolean; nameMismatch: boolean } {
  const kinds = new Set<string>();
  const texts: string[] = [];
  for (const c of cs) {
    for (const e of c.certErrors) {
      const p = certProblem(e);
      if (p.kind === 'reason') kinds.add(CERT_REASON_KIND[p.reason]);
      else if (p.kind === 'text') texts.push(p.text);
    }
    for (const e of c.winhttpErrors) if (CERT_WINHTTP_ERRORS[e]) kinds.add(CERT_REASON_KIND[CERT_WINHTTP_ERRORS[e]!]);
    for (const s of c.securityStatus) if (CERT_STATUS_CODES[s >>> 0]) kinds.add(CERT_REASON_KIND[CERT_STATUS_CODES[s >>> 0]!]);
    if (c.alert) texts.push(c.alert);
  }
  // The trace's own texts (WinRM's error lines, CAPI2's CERT_TRUST_* names, the alert) say it in Windows' words.
  const said = texts.join(' ');
  return {
    untrusted: kinds.has('untrusted') || /untrusted|unknown (or untrusted )?certificate authority|unknown_ca|UNTRUSTED/i.test(said),
    revocation: kinds.has('revocation') || /revocation|REVOCATION/i.test(said),
    nameMismatch: kinds.has('name') || /does not match|CN_NO_MATCH|principal name/i.test(said),
  };
}
