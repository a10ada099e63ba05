// A closed flow's TLS facts with what other flows repeat shared: a client stack offers the same cipher suites,
// groups and signature algorithms on every connection, and a server sends the same certificate each time. A
// trace with 100,000 short connections then holds a handful of these lists instead of 100,000 copies.
import { Interner, ListInterner, StringInterner } from '../common/intern.js';
import type { Endpoint, TcpFlow, TlsCertificate, TlsClientHello } from './types.js';

export class SharedFacts {
  private readonly lists = new ListInterner();
  private readonly strings = new StringInterner();
  private readonly certificates = new Interner<TlsCertificate>();
  private readonly stringLists = new Interner<string[]>();

  /** Replaces the flow's repeated values by shared copies (the facts stay equal). */
  flow(f: TcpFlow): void {
    f.client = this.endpoint(f.client);
    f.server = this.endpoint(f.server);
    const tls = f.tls;
    if (!tls) return;
    if (tls.clientHello) this.clientHello(tls.clientHello);
    tls.certificates = tls.certificates.map((c) => this.certificate(c));
  }

  private endpoint(e: Endpoint): Endpoint {
    return { ip: this.strings.string(e.ip), port: e.port };
  }

  /** Replaces the ClientHello's repeated lists and its server name by shared copies. */
  clientHello(ch: TlsClientHello): void {
    ch.cipherSuites = this.lists.list(ch.cipherSuites);
    if (ch.supportedVersions) ch.supportedVersions = this.lists.list(ch.supportedVersions);
    if (ch.supportedGroups) ch.supportedGroups = this.lists.list(ch.supportedGroups);
    if (ch.signatureAlgorithms) ch.signatureAlgorithms = this.lists.list(ch.signatureAlgorithms);
    if (ch.alpn) ch.alpn = this.stringList(ch.alpn);
    if (ch.serverName !== undefined) ch.serverName = this.strings.string(ch.serverName);
  }

  private certificate(c: TlsCertificate): TlsCertificate {
    const key = JSON.stringify([c.subjectCN, c.issuer, c.notBefore, c.notAfter, c.sanDns]);
    return this.certificates.get(key, c);
  }

  private stringList(list: string[]): string[] {
    return this.stringLists.get(JSON.stringify(list), list);
  }
}
