// TLS record and handshake builders (RFC 5246 / RFC 8446 wire format), field by field.
import { ByteWriter } from '../bytes.js';

export const ContentType = { CHANGE_CIPHER_SPEC: 20, ALERT: 21, HANDSHAKE: 22, APPLICATION_DATA: 23 } as const;
export const HandshakeType = {
  CLIENT_HELLO: 1,
  SERVER_HELLO: 2,
  CERTIFICATE: 11,
  SERVER_KEY_EXCHANGE: 12,
  SERVER_HELLO_DONE: 14,
  CLIENT_KEY_EXCHANGE: 16,
  FINISHED: 20,
} as const;
export const TlsVersion = { TLS10: 0x0301, TLS11: 0x0302, TLS12: 0x0303, TLS13: 0x0304 } as const;
export const Alert = { CLOSE_NOTIFY: 0, HANDSHAKE_FAILURE: 40, BAD_CERTIFICATE: 42, UNKNOWN_CA: 48, PROTOCOL_VERSION: 70 } as const;

/** Cipher suite code points (IANA). */
export const Suite = {
  TLS_RSA_WITH_RC4_128_MD5: 0x0004,
  TLS_RSA_WITH_RC4_128_SHA: 0x0005,
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 0x000a,
  TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA: 0x0013,
  TLS_RSA_WITH_AES_128_CBC_SHA: 0x002f,
  TLS_DHE_DSS_WITH_AES_128_CBC_SHA: 0x0032,
  TLS_RSA_WITH_AES_256_CBC_SHA: 0x0035,
  TLS_DHE_DSS_WITH_AES_256_CBC_SHA: 0x0038,
  TLS_RSA_WITH_AES_128_CBC_SHA256: 0x003c,
  TLS_RSA_WITH_AES_256_CBC_SHA256: 0x003d,
  TLS_RSA_WITH_AES_128_GCM_SHA256: 0x009c,
  TLS_RSA_WITH_AES_256_GCM_SHA384: 0x009d,
  TLS_DHE_RSA_WITH_AES_128_GCM_SHA256: 0x009e,
  TLS_DHE_RSA_WITH_AES_256_GCM_SHA384: 0x009f,
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_AES_256_GCM_SHA384: 0x1302,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 0xc009,
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 0xc00a,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 0xc013,
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 0xc014,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 0xc023,
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384: 0xc024,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 0xc027,
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384: 0xc028,
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02b,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 0xc02c,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 0xc02f,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 0xc030,
} as const;

export const ExtensionType = {
  SERVER_NAME: 0,
  STATUS_REQUEST: 5,
  SUPPORTED_GROUPS: 10,
  EC_POINT_FORMATS: 11,
  SIGNATURE_ALGORITHMS: 13,
  ALPN: 16,
  EXTENDED_MASTER_SECRET: 23,
  SESSION_TICKET: 35,
  SUPPORTED_VERSIONS: 43,
  PSK_KEY_EXCHANGE_MODES: 45,
  KEY_SHARE: 51,
  RENEGOTIATION_INFO: 0xff01,
} as const;

export interface Extension {
  type: number;
  data: Uint8Array;
}

export function record(type: number, version: number, body: Uint8Array): Uint8Array {
  return new ByteWriter(5 + body.length).u8(type).u16be(version).u16be(body.length).bytes(body).finish();
}

export function handshake(type: number, body: Uint8Array): Uint8Array {
  return new ByteWriter(4 + body.length).u8(type).u24be(body.length).bytes(body).finish();
}

function vector16(items: readonly number[]): Uint8Array {
  const w = new ByteWriter().u16be(items.length * 2);
  for (const i of items) w.u16be(i);
  return w.finish();
}

