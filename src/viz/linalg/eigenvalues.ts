/**
 * Eigenvalues of a real, square, possibly non-symmetric matrix (for the spectrum of W_hh).
 *
 * 1. Reduce A to upper Hessenberg form H = Q^-1 A Q by Gaussian elimination with pivoting
 *    (similarity transforms keep the eigenvalues).
 * 2. Run the Francis double-shift QR iteration on H: each step is an implicit QR step with the two
 *    eigenvalues of the trailing 2x2 block as shifts, so complex-conjugate pairs need no complex
 *    arithmetic. A subdiagonal entry that becomes negligible splits off one real eigenvalue (1x1
 *    block) or a pair (2x2 block).
 * This is the classic EISPACK `elmhes` + `hqr` scheme, O(n^3).
 */
import { ValueError } from "../../errors";

/** An eigenvalue re + i im. */
export interface Complex {
  re: number;
  im: number;
}

const MAX_ITERATIONS = 60;

/**
 * The n eigenvalues of the n x n matrix given row-major in `data`, complex pairs adjacent
 * (positive imaginary part first), sorted by decreasing modulus.
 *
 * @example eigenvalues([0, -1, 1, 0], 2)  // [{ re: 0, im: 1 }, { re: 0, im: -1 }]
 */
export function eigenvalues(data: ArrayLike<number>, n: number): Complex[] {
  if (data.length !== n * n) {
    throw new ValueError(`eigenvalues: the matrix must be square; expected ${n * n} values for [${n}, ${n}], got ${data.length}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i] as number)) throw new ValueError(`eigenvalues: the matrix must be finite; expected finite values, got ${data[i]} at flat index ${i}`);
  }
  const a: Float64Array[] = [];
  for (let i = 0; i < n; i++) a.push(Float64Array.from({ length: n }, (_, j) => data[i * n + j] as number));
  toHessenberg(a, n);
  const values = hessenbergEigenvalues(a, n);
  return values.sort((p, q) => Math.hypot(q.re, q.im) - Math.hypot(p.re, p.im) || q.im - p.im);
}

function row(a: Float64Array[], i: number): Float64Array {
  const r = a[i];
  if (r === undefined) throw new ValueError(`eigenvalues: row ${i} is outside the matrix; expected < ${a.length}, got ${i}`);
  return r;
}

/** In place: A -> upper Hessenberg by eliminations with row/column pivoting (a similarity). */
function toHessenberg(a: Float64Array[], n: number): void {
  for (let m = 1; m < n - 1; m++) {
    let x = 0;
    let pivot = m;
    for (let j = m; j < n; j++) {
      const v = row(a, j)[m - 1] as number;
      if (Math.abs(v) > Math.abs(x)) {
        x = v;
        pivot = j;
      }
    }
    if (pivot !== m) {
      const rp = row(a, pivot);
      const rm = row(a, m);
      for (let j = m - 1; j < n; j++) [rp[j], rm[j]] = [rm[j] as number, rp[j] as number];
      for (let j = 0; j < n; j++) {
        const rj = row(a, j);
        [rj[pivot], rj[m]] = [rj[m] as number, rj[pivot] as number];
      }
    }
    if (x === 0) continue;
    const rm = row(a, m);
    for (let i = m + 1; i < n; i++) {
      const ri = row(a, i);
      const y = (ri[m - 1] as number) / x;
      if (y === 0) continue;
      ri[m - 1] = 0;
      // row_i -= y row_m, then column_m += y column_i (the inverse transform on the right)
      for (let j = m; j < n; j++) ri[j] = (ri[j] as number) - y * (rm[j] as number);
      for (let j = 0; j < n; j++) {
        const rj = row(a, j);
        rj[m] = (rj[m] as number) + y * (rj[i] as number);
      }
    }
  }
}

/** Eigenvalues of an upper Hessenberg matrix by the Francis double-shift QR iteration (destroys `a`). */
function hessenbergEigenvalues(a: Float64Array[], n: number): Complex[] {
  const at = (i: number, j: number): number => row(a, i)[j] as number;
  const set = (i: number, j: number, v: number): void => void (row(a, i)[j] = v);
  const out: Complex[] = [];
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(at(i, j));
  let nn = n - 1;
  let shift = 0;
  while (nn >= 0) {
    let its = 0;
    let l: number;
    do {
      // Look for a negligible subdiagonal entry a[l][l-1]: it splits the problem.
      for (l = nn; l >= 1; l--) {
        let s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
        if (s === 0) s = norm;
        if (Math.abs(at(l, l - 1)) <= Number.EPSILON * s) {
          set(l, l - 1, 0);
          break;
        }
      }
      let x = at(nn, nn);
      if (l === nn) {
        out.push({ re: x + shift, im: 0 });
        nn -= 1;
        continue;
      }
      let y = at(nn - 1, nn - 1);
      let w = at(nn, nn - 1) * at(nn - 1, nn);
      if (l === nn - 1) {
        // A 2x2 block: its two eigenvalues, real or a conjugate pair.
        const p = 0.5 * (y - x);
        const q = p * p + w;
        const z = Math.sqrt(Math.abs(q));
        x += shift;
        if (q >= 0) {
          const zz = p + (p >= 0 ? z : -z);
          out.push({ re: x + zz, im: 0 }, { re: zz !== 0 ? x - w / zz : x + zz, im: 0 });
        } else {
          out.push({ re: x + p, im: z }, { re: x + p, im: -z });
        }
        nn -= 2;
        continue;
      }
      if (its === MAX_ITERATIONS) throw new ValueError(`eigenvalues: QR iteration did not converge; expected convergence within ${MAX_ITERATIONS} iterations, got none for eigenvalue ${nn}`);
      if (its === 10 || its === 20) {
        // Exceptional shift, to break cycles.
        shift += x;
        for (let i = 0; i <= nn; i++) set(i, i, at(i, i) - x);
        const s = Math.abs(at(nn, nn - 1)) + Math.abs(at(nn - 1, nn - 2));
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      its += 1;
      francisStep(at, set, l, nn, x, y, w);
    } while (l < nn - 1);
  }
  return out;
}

/** One implicit double-shift QR step on the active block rows/columns l..nn (chasing the bulge). */
function francisStep(at: (i: number, j: number) => number, set: (i: number, j: number, v: number) => void, l: number, nn: number, x: number, y: number, w: number): void {
  let m = nn - 2;
  let p = 0;
  let q = 0;
  let r = 0;
  let z: number;
  // Find where to start: two consecutive small subdiagonal entries.
  for (; m >= l; m--) {
    z = at(m, m);
    const rr = x - z;
    const ss = y - z;
    p = (rr * ss - w) / at(m + 1, m) + at(m, m + 1);
    q = at(m + 1, m + 1) - z - rr - ss;
    r = at(m + 2, m + 1);
    const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
    p /= s;
    q /= s;
    r /= s;
    if (m === l) break;
    const u = Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r));
    const v = Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1)));
    if (u + v === v) break;
  }
  for (let i = m + 2; i <= nn; i++) {
    set(i, i - 2, 0);
    if (i !== m + 2) set(i, i - 3, 0);
  }
  for (let k = m; k <= nn - 1; k++) {
    let scale = 1;
    if (k !== m) {
      p = at(k, k - 1);
      q = at(k + 1, k - 1);
      r = k !== nn - 1 ? at(k + 2, k - 1) : 0;
      scale = Math.abs(p) + Math.abs(q) + Math.abs(r);
      if (scale !== 0) {
        p /= scale;
        q /= scale;
        r /= scale;
      }
    }
    const norm = Math.sqrt(p * p + q * q + r * r);
    const s = p >= 0 ? norm : -norm;
    if (s === 0) continue;
    if (k === m) {
      if (l !== m) set(k, k - 1, -at(k, k - 1));
    } else set(k, k - 1, -s * scale);
    p += s;
    const hx = p / s;
    const hy = q / s;
    const hz = r / s;
    q /= p;
    r /= p;
    // Householder reflection applied to rows k..k+2, then to columns k..k+2.
    for (let j = k; j <= nn; j++) {
      let t = at(k, j) + q * at(k + 1, j);
      if (k !== nn - 1) {
        t += r * at(k + 2, j);
        set(k + 2, j, at(k + 2, j) - t * hz);
      }
      set(k + 1, j, at(k + 1, j) - t * hy);
      set(k, j, at(k, j) - t * hx);
    }
    const last = Math.min(nn, k + 3);
    for (let i = l; i <= last; i++) {
      let t = hx * at(i, k) + hy * at(i, k + 1);
      if (k !== nn - 1) {
        t += hz * at(i, k + 2);
        set(i, k + 2, at(i, k + 2) - t * r);
      }
      set(i, k + 1, at(i, k + 1) - t * q);
      set(i, k, at(i, k) - t);
    }
  }
}
