// Small renderers shared by every layer: GUIDs, hex numbers, hex dumps.

/** Two lower-case hex digits per byte value (GUIDs are read for every event that carries an activity id). */
const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Reads a Windows mixed-endian GUID at `off` as lower-case `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. */
export function readGuid(b: Uint8Array, off: number): string {
  const h = (i: number) => HEX_BYTE[b[off + i]!]!;
  return (
    h(3) + h(2) + h(1) + h(0) + '-' + h(5) + h(4) + '-' + h(7) + h(6) + '-' + h(8) + h(9) + '-' +
    h(10) + h(11) + h(12) + h(13) + h(14) + h(15)
  );
}

/** Writes a GUID string in Windows mixed-endian layout. */
export function guidBytes(guid: string): Uint8Array {
  const hex = guid.replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a GUID: ${guid}`);
  const raw = Uint8Array.from(hex.match(/../g)!.map((x) => parseInt(x, 16)));
  const out = new Uint8Array(16);
  out.set([raw[3]!, raw[2]!, raw[1]!, raw[0]!, raw[5]!, raw[4]!, raw[7]!, raw[6]!], 0);
  out.set(raw.subarray(8), 8);
  return out;
}

/** Normalises `{ABC…}` / upper-case GUIDs to the lower-case, brace-less form used everywhere. */
export function normalizeGuid(guid: string): string {
  return guid.replace(/[{}]/g, '').toLowerCase();
}

/** `0x00000A80` (8 hex digits, upper case) — the CSV/JSON form of 32-bit masks and codes. */
export function hex32(n: number): string {
  return '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** Plain lower-case hex of bytes. */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
