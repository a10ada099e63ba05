// Schannel SP_PROT_* protocol bits (schannel.h). The same numbers are WINHTTP_FLAG_SECURE_PROTOCOL_* (winhttp.h),
// the DefaultSecureProtocols registry value, WebIO 728–730 `EnabledProtocols` and the WebIO 15 SecureProtocols
// option. The WebIO manifest's mapSChannelProtocolIdentifiers lacks DTLS; this table has it.

interface SpProtocolBit {
  bit: number;
  /** schannel.h name without the SP_PROT_ prefix. */
  name: string;
  /** Other schannel.h names of the same bit (SP_PROT_TLS1_CLIENT is SP_PROT_TLS1_0_CLIENT). */
  aliases?: readonly string[];
}

/** Ascending bit order. */
const SP_PROT_BITS: readonly SpProtocolBit[] = [
  { bit: 0x1, name: 'PCT1_SERVER' },
  { bit: 0x2, name: 'PCT1_CLIENT' },
  { bit: 0x4, name: 'SSL2_SERVER' },
  { bit: 0x8, name: 'SSL2_CLIENT' },
  { bit: 0x10, name: 'SSL3_SERVER' },
  { bit: 0x20, name: 'SSL3_CLIENT' },
  { bit: 0x40, name: 'TLS1_0_SERVER', aliases: ['TLS1_SERVER'] },
  { bit: 0x80, name: 'TLS1_0_CLIENT', aliases: ['TLS1_CLIENT'] },
  { bit: 0x100, name: 'TLS1_1_SERVER' },
  { bit: 0x200, name: 'TLS1_1_CLIENT' },
  { bit: 0x400, name: 'TLS1_2_SERVER' },
  { bit: 0x800, name: 'TLS1_2_CLIENT' },
  { bit: 0x1000, name: 'TLS1_3_SERVER' },
  { bit: 0x2000, name: 'TLS1_3_CLIENT' },
  { bit: 0x10000, name: 'DTLS1_0_SERVER' },
  { bit: 0x20000, name: 'DTLS1_0_CLIENT' },
  { bit: 0x40000, name: 'DTLS1_2_SERVER' },
  { bit: 0x80000, name: 'DTLS1_2_CLIENT' },
  { bit: 0x40000000, name: 'UNI_SERVER' },
  { bit: 0x80000000, name: 'UNI_CLIENT' },
];

const SP_PROT_TLS1_2_CLIENT = 0x800;
const SP_PROT_TLS1_3_CLIENT = 0x2000;

/**
 * The name a mask of 0 is shown with. SCHANNEL_CRED documents zero as "Schannel selects the protocol" (the
 * system default), not as "no protocol", so it is named for what it does.
 */
export const SP_PROT_DEFAULT_NAME = 'SCHANNEL_DEFAULT';

/** WINHTTP_FLAG_SECURE_PROTOCOL_* (winhttp.h) names: the client bits of the same values, and ALL. */
const WINHTTP_SECURE_PROTOCOL_FLAGS: Readonly<Record<string, number>> = {
  SSL2: 0x8,
  SSL3: 0x20,
  TLS1: 0x80,
  TLS1_1: 0x200,
  TLS1_2: 0x800,
  TLS1_3: 0x2000,
  ALL: 0xa8,
};

/** Every SP_PROT_* name (and alias) without its prefix → bit, for reading rendered masks. */
export const SP_PROT_NAMES: Readonly<Record<string, number>> = Object.fromEntries([
  ...SP_PROT_BITS.flatMap((b) => [b.name, ...(b.aliases ?? [])].map((n) => [n, b.bit] as const)),
  [SP_PROT_DEFAULT_NAME, 0],
]);

/**
 * The names of the bits set in a mask, highest first as reports show them (`TLS1_2_CLIENT|TLS1_0_CLIENT`):
 * 0xA0 → ['TLS1_0_CLIENT', 'SSL3_CLIENT']; 0 → ['SCHANNEL_DEFAULT']; bits without a name as one `0x…`.
 */
export function spProtocolNames(mask: number): string[] {
  const m = mask >>> 0;
  if (m === 0) return [SP_PROT_DEFAULT_NAME];
  const names: string[] = [];
  let known = 0;
  for (const b of SP_PROT_BITS) {
    if ((m & b.bit) >>> 0 === b.bit) {
      names.push(b.name);
      known = (known | b.bit) >>> 0;
    }
  }
  const rest = (m & ~known) >>> 0;
  if (rest) names.push('0x' + rest.toString(16).toUpperCase());
  return names.reverse();
}

/** The bit of one rendered name: `SP_PROT_TLS1_2_CLIENT`, `TLS1_CLIENT`, `WINHTTP_FLAG_SECURE_PROTOCOL_TLS1_2`. */
export function spProtocolBit(token: string): number | undefined {
  const t = token.toUpperCase();
  if (t.startsWith('WINHTTP_FLAG_SECURE_PROTOCOL_')) return WINHTTP_SECURE_PROTOCOL_FLAGS[t.slice('WINHTTP_FLAG_SECURE_PROTOCOL_'.length)];
  const bare = t.replace(/^SP_PROT_/, '');
  return SP_PROT_NAMES[bare] ?? WINHTTP_SECURE_PROTOCOL_FLAGS[bare];
}

/** True when the mask lets the client offer TLS 1.2 or 1.3 (0 = Schannel default: not known from the mask). */
export function maskOffersModernTls(mask: number): boolean {
  return (mask & (SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT)) !== 0;
}
