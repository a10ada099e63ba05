// How reports print a number a trace reports: decimal or 0x-hex, followed by its name from a src/windows table.

export function codeText(n: number, table: Readonly<Record<number, string>>): string {
  const name = table[n >>> 0] ?? table[n];
  const shown = n >= 0x10000 || n < 0 ? '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0') : String(n);
  return name ? `${shown} ${name}` : shown;
}
