/** Detaching a carried recurrent state between truncated-BPTT chunks. */
import { Tensor } from "../tensor/tensor";

/**
 * The same structure with every tensor detached: h_t keeps its value for the next chunk, but
 * gradients stop at the chunk boundary (truncated BPTT: dL/dh_{t-k} is never computed).
 */
export function detachCarry<S>(state: S): S {
  return detachValue(state) as S;
}

function detachValue(v: unknown): unknown {
  if (v instanceof Tensor) return v.detach();
  if (Array.isArray(v)) return v.map(detachValue);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = detachValue(x);
    return out;
  }
  return v;
}
