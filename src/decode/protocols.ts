// Schannel SP_PROT_* protocol bits (schannel.h), as carried by WebIO's EnabledProtocols field and by
// WinHTTP's secure-protocol options. The WebIO manifest bitmap lacks TLS 1.3 and DTLS; this table has them.

/** Bit → name (without the SP_PROT_ prefix), in ascending bit order. */
export const SP_PROTOCOL_BITS: ReadonlyArray<readonly [number, string]> = [
  [0x1, 'PCT1_SERVER'],
  [0x2, 'PCT1_CLIENT'],
  [0x4, 'SSL2_SERVER'],
  [0x8, 'SSL2_CLIENT'],
  [0x10, 'SSL3_SERVER'],
  [0x20, 'SSL3_CLIENT'],
  [0x40, 'TLS1_0_SERVER'],
  [0x80, 'TLS1_0_CLIENT'],
  [0x100, 'TLS1_1_SERVER'],
  [0x200, 'TLS1_1_CLIENT'],
  [0x400, 'TLS1_2_SERVER'],
  [0x800, 'TLS1_2_CLIENT'],
  [0x1000, 'TLS1_3_SERVER'],
  [0x2000, 'TLS1_3_CLIENT'],
  [0x10000, 'DTLS1_0_SERVER'],
  [0x20000, 'DTLS1_0_CLIENT'],
  [0x40000, 'DTLS1_2_SERVER'],
  [0x80000, 'DTLS1_2_CLIENT'],
  [0x40000000, 'UNI_SERVER'],
  [0x80000000, 'UNI_CLIENT'],
];

/**
 * Names of the bits set in an SP_PROT_* mask, e.g. 0xA80 → ['TLS1_0_CLIENT', 'TLS1_1_CLIENT', 'TLS1_2_CLIENT'].
 * Bits without a name come out as `0x…`. 0 (= "Schannel default") gives [].
 */
export function spProtocolNames(mask: number): string[] {
  let rest = mask >>> 0;
  const names: string[] = [];
  for (const [bit, name] of SP_PROTOCOL_BITS) {
    if ((rest & bit) >>> 0 === bit) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  for (let bit = 1; rest !== 0 && bit <= 0x80000000; bit = bit * 2) {
    if (rest & bit) {
      names.push('0x' + bit.toString(16).toUpperCase());
      rest = (rest & ~bit) >>> 0;
    }
  }
  return names;
}
