/**
 * Downsampling for figures: matrices by block means, series by keeping evenly spaced points, and
 * values rounded to 5 significant digits, so a figure never carries megabytes.
 */
import { encodeNumber } from "../payloads";
import type { JsonNumber, Matrix } from "../payloads";

/** A value rounded to 5 significant digits as JSON carries it. */
export function compact(v: number): JsonNumber {
  return Number.isFinite(v) ? Number(v.toPrecision(5)) : encodeNumber(v);
}

/** Start of each of `count` blocks covering [0, n) as evenly as possible. */
export function blockStarts(n: number, count: number): number[] {
  const starts: number[] = [];
  for (let k = 0; k < count; k++) starts.push(Math.floor((k * n) / count));
  return starts;
}

/**
 * The rows x cols matrix stored row-major at `data[offset...]`, reduced to at most maxRows x maxCols
 * by block means (a NaN or Inf in a block shows in its mean).
 */
export function matrixOf(data: ArrayLike<number>, offset: number, rows: number, cols: number, maxRows: number, maxCols: number): Matrix {
  const r = Math.min(rows, maxRows);
  const c = Math.min(cols, maxCols);
  const rowIndex = blockStarts(rows, r);
  const colIndex = blockStarts(cols, c);
  const z: JsonNumber[][] = [];
  for (let i = 0; i < r; i++) {
    const r0 = rowIndex[i] ?? 0;
    const r1 = rowIndex[i + 1] ?? rows;
    const row: JsonNumber[] = [];
    for (let j = 0; j < c; j++) {
      const c0 = colIndex[j] ?? 0;
      const c1 = colIndex[j + 1] ?? cols;
      let sum = 0;
      for (let a = r0; a < r1; a++) {
        const base = offset + a * cols;
        for (let b = c0; b < c1; b++) sum += data[base + b] as number;
      }
      row.push(compact(sum / ((r1 - r0) * (c1 - c0))));
    }
    z.push(row);
  }
  return { z, rowIndex, colIndex, sourceRows: rows, sourceCols: cols };
}

/** A matrix from nested rows (attention weights, gate activations), downsampled the same way. */
export function matrixFromRows(rows: ReadonlyArray<ArrayLike<number>>, maxRows: number, maxCols: number): Matrix {
  const cols = rows[0]?.length ?? 0;
  const flat = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    for (let j = 0; j < cols; j++) flat[i * cols + j] = row[j] ?? NaN;
  });
  return matrixOf(flat, 0, rows.length, cols, maxRows, maxCols);
}

/** Indices of at most `max` evenly spaced points of a series of length n (first and last kept). */
export function seriesIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) out.push(Math.round((k * (n - 1)) / (max - 1)));
  return out;
}
