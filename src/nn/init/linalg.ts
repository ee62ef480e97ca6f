/**
 * Dense float64 linear algebra that the initializers need: a Householder QR giving orthonormal
 * columns, and the eigenvalues of a symmetric matrix (Householder tridiagonalization, then Sturm
 * bisection). Plain loops over contiguous rows; matrices are row-major Float64Arrays.
 */

/**
 * Orthonormalizes the n columns of an m x n matrix A (m >= n) given TRANSPOSED, as `at` [n, m]
 * (row j is column j of A, so every column operation runs over contiguous memory).
 *
 *   A = Q R,   Q [m, n] with Q^T Q = I,   R [n, n] upper triangular with R_kk > 0
 *
 * Householder: for each k, the reflector H_k = I - beta v v^T maps column k below the diagonal to
 * alpha e_k; Q = H_0 H_1 ... H_{n-1} [I_n; 0]. Columns are then signed so that diag(R) > 0, which
 * makes Q unique (and Haar-distributed when A is Gaussian). Returns Q^T [n, m]; `at` is overwritten.
 * Cost about 4 m n^2 flops.
 */
export function orthonormalColumnsT(at: Float64Array, n: number, m: number): Float64Array {
  const v = new Float64Array(n * m);
  const beta = new Float64Array(n);
  const sign = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const ck = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += (at[ck + i] as number) * (at[ck + i] as number);
    const x0 = at[ck + k] as number;
    const norm = Math.sqrt(norm2);
    const alpha = x0 >= 0 ? -norm : norm;
    // v = x - alpha e_k, ||v||^2 = 2 ||x||^2 - 2 alpha x_0
    for (let i = k; i < m; i++) v[ck + i] = at[ck + i] as number;
    v[ck + k] = x0 - alpha;
    const vnorm2 = 2 * norm2 - 2 * alpha * x0;
    const b = vnorm2 > 0 ? 2 / vnorm2 : 0;
    beta[k] = b;
    sign[k] = vnorm2 > 0 ? (alpha < 0 ? -1 : 1) : x0 < 0 ? -1 : 1;
    if (b === 0) continue;
    for (let j = k + 1; j < n; j++) reflect(at, j * m, v, ck, k, m, b);
  }
  const qt = new Float64Array(n * m);
  for (let j = 0; j < n; j++) qt[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const b = beta[k] as number;
    if (b === 0) continue;
    for (let j = k; j < n; j++) reflect(qt, j * m, v, k * m, k, m, b);
  }
  for (let k = 0; k < n; k++) {
    if ((sign[k] as number) > 0) continue;
    const row = k * m;
    for (let i = 0; i < m; i++) qt[row + i] = -(qt[row + i] as number);
  }
  return qt;
}

/** y[from..m) -= beta (v . y) v, for the row y at `yOff` and the reflector v at `vOff`. */
function reflect(y: Float64Array, yOff: number, v: Float64Array, vOff: number, from: number, m: number, beta: number): void {
  // four partial sums: the adds are independent, so they overlap instead of waiting on each other
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let i = from;
  for (; i + 3 < m; i += 4) {
    d0 += (v[vOff + i] as number) * (y[yOff + i] as number);
    d1 += (v[vOff + i + 1] as number) * (y[yOff + i + 1] as number);
    d2 += (v[vOff + i + 2] as number) * (y[yOff + i + 2] as number);
    d3 += (v[vOff + i + 3] as number) * (y[yOff + i + 3] as number);
  }
  for (; i < m; i++) d0 += (v[vOff + i] as number) * (y[yOff + i] as number);
  const s = beta * (d0 + d1 + d2 + d3);
  if (s === 0) return;
  for (let j = from; j < m; j++) y[yOff + j] = (y[yOff + j] as number) - s * (v[vOff + j] as number);
}

/**
 * The eigenvalues of a symmetric n x n matrix, ascending.
 *
 * 1. Householder reflections reduce A to a tridiagonal T = Q^T A Q with the same eigenvalues
 *    (about 2 n^3 flops; A is copied, not changed).
 * 2. Each eigenvalue of T is found by bisection on the Sturm count
 *    nu(x) = #{i : q_i < 0},  q_0 = d_0 - x,  q_i = d_i - x - e_{i-1}^2 / q_{i-1},
 *    which is the number of eigenvalues below x.
 */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): Float64Array {
  const { d, e } = tridiagonalize(matrix, n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = Math.abs(i > 0 ? (e[i - 1] as number) : 0) + Math.abs(i < n - 1 ? (e[i] as number) : 0);
    lo = Math.min(lo, (d[i] as number) - r);
    hi = Math.max(hi, (d[i] as number) + r);
  }
  const out = new Float64Array(n);
  const e2 = e.map((x) => x * x);
  for (let k = 0; k < n; k++) {
    let a = lo;
    let b = hi;
    for (let it = 0; it < 200; it++) {
      const mid = 0.5 * (a + b);
      if (mid <= a || mid >= b) break;
      if (sturmCount(d, e2, mid) > k) b = mid;
      else a = mid;
    }
    out[k] = 0.5 * (a + b);
  }
  return out;
}

function sturmCount(d: Float64Array, e2: Float64Array, x: number): number {
  let count = 0;
  let q = 1;
  for (let i = 0; i < d.length; i++) {
    q = (d[i] as number) - x - (i > 0 ? (e2[i - 1] as number) / q : 0);
    if (q === 0) q = -1e-300;
    if (q < 0) count++;
  }
  return count;
}

function tridiagonalize(matrix: ArrayLike<number>, n: number): { d: Float64Array; e: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  for (let k = 0; k < n - 2; k++) {
    const s = k + 1;
    let norm2 = 0;
    for (let i = s; i < n; i++) norm2 += (a[i * n + k] as number) ** 2;
    const x0 = a[s * n + k] as number;
    const norm = Math.sqrt(norm2);
    const alpha = x0 >= 0 ? -norm : norm;
    const vnorm2 = 2 * norm2 - 2 * alpha * x0;
    e[k] = alpha;
    if (!(vnorm2 > 0)) {
      e[k] = x0;
      continue;
    }
    const scale = 1 / Math.sqrt(vnorm2);
    for (let i = s; i < n; i++) v[i] = (a[i * n + k] as number) * scale;
    v[s] = (x0 - alpha) * scale;
    // A22 <- H A22 H with H = I - 2 v v^T:  p = A22 v,  w = p - (v.p) v,  A22 -= 2 (v w^T + w v^T)
    let vp = 0;
    for (let i = s; i < n; i++) {
      let acc = 0;
      const row = i * n;
      for (let j = s; j < n; j++) acc += (a[row + j] as number) * (v[j] as number);
      p[i] = acc;
      vp += (v[i] as number) * acc;
    }
    for (let i = s; i < n; i++) p[i] = (p[i] as number) - vp * (v[i] as number);
    for (let i = s; i < n; i++) {
      const row = i * n;
      const vi = 2 * (v[i] as number);
      const wi = 2 * (p[i] as number);
      for (let j = s; j < n; j++) a[row + j] = (a[row + j] as number) - vi * (p[j] as number) - wi * (v[j] as number);
    }
  }
  if (n >= 2) e[n - 2] = a[(n - 1) * n + (n - 2)] as number;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = a[i * n + i] as number;
  return { d, e };
}
