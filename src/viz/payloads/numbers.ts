/** Numbers as JSON carries them: NaN and infinities travel as strings. */
import type { JsonNumber } from "./shared";

// ---- numbers ---------------------------------------------------------------------------------------

/** A number as JSON can carry it (NaN and infinities as strings). */
export function encodeNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  if (Number.isNaN(v)) return "NaN";
  return v > 0 ? "Infinity" : "-Infinity";
}

/** The number a `JsonNumber` stands for. */
export function decodeNumber(v: JsonNumber): number {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  return v === "Infinity" ? Infinity : -Infinity;
}
