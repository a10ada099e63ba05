// ClientHello variants as the Schannel of each Windows generation sends them.
import type { Rng } from '../rng.js';
import { clientHello, ContentType, ext, record, Suite, TlsVersion, WINDOWS_SIGNATURE_ALGORITHMS, type Extension } from '../net/tls.js';
import { concatBytes } from '../../../src/common/bytes.js';

export type HelloKind =
  /** Windows 7 / 2008 R2 with TLS 1.1/1.2 off in Schannel: TLS 1.0 only. */
  | 'win7-tls10'
  /** Windows 8 / Server 2012 WinHTTP default (0xA0): TLS 1.0, the Windows 8 suite list. */
  | 'win8-tls10'
  /** .NET default (Ssl3|Tls) on Windows 10 / Server 2016: TLS 1.0 only. */
  | 'win10-tls10'
  /** TLS 1.2 offered but a cipher-suite policy left only RSA key exchange with CBC. */
  | 'tls12-rsa-cbc-only'
  /** Windows 10 / Server 2019 TLS 1.2. */
  | 'win10-tls12'
  /** Server 2022: TLS 1.3 + 1.2 offered (supported_versions), ECDHE-GCM first. */
  | 'win2022-tls13';

const TLS10_WIN7 = [
  Suite.TLS_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_RSA_WITH_RC4_128_SHA,
  Suite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
  Suite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_DHE_DSS_WITH_AES_128_CBC_SHA,
  Suite.TLS_DHE_DSS_WITH_AES_256_CBC_SHA,
  Suite.TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA,
  Suite.TLS_RSA_WITH_RC4_128_MD5,
];

const TLS10_WIN8 = [
  Suite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_DHE_DSS_WITH_AES_256_CBC_SHA,
  Suite.TLS_DHE_DSS_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
  Suite.TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA,
  Suite.TLS_RSA_WITH_RC4_128_SHA,
  Suite.TLS_RSA_WITH_RC4_128_MD5,
];

const TLS10_WIN10 = [
  Suite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
];

const RSA_CBC_ONLY = [
  Suite.TLS_RSA_WITH_AES_256_CBC_SHA256,
  Suite.TLS_RSA_WITH_AES_128_CBC_SHA256,
  Suite.TLS_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
];

const TLS12_WIN10 = [
  Suite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
  Suite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
  Suite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
  Suite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
  Suite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
  Suite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
  Suite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_256_GCM_SHA384,
  Suite.TLS_RSA_WITH_AES_128_GCM_SHA256,
  Suite.TLS_RSA_WITH_AES_256_CBC_SHA256,
  Suite.TLS_RSA_WITH_AES_128_CBC_SHA256,
  Suite.TLS_RSA_WITH_AES_256_CBC_SHA,
  Suite.TLS_RSA_WITH_AES_128_CBC_SHA,
  Suite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
];

/** The ECDHE offer of Windows 10 and later: x25519, P-256, P-384 with uncompressed points. */
function ecdheX25519First(): Extension[] {
  return [ext.supportedGroups([0x001d, 0x0017, 0x0018]), ext.ecPointFormats()];
}

/** Session resumption by ticket and the extended master secret, both sent by every Windows 10-era Schannel. */
function ticketAndExtendedMasterSecret(): Extension[] {
  return [ext.sessionTicket(), ext.extendedMasterSecret()];
}

/**
 * The extensions of a Windows 10 / Server 2019 TLS 1.2 ClientHello after server_name; `tls13` are the TLS 1.3
 * offers Server 2022 adds, which Schannel places just before renegotiation_info.
 */
function windowsTls12Extensions(tls13: Extension[] = []): Extension[] {
  return [
    ext.statusRequest(),
    ...ecdheX25519First(),
    ext.signatureAlgorithms(WINDOWS_SIGNATURE_ALGORITHMS),
    ...ticketAndExtendedMasterSecret(),
    ...tls13,
    ext.renegotiationInfo(),
  ];
}

export interface BuiltHello {
  /** The whole TLS record (5-byte header + handshake). */
  record: Uint8Array;
  recordVersion: number;
  clientVersion: number;
  cipherSuites: readonly number[];
}

export function buildClientHello(kind: HelloKind, host: string, rng: Rng): BuiltHello {
  const random = rng.bytes(32);
  let clientVersion: number = TlsVersion.TLS10;
  let recordVersion: number = TlsVersion.TLS10;
  let suites: readonly number[];
  const exts = [ext.serverName(host)];
  switch (kind) {
    case 'win7-tls10':
      suites = TLS10_WIN7;
      exts.push(ext.statusRequest(), ext.supportedGroups([0x0017, 0x0018]), ext.ecPointFormats(), ext.renegotiationInfo());
      break;
    case 'win8-tls10':
      suites = TLS10_WIN8;
      exts.push(ext.statusRequest(), ext.supportedGroups([0x0017, 0x0018]), ext.ecPointFormats(), ext.sessionTicket(), ext.renegotiationInfo());
      break;
    case 'win10-tls10':
      suites = TLS10_WIN10;
      exts.push(ext.statusRequest(), ...ecdheX25519First(), ...ticketAndExtendedMasterSecret(), ext.renegotiationInfo());
      break;
    case 'tls12-rsa-cbc-only':
      clientVersion = TlsVersion.TLS12;
      recordVersion = TlsVersion.TLS12;
      suites = RSA_CBC_ONLY;
      exts.push(
        ext.statusRequest(),
        ext.signatureAlgorithms(WINDOWS_SIGNATURE_ALGORITHMS.filter((a) => a >> 8 !== 0x08)),
        ...ticketAndExtendedMasterSecret(),
        ext.renegotiationInfo(),
      );
      break;
    case 'win10-tls12':
      clientVersion = TlsVersion.TLS12;
      recordVersion = TlsVersion.TLS12;
      suites = TLS12_WIN10;
      exts.push(...windowsTls12Extensions());
      break;
    case 'win2022-tls13':
      clientVersion = TlsVersion.TLS12;
      recordVersion = TlsVersion.TLS12;
      suites = [Suite.TLS_AES_256_GCM_SHA384, Suite.TLS_AES_128_GCM_SHA256, ...TLS12_WIN10];
      exts.push(
        ...windowsTls12Extensions([
          ext.supportedVersionsClient([TlsVersion.TLS13, TlsVersion.TLS12]),
          ext.pskKeyExchangeModes(),
          ext.keyShareX25519(rng.bytes(32)),
        ]),
      );
      break;
  }
  const hs = clientHello({ clientVersion, random, sessionId: new Uint8Array(0), cipherSuites: suites, extensions: exts });
  return { record: record(ContentType.HANDSHAKE, recordVersion, hs), recordVersion, clientVersion, cipherSuites: suites };
}

/** Encrypted-record stand-in: a record of `type` with `length` random bytes (ciphertext is opaque on the wire). */
export function opaqueRecord(type: number, version: number, length: number, rng: Rng): Uint8Array {
  return record(type, version, rng.bytes(length));
}

export function concatRecords(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(parts);
}
