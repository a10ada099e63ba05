// The registry values of a fix as a `.reg` file (Registry Editor 5.00 syntax), so an administrator can import
// exactly what the report says: one `[key]` block per key, in the order the steps name them.
export interface RegistryValue {
  path: string;
  name: string;
  type: 'REG_DWORD' | 'REG_SZ';
  value: number | string;
}

const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
};

function fullKey(path: string): string {
  const [hive, ...rest] = path.split('\\');
  return [HIVES[hive!] ?? hive, ...rest].join('\\');
}

function quoted(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function valueText(v: RegistryValue): string {
  if (v.type === 'REG_DWORD') return `dword:${(Number(v.value) >>> 0).toString(16).padStart(8, '0')}`;
  return quoted(String(v.value));
}

/** The `.reg` text for `values`, or undefined when there are none. */
export function regFileText(values: readonly RegistryValue[]): string | undefined {
  if (!values.length) return undefined;
  const byKey = new Map<string, RegistryValue[]>();
  for (const v of values) {
    const key = fullKey(v.path);
    const list = byKey.get(key) ?? [];
    if (!list.some((x) => x.name === v.name)) list.push(v);
    byKey.set(key, list);
  }
  const blocks = [...byKey].map(([key, list]) => [`[${key}]`, ...list.map((v) => `${quoted(v.name)}=${valueText(v)}`)].join('\n'));
  return ['Windows Registry Editor Version 5.00', '', blocks.join('\n\n'), ''].join('\n');
}
