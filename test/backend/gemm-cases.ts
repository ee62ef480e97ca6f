import type { Backend } from "../../src/backend";

// Shared by the GEMM parity tests: seeded random cases and a float64 reference.

/** A seeded generator (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Case {
  transA: boolean;
  transB: boolean;
  m: number;
  n: number;
  k: number;
  alpha: number;
  beta: number;
  aOff: number;
  bOff: number;
  cOff: number;
  lda: number;
  ldb: number;
  ldc: number;
}

/** Random operands laid out as the case says, with padding between rows and before the offset. */
export function operands(c: Case, next: () => number): { a: Float32Array; b: Float32Array; cm: Float32Array } {
  const aRows = c.transA ? c.k : c.m;
  const bRows = c.transB ? c.n : c.k;
  const fill = (len: number): Float32Array => Float32Array.from({ length: len }, () => next() * 2 - 1);
  return {
    a: fill(c.aOff + aRows * c.lda),
    b: fill(c.bOff + bRows * c.ldb),
    cm: fill(c.cOff + c.m * c.ldc),
  };
}

/** C = alpha op(A) op(B) + beta C in float64, element by element (the reference). */
export function naive(c: Case, a: Float32Array, b: Float32Array, cm: Float32Array): Float64Array {
  const out = Float64Array.from(cm);
  for (let i = 0; i < c.m; i++) {
    for (let j = 0; j < c.n; j++) {
      let s = 0;
      for (let p = 0; p < c.k; p++) {
        const av = a[c.aOff + (c.transA ? p * c.lda + i : i * c.lda + p)] as number;
        const bv = b[c.bOff + (c.transB ? j * c.ldb + p : p * c.ldb + j)] as number;
        s += av * bv;
      }
      const at = c.cOff + i * c.ldc + j;
      out[at] = c.alpha * s + (c.beta === 0 ? 0 : c.beta * (cm[at] as number));
    }
  }
  return out;
}

export function run(backend: Backend, c: Case, a: Float32Array, b: Float32Array, cm: Float32Array): Float32Array {
  const out = Float32Array.from(cm);
  backend.gemm(c.transA, c.transB, c.m, c.n, c.k, c.alpha, a, c.aOff, c.lda, b, c.bOff, c.ldb, c.beta, out, c.cOff, c.ldc);
  return out;
}

/** Largest |x - ref| / (1 + |ref|) over all elements, padding included (which must not change). */
export function maxError(x: Float32Array, ref: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] as number;
    worst = Math.max(worst, Math.abs((x[i] as number) - r) / (1 + Math.abs(r)));
  }
  return worst;
}

export function randomCase(next: () => number, maxDim: number): Case {
  const dim = (): number => 1 + Math.floor(next() * maxDim);
  const transA = next() < 0.5;
  const transB = next() < 0.5;
  const m = dim();
  const n = dim();
  const k = dim();
  const pad = (): number => (next() < 0.5 ? 0 : Math.floor(next() * 5));
  const betas = [0, 1, 0.5, -2];
  return {
    transA,
    transB,
    m,
    n,
    k,
    alpha: next() < 0.5 ? 1 : next() * 4 - 2,
    beta: betas[Math.floor(next() * betas.length)] as number,
    aOff: pad(),
    bOff: pad(),
    cOff: pad(),
    lda: (transA ? m : k) + pad(),
    ldb: (transB ? k : n) + pad(),
    ldc: n + pad(),
  };
}
