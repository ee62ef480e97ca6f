import { IndexError } from "../errors";

/** The largest int32, the bound of an index stored as int32. */
const INT32_MAX = 2 ** 31 - 1;

/**
 * A list of plain numbers used as indices, checked and stored as int32: every entry must be an
 * integer that int32 holds. `Int32Array.from` alone truncates 0.9 to 0, NaN to 0 and wraps
 * 2^32 + 1 to 1, which would pick the wrong rows silently. Range checks against the indexed dim
 * stay with the caller, which knows it.
 *
 * @example indexList("indexSelect", "index", [0, 2]) // Int32Array [0, 2]
 */
export function indexList(op: string, name: string, values: readonly number[]): Int32Array {
  if (!Array.isArray(values)) throw new IndexError(`${op}: ${name} must be an int32 Tensor or an array of integers; got ${String(values)}`);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isInteger(v) || Math.abs(v) > INT32_MAX) {
      throw new IndexError(`${op}: ${name} must hold integers; got ${String(v)} at position ${i}`);
    }
    out[i] = v;
  }
  return out;
}
