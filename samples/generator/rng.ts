// Small deterministic PRNG (xorshift32) so every generated trace is byte-for-byte reproducible.

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x;
    return x;
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo + 1));
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const x = this.next();
      b[i] = x & 0xff;
      b[i + 1] = (x >>> 8) & 0xff;
      b[i + 2] = (x >>> 16) & 0xff;
      b[i + 3] = x >>> 24;
    }
    for (; i < n; i++) b[i] = this.next() & 0xff;
    return b;
  }
  guid(): string {
    const h = Buffer.from(this.bytes(16)).toString('hex');
    // RFC 4122 version 4 / variant bits, like the random activity ids Windows creates.
    const v = ((parseInt(h[12]!, 16) & 0x0) | 4).toString(16);
    const r = ((parseInt(h[16]!, 16) & 0x3) | 8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${v}${h.slice(13, 16)}-${r}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
