// One shared copy of values that thousands of records repeat: the cipher-suite list of a client stack, a
// server's certificate, a host name parsed again from every ClientHello. Sharing is only a saving, never a
// meaning: each table is cleared when it grows past its bound, and shared values are never changed.

const DEFAULT_LIMIT = 4096;

export class Interner<T> {
  private readonly table = new Map<string, T>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /** The copy kept under `key`, or `value` (kept from now on). */
  get(key: string, value: T): T {
    const known = this.table.get(key);
    if (known !== undefined) return known;
    if (this.table.size >= this.limit) this.table.clear();
    this.table.set(key, value);
    return value;
  }
}

/** Shares equal number lists (compared by their elements). */
export class ListInterner extends Interner<number[]> {
  list(values: number[]): number[] {
    return this.get(values.join(','), values);
  }
}

/** Shares equal strings. */
export class StringInterner extends Interner<string> {
  string(value: string): string {
    return this.get(value, value);
  }
}
