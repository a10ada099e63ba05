// Redaction for `--redact`: replaces what identifies a customer (user names, computer names, IP addresses,
// customer and tenant domains, Windows SIDs) with consistent pseudonyms, so results can be shared. Within one
// redactor the same original always gets the same pseudonym; Microsoft service host names stay readable because
// they are what the diagnosis is about.
//
// Pseudonyms: IPv4 → addresses from the RFC 5737 documentation ranges (192.0.2.x, 198.51.100.x, 203.0.113.x,
// then `ip-N`), IPv6 → 2001:db8::N (RFC 3849), users → `user-N`, NetBIOS domains → `domain-N`, computers →
// `host-N`, customer domains and tenants → `tenant-N.example` (RFC 2606), SIDs → `S-1-5-21-0-0-0-N`, the
// components of certificate names that are not a public CA's → `org-N` / `name-N` / `place-N`, directories of
// file paths (case folders on the analyst's disk, customer folders on Windows) → `dir-N`.
// The pseudonyms themselves are never matched again, so redacting twice is harmless.
import { isIPv4, isIPv6 } from 'node:net';
import {
  READABLE_DOMAINS,
  TENANT_BEARING_SUFFIXES,
  TENANT_DOMAINS,
  HOST_TLDS,
  INTERNAL_TLDS,
  PUBLIC_SECOND_LEVEL,
  READABLE_HOST_LABELS,
  READABLE_USERS,
  READABLE_ACCOUNT_DOMAINS,
  NEVER_LEARNED,
  PUBLIC_CA_WORDS,
  READABLE_DIRS,
} from './redact-tables.js';

export { READABLE_DOMAINS } from './redact-tables.js';

export interface Redactor {
  /** Redacts free text (a line, a path, a message). */
  text(s: string): string;
  /** Redacts every string (and object key) inside a value, deeply; other values are returned unchanged. */
  value(v: unknown): unknown;
  /**
   * Learns the folder names of an input path (relative ones too: `uploads/Contoso-4711/NetTrace.etl`), so they
   * are replaced wherever they appear; call it before redacting.
   */
  learnPath(path: string): void;
}

/** Object keys whose string value is a computer name. */
const COMPUTER_KEY = /^(computer|computer_?name|machine|machine_?name|host_?name|workstation|client_?name|device_?name)$/i;

