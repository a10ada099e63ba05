// How reports print a code a trace reports: always 0x-hex (8 digits, as Windows prints HRESULTs and NTSTATUS), the
// decimal too where Windows documents the code in decimal (WinHTTP 12xxx, Winsock 100xx, Win32 errors: people
// search for "12175" and "10060"), followed by its name from a src/windows table.

export function codeText(n: number, table: Readonly<Record<number, string>>): string {
  const name = table[n >>> 0] ?? table[n];
  const hex = '0x' + (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
  const shown = n >= 0 && n < 0x10000 ? `${hex} (${n})` : hex;
  return name ? `${shown} ${name}` : shown;
}