export const ext = {
  serverName(host: string): Extension {
    const name = Buffer.from(host, 'latin1');
    const w = new ByteWriter().u16be(name.length + 3).u8(0).u16be(name.length).bytes(name);
    return { type: ExtensionType.SERVER_NAME, data: w.finish() };
  },
  statusRequest(): Extension {
    return { type: ExtensionType.STATUS_REQUEST, data: Uint8Array.of(1, 0, 0, 0, 0) };
  },
  supportedGroups(groups: readonly number[]): Extension {
    return { type: ExtensionType.SUPPORTED_GROUPS, data: vector16(groups) };
  },
  ecPointFormats(): Extension {
    return { type: ExtensionType.EC_POINT_FORMATS, data: Uint8Array.of(1, 0) };
  },
  signatureAlgorithms(algs: readonly number[]): Extension {
    return { type: ExtensionType.SIGNATURE_ALGORITHMS, data: vector16(algs) };
  },
  sessionTicket(): Extension {
    return { type: ExtensionType.SESSION_TICKET, data: new Uint8Array(0) };
  },
  extendedMasterSecret(): Extension {
    return { type: ExtensionType.EXTENDED_MASTER_SECRET, data: new Uint8Array(0) };
  },
  renegotiationInfo(): Extension {
    return { type: ExtensionType.RENEGOTIATION_INFO, data: Uint8Array.of(0) };
  },
  alpn(protocols: readonly string[]): Extension {
    const list = new ByteWriter();
    for (const p of protocols) list.u8(p.length).ansi(p, false);
    const l = list.finish();
    return { type: ExtensionType.ALPN, data: new ByteWriter().u16be(l.length).bytes(l).finish() };
  },
  supportedVersionsClient(versions: readonly number[]): Extension {
    const w = new ByteWriter().u8(versions.length * 2);
    for (const v of versions) w.u16be(v);
    return { type: ExtensionType.SUPPORTED_VERSIONS, data: w.finish() };
  },
  pskKeyExchangeModes(): Extension {
    return { type: ExtensionType.PSK_KEY_EXCHANGE_MODES, data: Uint8Array.of(1, 1) };
  },
  keyShareX25519(publicKey: Uint8Array): Extension {
    const entry = new ByteWriter().u16be(0x001d).u16be(publicKey.length).bytes(publicKey).finish();
    return { type: ExtensionType.KEY_SHARE, data: new ByteWriter().u16be(entry.length).bytes(entry).finish() };
  },
};

function extensionsBlock(exts: readonly Extension[]): Uint8Array {
  const w = new ByteWriter();
  for (const e of exts) w.u16be(e.type).u16be(e.data.length).bytes(e.data);
  const body = w.finish();
  return new ByteWriter().u16be(body.length).bytes(body).finish();
}

export interface ClientHelloSpec {
  clientVersion: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuites: readonly number[];
  extensions: readonly Extension[];
}

export function clientHello(h: ClientHelloSpec): Uint8Array {
  if (h.random.length !== 32) throw new Error('random must be 32 bytes');
  const w = new ByteWriter(512);
  w.u16be(h.clientVersion).bytes(h.random).u8(h.sessionId.length).bytes(h.sessionId);
  w.bytes(vector16(h.cipherSuites));
  w.u8(1).u8(0); // compression_methods: null only
  if (h.extensions.length) w.bytes(extensionsBlock(h.extensions));
  return handshake(HandshakeType.CLIENT_HELLO, w.finish());
}

export interface ServerHelloSpec {
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuite: number;
  extensions: readonly Extension[];
}

export function serverHello(h: ServerHelloSpec): Uint8Array {
  const w = new ByteWriter(128);
  w.u16be(h.version).bytes(h.random).u8(h.sessionId.length).bytes(h.sessionId).u16be(h.cipherSuite).u8(0);
  if (h.extensions.length) w.bytes(extensionsBlock(h.extensions));
  return handshake(HandshakeType.SERVER_HELLO, w.finish());
}

export function certificateMessage(chain: readonly Uint8Array[]): Uint8Array {
  const list = new ByteWriter(4096);
  for (const c of chain) list.u24be(c.length).bytes(c);
  const l = list.finish();
  return handshake(HandshakeType.CERTIFICATE, new ByteWriter(l.length + 3).u24be(l.length).bytes(l).finish());
}

/** ECDHE ServerKeyExchange for secp256r1 signed with rsa_pkcs1_sha256 (signature bytes are random). */
export function serverKeyExchangeEcdhe(point: Uint8Array, signature: Uint8Array): Uint8Array {
  const w = new ByteWriter(512).u8(3).u16be(0x0017).u8(point.length).bytes(point).u16be(0x0401).u16be(signature.length).bytes(signature);
  return handshake(HandshakeType.SERVER_KEY_EXCHANGE, w.finish());
}

export function serverHelloDone(): Uint8Array {
  return handshake(HandshakeType.SERVER_HELLO_DONE, new Uint8Array(0));
}

export function clientKeyExchangeEcdhe(point: Uint8Array): Uint8Array {
  return handshake(HandshakeType.CLIENT_KEY_EXCHANGE, new ByteWriter().u8(point.length).bytes(point).finish());
}

export function alertRecord(version: number, level: 1 | 2, description: number): Uint8Array {
  return record(ContentType.ALERT, version, Uint8Array.of(level, description));
}

export function changeCipherSpecRecord(version: number): Uint8Array {
  return record(ContentType.CHANGE_CIPHER_SPEC, version, Uint8Array.of(1));
}

/** An uncompressed EC point (0x04 || X || Y) from random coordinates. */
export function ecPoint(random: Uint8Array): Uint8Array {
  if (random.length !== 64) throw new Error('need 64 bytes of coordinates');
  const p = new Uint8Array(65);
  p[0] = 4;
  p.set(random, 1);
  return p;
}

/** Signature algorithms Windows 8.1+/10 Schannel offers in a TLS 1.2 ClientHello. */
export const WINDOWS_SIGNATURE_ALGORITHMS = [0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203, 0x0202, 0x0601, 0x0603];