const IPV4_CANDIDATE = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g;
const IPV6_CANDIDATE = /(?<![\w:.])(?=[0-9A-Fa-f]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:.]{2,}(?:%[\w.]+)?/g;
const FQDN = /(?<![A-Za-z0-9.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9]|\.[A-Za-z0-9])/g;
const PROFILE_PATH = /((?:[A-Za-z]:)?(?:\\{1,2}|\/)(?:Users|Documents and Settings|home)(?:\\{1,2}|\/))([^\\/\r\n"'<>|:*?]+)/gi;
// `DOMAIN\user`: NetBIOS domains are written in capitals by Windows, which keeps registry and file paths
// (`Internet Settings\WinHttp`) out; after a `User:`/`Account:`/`-Credential` label any case is accepted.
const ACCOUNT = /(?<![\w\\/:.$%-])([A-Z][A-Z0-9-]{0,14})(\\{1,2})([A-Za-z0-9][A-Za-z0-9._-]{0,63}\$?)(?![\w\\/$-])/g;
const LABELLED_ACCOUNT =
  /(\b(?:User|User ?name|Account|Account name|Credential|Logon|Principal|Identity|Owner|RunAs)\s*[:=]?\s*['"]?)([A-Za-z][A-Za-z0-9-]{0,14})(\\{1,2})([A-Za-z0-9][A-Za-z0-9._-]{0,63}\$?)(?![\w\\/$-])/gi;
const EMAIL = /(?<![\w.%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-])/g;
const SID = /\bS-1-5-21-\d+-\d+-\d+(?:-\d+)?\b/g;
const UNC = /(\\\\)([A-Za-z0-9][A-Za-z0-9-]{0,62})(?=\\)/g;
const COMPUTER_CONTEXT =
  /(<Computer>|\b(?:Computer|ComputerName|Computer name|Machine|MachineName|Machine name|Hostname|Host name|Workstation)\s*[:=]\s*)([A-Za-z0-9][A-Za-z0-9-]{1,62})(?![\w.-])/g;
/** One component of an X.500 distinguished name, as certificates print them (`O=Contoso Ltd`, `CN=Contoso Root`). */
const DN_COMPONENT = /(?<![A-Za-z0-9])(CN|OU|O|L|ST|S|STREET|DC|PostalCode|SERIALNUMBER)=("[^"]*"|[^,;+=\r\n"]*?)(?=\s*(?:[,;+]|$|["\r\n]|\s+(?:CN|OU|O|L|ST|S|C|DC)=))/g;
/** `/some/dir/` of an absolute POSIX path (the analyst's case folders), up to the last slash. */
const POSIX_DIRS = /(?<=^|[\s"'(=[,])\/(?:[^/\s"',;:()\]]+\/)+/g;
/** `C:\dir\dir\` of a Windows drive path, up to the last backslash. */
const WINDOWS_DIRS = /(?<![\w\\])([A-Za-z]:\\{1,2})((?:[^\\\s"',;:*?<>|]+\\{1,2})+)/g;
const DEFAULT_COMPUTER_NAME = /\b(?:WIN|DESKTOP|LAPTOP|EC2AMAZ)-[A-Z0-9]{5,15}\b/g;

const DOC_V4_RANGES = ['192.0.2.', '198.51.100.', '203.0.113.'];

function isKeptIPv4(ip: string): boolean {
  const a = Number(ip.split('.')[0]);
  return a === 0 || a === 127 || a >= 224 || DOC_V4_RANGES.some((p) => ip.startsWith(p));
}

function isKeptIPv6(ip: string): boolean {
  const lower = ip.toLowerCase();
  return lower === '::' || lower === '::1' || lower.startsWith('2001:db8:') || lower.startsWith('ff');
}

function endsWithDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith('.' + domain);
}

/** True for host names that stay readable (Microsoft services, public certificate authorities, reserved names). */
export function isReadableHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/\.(example|test|invalid|localhost)$/.test(h)) return true;
  if (TENANT_BEARING_SUFFIXES.some((d) => h.endsWith('.' + d))) return false;
  if (TENANT_DOMAINS.some((d) => h.endsWith('.' + d))) return false;
  return READABLE_DOMAINS.some((d) => endsWithDomain(h, d));
}

function registrableDomain(labels: string[]): number {
  const n = labels.length;
  if (n >= 3 && labels[n - 1]!.length === 2 && PUBLIC_SECOND_LEVEL.has(labels[n - 2]!)) return 3;
  return 2;
}

/** Dotted names that are code identifiers (System.Net, Microsoft.Exchange.Data), not host names. */
function looksLikeIdentifier(labels: string[]): boolean {
  if (['System', 'Microsoft', 'Windows'].includes(labels[0]!)) return true;
  return labels.slice(0, -1).some((l) => /[a-z][A-Z]/.test(l));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

class PseudonymTable {
  private readonly byOriginal = new Map<string, string>();
  private next = 1;
  constructor(private readonly make: (n: number) => string) {}
  get(original: string): string {
    let p = this.byOriginal.get(original);
    if (p === undefined) {
      p = this.make(this.next++);
      this.byOriginal.set(original, p);
    }
    return p;
  }
}

/** A new redactor; keep one per run so pseudonyms stay consistent across every output file. */
export function createRedactor(): Redactor {
  const issued = new Set<string>();
  const track = (make: (n: number) => string) =>
    new PseudonymTable((n) => {
      const p = make(n);
      issued.add(p.toLowerCase());
      return p;
    });
  const reservedV4 = new Set<string>();
  let v4Next = 1;
  const ipv4 = new PseudonymTable(() => {
    for (;;) {
      const n = v4Next++;
      const range = Math.floor((n - 1) / 254);
      const p = range < DOC_V4_RANGES.length ? `${DOC_V4_RANGES[range]}${((n - 1) % 254) + 1}` : `ip-${n - 254 * 3}`;
      if (!reservedV4.has(p)) {
        issued.add(p);
        return p;
      }
    }
  });
  const ipv6 = track((n) => `2001:db8::${n.toString(16)}`);
  const users = track((n) => `user-${n}`);
  const accountDomains = track((n) => `domain-${n}`);
  const hosts = track((n) => `host-${n}`);
  const tenants = track((n) => `tenant-${n}.example`);
  const sids = track((n) => `S-1-5-21-0-0-0-${n}`);
  const orgs = track((n) => `org-${n}`);
  const names = track((n) => `name-${n}`);
  const places = track((n) => `place-${n}`);
  const dirs = track((n) => `dir-${n}`);

  /** Bare words learned from context (computer, user, domain and tenant names) → their pseudonym. */
  const learned = new Map<string, string>();
  let learnedPattern: RegExp | undefined;

  const learn = (word: string, pseudonym: string, minLength: number): void => {
    const key = word.toLowerCase();
    if (key.length < minLength || NEVER_LEARNED.has(key) || issued.has(key) || learned.has(key)) return;
    learned.set(key, pseudonym);
    learnedPattern = undefined;
  };

  const user = (name: string): string => {
    if (READABLE_USERS.has(name.toLowerCase()) || issued.has(name.toLowerCase())) return name;
    const p = users.get(name.toLowerCase());
    learn(name, p, 3);
    return p;
  };

  const computer = (name: string): string => {
    const key = name.toLowerCase();
    if (issued.has(key) || NEVER_LEARNED.has(key) || isIPv4(name) || /^(0x)?[0-9a-f]+$/i.test(name) || /^\d/.test(name)) return name;
    const p = hosts.get(key);
    learn(name, p, 3);
    return p;
  };

  /**
   * A host name's pseudonym. The customer's organisation name (`contoso` of contoso.com) is also learned as a bare
   * word when the domain is clearly the customer's: a tenant, a sign-in (UPN) domain, or an internal TLD.
   */
  const host = (fqdn: string, customerDomain = false): string => {
    const trimmed = fqdn.replace(/\.$/, '');
    const labels = trimmed.split('.');
    const tld = labels[labels.length - 1]!.toLowerCase();
    if (!HOST_TLDS.has(tld) || looksLikeIdentifier(labels)) return fqdn;
    const lower = trimmed.toLowerCase();
    if (issued.has(lower) || isReadableHost(lower)) return fqdn;
    const suffix = fqdn.endsWith('.') ? '.' : '';
    const tenantDomain = TENANT_DOMAINS.find((d) => lower.endsWith('.' + d));
    if (tenantDomain) {
      const tenantLabel = lower.slice(0, -tenantDomain.length - 1).split('.').pop()!;
      const p = tenants.get('onmicrosoft:' + tenantLabel);
      learn(tenantLabel, p.replace(/\.example$/, ''), 4);
      return p + suffix;
    }
    const bearing = TENANT_BEARING_SUFFIXES.find((d) => lower.endsWith('.' + d));
    if (bearing) {
      const prefix = lower.slice(0, -bearing.length - 1);
      return `${tenants.get('label:' + prefix).replace(/\.example$/, '')}.${bearing}${suffix}`;
    }
    const n = registrableDomain(labels.map((l) => l.toLowerCase()));
    if (labels.length < n) return fqdn;
    const registrable = labels.slice(-n).join('.').toLowerCase();
    const tenant = tenants.get(registrable);
    if (customerDomain || INTERNAL_TLDS.has(tld)) learn(labels[labels.length - n]!, tenant.replace(/\.example$/, ''), 4);
    if (labels.length === n) return tenant + suffix;
    const rest = labels.slice(0, -n);
    const first = rest[0]!;
    const kept = rest.length === 1 && READABLE_HOST_LABELS.has(first.toLowerCase());
    const hostPart = kept ? first : hosts.get(rest.join('.').toLowerCase());
    if (rest.length === 1 && !kept) learn(first, hostPart, 4);
    return `${hostPart}.${tenant}${suffix}`;
  };

  /** `DOMAIN\\name` with both parts replaced, or undefined when it identifies nobody (NT AUTHORITY\\SYSTEM …). */
  const account = (domain: string, sep: string, name: string): string | undefined => {
    if (READABLE_ACCOUNT_DOMAINS.has(domain.toLowerCase()) || /^[A-Za-z]$/.test(domain)) return undefined;
    if (issued.has(domain.toLowerCase())) return undefined;
    const d = accountDomains.get(domain.toLowerCase());
    learn(domain, d, 4);
    const who = name.endsWith('$') ? computer(name.slice(0, -1)) + '$' : user(name);
    return `${d}${sep}${who}`;
  };

  /** A DN component's value: kept for a public CA or a readable host name, else a pseudonym of its kind. */
  const dnValue = (attr: string, raw: string): string => {
    const quoted = raw.startsWith('"');
    const value = (quoted ? raw.slice(1, -1) : raw).trim();
    const lower = value.toLowerCase();
    if (value === '' || issued.has(lower) || PUBLIC_CA_WORDS.some((w) => lower.includes(w))) return raw;
    const a = attr.toUpperCase();
    if (a === 'CN' && /^(\*\.)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(value)) return raw.replace(value, value.startsWith('*.') ? `*.${host(value.slice(2))}` : host(value));
    const table = a === 'O' || a === 'OU' || a === 'DC' ? orgs : a === 'CN' || a === 'SERIALNUMBER' ? names : places;
    const p = table.get(`${a}:${lower}`);
    // The organisation's own name (`Contoso` of `Contoso Ltd`) is replaced wherever else it appears.
    if (a === 'O') learn(value.split(/[\s,.]+/)[0]!, p, 4);
    return quoted ? `"${p}"` : p;
  };

  /** A path's directories: every folder name replaced (consistently), the file name itself left to the other passes. */
  const dirPath = (path: string, sep: string): string =>
    path
      .split(sep)
      .map((d) => (d === '' || READABLE_DIRS.has(d.toLowerCase()) || issued.has(d.toLowerCase()) || d === '…' ? d : dirs.get(d.toLowerCase())))
      .join(sep);

  const passes = (s: string): string => {
    let out = s;
    out = out.replace(DN_COMPONENT, (_m, attr: string, value: string) => `${attr}=${dnValue(attr, value)}`);
    out = out.replace(SID, (m) => (issued.has(m.toLowerCase()) ? m : sids.get(m.toUpperCase())));
    out = out.replace(PROFILE_PATH, (_m, prefix: string, name: string) => prefix + user(name));
    out = out.replace(POSIX_DIRS, (m) => dirPath(m, '/'));
    out = out.replace(WINDOWS_DIRS, (_m, drive: string, rest: string) => drive + dirPath(rest, rest.includes('\\\\') ? '\\\\' : '\\'));
    out = out.replace(LABELLED_ACCOUNT, (m, label: string, domain: string, sep: string, name: string) => {
      const replaced = account(domain, sep, name);
      return replaced === undefined ? m : label + replaced;
    });
    out = out.replace(ACCOUNT, (m, domain: string, sep: string, name: string) => account(domain, sep, name) ?? m);
    out = out.replace(EMAIL, (_m, local: string, domain: string) => `${user(local)}@${host(domain, true)}`);
    out = out.replace(UNC, (_m, slashes: string, name: string) => slashes + computer(name));
    out = out.replace(COMPUTER_CONTEXT, (_m, label: string, name: string) => label + computer(name));
    out = out.replace(DEFAULT_COMPUTER_NAME, (m) => computer(m));
    out = out.replace(IPV6_CANDIDATE, (m) => {
      const core = m.replace(/\.+$/, '');
      const [addr] = core.split('%') as [string];
      if (!isIPv6(addr) || isKeptIPv6(addr) || issued.has(addr.toLowerCase())) return m;
      return ipv6.get(addr.toLowerCase()) + m.slice(core.length);
    });
    out = out.replace(IPV4_CANDIDATE, (m) => {
      if (!isIPv4(m) || issued.has(m)) return m;
      if (isKeptIPv4(m)) {
        reservedV4.add(m);
        return m;
      }
      return ipv4.get(m);
    });
    out = out.replace(FQDN, (m) => host(m));
    return out;
  };

  const learnedPass = (s: string): string => {
    if (learned.size === 0) return s;
    if (!learnedPattern) {
      const words = [...learned.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      // `_` counts as part of a word so finding codes (WINHTTP_TLS12_NOT_OFFERED) are never cut apart.
      learnedPattern = new RegExp(`(?<![A-Za-z0-9_])(?:${words.join('|')})(?![A-Za-z0-9_])`, 'gi');
    }
    return s.replace(learnedPattern, (m) => learned.get(m.toLowerCase()) ?? m);
  };

  const walk = (v: unknown, fn: (s: string, key?: string) => string, key?: string): unknown => {
    if (typeof v === 'string') return fn(v, key);
    if (Array.isArray(v)) return v.map((x) => walk(x, fn, key));
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[fn(k)] = walk(x, fn, k);
      return out;
    }
    return v;
  };

  const firstPass = (s: string, key?: string): string => {
    if (key && COMPUTER_KEY.test(key) && /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/.test(s)) return computer(s);
    return passes(s);
  };

  return {
    learnPath: (path) => {
      const parts = path.split(/[\\/]+/).slice(0, -1);
      for (const d of parts) if (d && !/^[A-Za-z]:$/.test(d) && !READABLE_DIRS.has(d.toLowerCase())) learn(d, dirs.get(d.toLowerCase()), 3);
    },
    text: (s) => learnedPass(passes(s)),
    value: (v) => walk(walk(v, firstPass), (s) => learnedPass(s)),
  };
}
