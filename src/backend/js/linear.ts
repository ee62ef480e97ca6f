import type { Backend } from "../backend";
import { gemmJs } from "./gemm";

/** Y = X W^T + b (see Backend.linear): Y's rows filled with b, then one GEMM accumulating into them. */
export const linearJs: Backend["linear"] = (m, n, k, x, xOff, w, wOff, bias, out, outOff) => {
  if (bias !== null) for (let r = 0; r < m; r++) out.set(bias.subarray(0, n), outOff + r * n);
  gemmJs(false, true, m, n, k, 1, x, xOff, k, w, wOff, k, bias === null ? 0 : 1, out, outOff, n);
};
