// Names for TLS wire numbers. The registries live in the network layer; the correlator receives them
// so that it can be used (and tested) on its own.

export interface TlsNaming {
  /** 0x0303 → `TLS 1.2`. */
  versionName(v: number): string;
  /** 0xC030 → `TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`. */
  cipherSuiteName(id: number): string;
  /** 70 → `protocol_version`. */
  alertDescriptionName(d: number): string;
}
