import type { DType, TypedArray } from "../tensor/dtype";
import { SafetensorsError } from "./safetensors-error";

/** The safetensors element types seqgrad reads (F16 and BF16 widen to float32; integers to int32). */
export type SafetensorsDType = "F64" | "F32" | "F16" | "BF16" | "I64" | "I32" | "I16" | "I8" | "U64" | "U32" | "U16" | "U8" | "BOOL";

/** Bytes per element and the seqgrad dtype each safetensors dtype loads into. */
export const SAFETENSORS_DTYPES: Readonly<Record<SafetensorsDType, { size: number; loadsAs: DType }>> = {
  F64: { size: 8, loadsAs: "float64" },
  F32: { size: 4, loadsAs: "float32" },
  F16: { size: 2, loadsAs: "float32" },
  BF16: { size: 2, loadsAs: "float32" },
  I64: { size: 8, loadsAs: "int32" },
  I32: { size: 4, loadsAs: "int32" },
  I16: { size: 2, loadsAs: "int32" },
  I8: { size: 1, loadsAs: "int32" },
  U64: { size: 8, loadsAs: "int32" },
  U32: { size: 4, loadsAs: "int32" },
  U16: { size: 2, loadsAs: "int32" },
  U8: { size: 1, loadsAs: "int32" },
  BOOL: { size: 1, loadsAs: "int32" },
};

/** True when `name` is a dtype this reader knows. */
export function isSafetensorsDType(name: unknown): name is SafetensorsDType {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(SAFETENSORS_DTYPES, name);
}

/**
 * Decodes `n` little-endian elements of `dtype` from `view` (positioned at the tensor's first
 * byte) into a new typed array. 64-bit integers must fit int32; otherwise a `SafetensorsError`
 * names the tensor, the value and its index.
 */
export function decodeElements(view: DataView, dtype: SafetensorsDType, n: number, out: TypedArray, name: string): void {
  switch (dtype) {
    case "F64":
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(8 * i, true);
      return;
    case "F32":
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
      return;
    case "F16":
      for (let i = 0; i < n; i++) out[i] = halfToNumber(view.getUint16(2 * i, true));
      return;
    case "BF16":
      for (let i = 0; i < n; i++) out[i] = bfloat16ToNumber(view.getUint16(2 * i, true));
      return;
    case "I64":
    case "U64":
      for (let i = 0; i < n; i++) {
        const lo = view.getUint32(8 * i, true);
        const hi = dtype === "I64" ? view.getInt32(8 * i + 4, true) : view.getUint32(8 * i + 4, true);
        // fits int32 exactly when the high word is the sign extension of the low word
        if (hi !== (lo | 0) >> 31) {
          const value = BigInt(hi) * 4294967296n + BigInt(lo);
          throw new SafetensorsError(
            "value-range",
            `loadSafetensors: tensor "${name}" holds ${dtype} value ${value} at flat index ${i}, outside int32; expected -2147483648 <= value <= 2147483647`,
          );
        }
        out[i] = lo | 0;
      }
      return;
    case "I32":
      for (let i = 0; i < n; i++) out[i] = view.getInt32(4 * i, true);
      return;
    case "U32":
      for (let i = 0; i < n; i++) {
        const v = view.getUint32(4 * i, true);
        if (v > 2147483647) {
          throw new SafetensorsError("value-range", `loadSafetensors: tensor "${name}" holds U32 value ${v} at flat index ${i}, outside int32; expected value <= 2147483647`);
        }
        out[i] = v;
      }
      return;
    case "I16":
      for (let i = 0; i < n; i++) out[i] = view.getInt16(2 * i, true);
      return;
    case "U16":
      for (let i = 0; i < n; i++) out[i] = view.getUint16(2 * i, true);
      return;
    case "I8":
      for (let i = 0; i < n; i++) out[i] = view.getInt8(i);
      return;
    case "U8":
    case "BOOL":
      for (let i = 0; i < n; i++) out[i] = view.getUint8(i);
      return;
  }
}

/** IEEE 754 binary16 to a number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const BF16_VIEW = new DataView(new ArrayBuffer(4));

/** bfloat16 (the top half of a float32) to a number. */
function bfloat16ToNumber(b: number): number {
  BF16_VIEW.setUint32(0, b << 16);
  return BF16_VIEW.getFloat32(0);
}
