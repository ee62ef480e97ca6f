// The products of one chunk of a recurrent step split by hidden units (sequence-share.as): its
// columns of every gate, C_q[:, 0:n] (+)= A B_q for q = 0 .. G-1, where A is h_{t-1} [m, k] and
// B_q the n columns of gate q in W_hh^T's prepacked panels (sgemm's B_PACKED), C_q the gate's
// n columns of the step's gate block. One sgemm per gate packs A G times; here each block of A is
// packed once and every gate's panels run against it. The micro-kernels, their operands and the
// order of the k blocks are those of sgemm, so every element gets the same bits.

import { KC, MC, NC, mergeTile } from "./gemm";
import { MR, MR5, NR, kernel4x8, kernel5x8, panelsOf5 } from "./kernel";
import { packA } from "./pack";

/**
 * C_q = A B_q + (beta != 0 ? C_q : 0) for q = 0 .. G-1 (beta 0 or 1): A [m, k] row-major at `a`
 * (row stride lda), B_q at b + q * bGate bytes (prepacked panels of n columns, all k steps),
 * C_q at c + q * cGate bytes (row stride ldc). `work`: workspaceBytes(n) bytes (gemm.as).
 */
export function sgemmGates(
  G: i32, m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, bGate: usize, beta: f32, c: usize, cGate: usize, ldc: i32, work: usize,
): void {
  const ap = work;
  const tile = ap + <usize>(MC * KC) * 4 + <usize>(KC * ((min(n, NC) + NR - 1) / NR * NR)) * 4; // where sgemm keeps it
  const ldcBytes = <usize>ldc * 4;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    const accumulate = pc > 0 || beta != 0;
    for (let ic = 0; ic < m; ic += MC) {
      const mc = min(MC, m - ic);
      packA(false, a, lda, ic, pc, mc, kc, 1, ap);
      const rows5 = panelsOf5(mc) * MR5;
      for (let q = 0; q < G; q++) {
        const bq = b + <usize>q * bGate;
        const cq = c + <usize>q * cGate;
        for (let jr = 0; jr < n; jr += NR) {
          const nr = min(NR, n - jr);
          const bPanel = bq + (<usize>jr * <usize>k + <usize>(pc * NR)) * 4;
          for (let ir = 0; ir < mc; ) {
            const height = ir < rows5 ? MR5 : MR;
            const mr = min(height, mc - ir);
            const aPanel = ap + <usize>(ir * kc) * 4;
            const cTile = cq + (<usize>(ic + ir) * <usize>ldc + <usize>jr) * 4;
            if (mr == height && nr == NR) {
              if (height == MR5) kernel5x8(kc, aPanel, bPanel, cTile, ldcBytes, accumulate);
              else kernel4x8(kc, aPanel, bPanel, cTile, ldcBytes, accumulate);
            } else {
              if (height == MR5) kernel5x8(kc, aPanel, bPanel, tile, <usize>NR * 4, false);
              else kernel4x8(kc, aPanel, bPanel, tile, <usize>NR * 4, false);
              mergeTile(tile, cTile, ldcBytes, mr, nr, accumulate);
            }
            ir += height;
          }
        }
      }
    }
  }
}
