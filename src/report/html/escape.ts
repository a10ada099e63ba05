// HTML escaping for text and attribute values (the same rules serve both: `&`, `<`, `>`, `"` and `'`).
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A millisecond offset as the axis of a diagram shows it: `+0.0 ms`, `+18.5 ms`, `+2.413 s`. */
export function offsetText(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const sign = ms < 0 ? '−' : '+';
  const a = Math.abs(ms);
  return a < 1000 ? `${sign}${a.toFixed(1)} ms` : `${sign}${(a / 1000).toFixed(3)} s`;
}
