/**
 * The seedable random number generator behind every random tensor, dropout mask and shuffle.
 *
 * xoshiro128** (Blackman and Vigna) on four 32-bit words, seeded through splitmix32, so the same
 * seed gives bit-identical streams on every machine and Node version.
 */

/**
 * State of a generator: four unsigned 32-bit words, then the pending second normal of the last
 * Box-Muller pair (NaN when none). Save it in checkpoints to resume exactly.
 */
export type RngState = [number, number, number, number, number];

/** A seeded stream of uniform and normal numbers. */
export class Generator {
  private s: Uint32Array = new Uint32Array(4);
  private spare: number | null = null;

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Restarts the stream from `seed` (any finite number; integers are the usual choice). */
  seed(seed: number): void {
    let x = Math.floor(Math.abs(seed)) >>> 0;
    const hi = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
    x = (x ^ Math.imul(hi, 0x9e3779b9)) >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    this.spare = null;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0] ?? 0;
    const s1 = s[1] ?? 0;
    const s2 = s[2] ?? 0;
    const s3 = s[3] ?? 0;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = rotl(n3, 11);
    return r;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A standard normal number (Box-Muller, both values used). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = this.uniform();
    while (u <= Number.MIN_VALUE) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** A uniform integer in [low, high). */
  integer(low: number, high: number): number {
    return low + Math.floor(this.uniform() * (high - low));
  }

  /** A copy of the state, for checkpoints. */
  getState(): RngState {
    return [this.s[0] ?? 0, this.s[1] ?? 0, this.s[2] ?? 0, this.s[3] ?? 0, this.spare ?? NaN];
  }

  /** Restores a state from `getState()` (a 4-word state from older checkpoints is accepted too). */
  setState(state: readonly number[]): void {
    for (let i = 0; i < 4; i++) this.s[i] = (state[i] ?? 0) >>> 0;
    const spare = state[4];
    // a state saved through JSON has null for NaN; a 4-word state has no pending normal
    this.spare = typeof spare === "number" && !Number.isNaN(spare) ? spare : null;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The process-wide default generator. */
export const defaultGenerator = new Generator(0);

/**
 * Seeds the default generator: every later `rand`, `randn`, `randint`, dropout mask, initializer
 * and shuffle is identical across runs and machines.
 *
 * @example manualSeed(42); const w = randn([3, 3]);
 */
export function manualSeed(seed: number): void {
  defaultGenerator.seed(seed);
}

/** The default generator's state (for checkpoints). */
export function getRngState(): RngState {
  return defaultGenerator.getState();
}

/** Restores the default generator's state from `getRngState()`. */
export function setRngState(state: readonly number[]): void {
  defaultGenerator.setState(state);
}
