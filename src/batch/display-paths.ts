// Extracted files are shown by their archive names (`upload.zip!/NetTrace.etl`), never by the temporary paths
// they were analysed under: every string of a case's results has its disk paths swapped for display names.

/** `text` with every `from` replaced by its `to`; pairs longest first, so a path that extends another goes whole. */
export function swapPaths(text: string, rename: ReadonlyArray<readonly [string, string]>): string {
  return rename.reduce((acc, [from, to]) => acc.split(from).join(to), text);
}

/** `swapPaths` on every string inside `v`, deeply (plain objects and arrays; other values as they are). */
export function replaceStrings(v: unknown, pairs: ReadonlyArray<readonly [string, string]>): unknown {
  if (pairs.length === 0) return v;
  if (typeof v === 'string') return swapPaths(v, pairs);
  if (Array.isArray(v)) return v.map((x) => replaceStrings(x, pairs));
  if (v && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v))) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceStrings(x, pairs)]));
  }
  return v;
}

/** The JSON text of a case document as batch writes it (bigints as decimal strings, two-space indent). */
export function documentJson(doc: unknown): string {
  return JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2) + '\n';
}
