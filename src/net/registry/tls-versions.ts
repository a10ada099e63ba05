// Protocol version values on the wire (record layer, hello versions, supported_versions).
const VERSIONS = {
  0x0002: 'SSL 2.0',
  0x0300: 'SSL 3.0',
  0x0301: 'TLS 1.0',
  0x0302: 'TLS 1.1',
  0x0303: 'TLS 1.2',
  0x0304: 'TLS 1.3',
  0xfeff: 'DTLS 1.0',
  0xfefd: 'DTLS 1.2',
  0xfefc: 'DTLS 1.3',
} as const;

export type TlsVersionName = (typeof VERSIONS)[keyof typeof VERSIONS];

export const TLS_VERSIONS: Readonly<Record<number, TlsVersionName>> = VERSIONS;

/** Name → wire value: `TLS_VERSION['TLS 1.2']` is 0x0303. */
export const TLS_VERSION = Object.fromEntries(Object.entries(VERSIONS).map(([value, name]) => [name, Number(value)])) as {
  readonly [N in TlsVersionName]: number;
};
