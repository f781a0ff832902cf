/**
 * A set of 64-bit fingerprints (the first 16 hex digits of a keyed hash) in two typed arrays, with open
 * addressing. Three million keys take 64 MB here against several hundred MB as a Set of strings, and a
 * lookup allocates nothing. The fingerprints are already uniformly random, so the low word is the slot.
 */
export class HashSet64 {
  private hi: Int32Array;
  private lo: Int32Array;
  private used: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds a hex key (≥ 16 hex digits); returns false when it was already there. */
  add(hexKey: string): boolean {
    return this.addFingerprint(parseWord(hexKey, 0), parseWord(hexKey, 8));
  }

  has(hexKey: string): boolean {
    return this.hasFingerprint(parseWord(hexKey, 0), parseWord(hexKey, 8));
  }

  addFingerprint(hi: number, lo: number): boolean {
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    let i = lo & this.mask;
    while (this.used[i]) {
      if (this.hi[i] === hi && this.lo[i] === lo) return false;
      i = (i + 1) & this.mask;
    }
    this.used[i] = 1;
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.count++;
    return true;
  }

  hasFingerprint(hi: number, lo: number): boolean {
    let i = lo & this.mask;
    while (this.used[i]) {
      if (this.hi[i] === hi && this.lo[i] === lo) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }

  private grow(): void {
    const { hi, lo, used } = this;
    const capacity = hi.length * 2;
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.addFingerprint(hi[i], lo[i]);
  }
}

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
for (let i = 10; i < 16; i++) HEX_VALUE['ABCDEF'.charCodeAt(i - 10)] = i;

/** The 32-bit word at hex digits [from, from+8) of a key. */
export function parseWord(hexKey: string, from: number): number {
  let v = 0;
  for (let i = from; i < from + 8; i++) {
    const d = HEX_VALUE[hexKey.charCodeAt(i) & 127];
    if (d < 0 || i >= hexKey.length) throw new Error('HashSet64: a key must be at least 16 hex digits');
    v = (v << 4) | d;
  }
  return v;
}
