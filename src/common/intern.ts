// One shared copy of values that thousands of records repeat: the cipher-suite list of a client stack, a
// server's certificate, a host name parsed again from every ClientHello. Sharing is only a saving, never a
// meaning: each table is cleared when it grows past its bound, and shared values are never changed.

const DEFAULT_LIMIT = 4096;

export class Interner<T> {
  private readonly table = new Map<string, T>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  find(key: string): T | undefined {
    return this.table.get(key);
  }

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
    const known = this.find(value);
    // A string cut from a longer one (an address from `ip:port`) keeps that one alive: keep a copy of its own.
    return known ?? this.get(value, JSON.parse(JSON.stringify(value)) as string);
  }
}
