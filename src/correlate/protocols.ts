// SP_PROT_* client bits (schannel.h), the same numbers as WINHTTP_FLAG_SECURE_PROTOCOL_* and
// DefaultSecureProtocols: what WebIO 728–730 `EnabledProtocols` and WebIO 15 SecureProtocols carry.

export interface ProtocolBit {
  bit: number;
  name: string;
  /** TLS wire version this bit enables (0x0301 = TLS 1.0), when it is a client TLS/SSL bit. */
  wire?: number;
}

export const SP_PROT_BITS: readonly ProtocolBit[] = [
  { bit: 0x1, name: 'PCT1_SERVER' },
  { bit: 0x2, name: 'PCT1_CLIENT' },
  { bit: 0x4, name: 'SSL2_SERVER' },
  { bit: 0x8, name: 'SSL2_CLIENT', wire: 0x0200 },
  { bit: 0x10, name: 'SSL3_SERVER' },
  { bit: 0x20, name: 'SSL3_CLIENT', wire: 0x0300 },
  { bit: 0x40, name: 'TLS1_0_SERVER' },
  { bit: 0x80, name: 'TLS1_0_CLIENT', wire: 0x0301 },
  { bit: 0x100, name: 'TLS1_1_SERVER' },
  { bit: 0x200, name: 'TLS1_1_CLIENT', wire: 0x0302 },
  { bit: 0x400, name: 'TLS1_2_SERVER' },
  { bit: 0x800, name: 'TLS1_2_CLIENT', wire: 0x0303 },
  { bit: 0x1000, name: 'TLS1_3_SERVER' },
  { bit: 0x2000, name: 'TLS1_3_CLIENT', wire: 0x0304 },
  { bit: 0x10000, name: 'DTLS1_0_SERVER' },
  { bit: 0x20000, name: 'DTLS1_0_CLIENT' },
  { bit: 0x40000, name: 'DTLS1_2_SERVER' },
  { bit: 0x80000, name: 'DTLS1_2_CLIENT' },
  { bit: 0x40000000, name: 'UNI_SERVER' },
  { bit: 0x80000000, name: 'UNI_CLIENT' },
];

export const SP_PROT_TLS1_2_CLIENT = 0x800;
export const SP_PROT_TLS1_3_CLIENT = 0x2000;

/** `TLS1_0_CLIENT|SSL3_CLIENT`-style names, highest first; 0 is `SCHANNEL_DEFAULT`; unknown bits as hex. */
export function protocolNames(mask: number): string[] {
  const m = mask >>> 0;
  if (m === 0) return ['SCHANNEL_DEFAULT'];
  const names: string[] = [];
  let known = 0;
  for (const b of SP_PROT_BITS) {
    if ((m & b.bit) >>> 0 === b.bit) {
      names.push(b.name);
      known |= b.bit;
    }
  }
  const rest = (m & ~known) >>> 0;
  if (rest) names.push('0x' + rest.toString(16).toUpperCase());
  return names.reverse();
}

/** True when the mask lets the client offer TLS 1.2 or 1.3 (0 = Schannel default: not known from the mask). */
export function maskOffersModernTls(mask: number): boolean {
  return (mask & (SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT)) !== 0;
}

/** The highest client wire version a mask enables (undefined for 0 / no client bits). */
export function maskHighestVersion(mask: number): number | undefined {
  let best: number | undefined;
  for (const b of SP_PROT_BITS) if (b.wire !== undefined && (mask & b.bit) !== 0) best = Math.max(best ?? 0, b.wire);
  return best;
}
