/** Pieces shared by several payloads: numbers, points, boxes, colour scales, matrices, statistics. */
import type { PayloadKind } from "./mime";

// ---- shared pieces ---------------------------------------------------------------------------------

/** A number as JSON can carry it: finite numbers as is, NaN and infinities as strings. */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** A point in layout pixels (origin top left, y down). */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box in layout pixels: top-left corner and size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * How values map to colours. `viridis` is sequential (min dark purple, max yellow); `rdbu` is
 * diverging, centred on 0 (negative blue, 0 white, positive red, with min = -max); `blues` is
 * sequential light to dark blue, used for probabilities in [0, 1] (attention, gates).
 */
export interface ColorScale {
  scheme: "viridis" | "rdbu" | "blues";
  min: number;
  max: number;
  /** Colour-bar ticks between min and max, with their label text. */
  ticks: number[];
  tickText: string[];
}

/**
 * A heat-map matrix, possibly downsampled from a larger one by block means.
 * `z` has `rowIndex.length` rows of `colIndex.length` values.
 */
export interface Matrix {
  z: JsonNumber[][];
  /** Source row of each shown row (the first row of its block when downsampled). */
  rowIndex: number[];
  /** Source column of each shown column. */
  colIndex: number[];
  /** Rows and columns of the source before downsampling. */
  sourceRows: number;
  sourceCols: number;
}

/**
 * A numeric axis as both drawings show it: the range, and every tick with its label text, decided
 * in the library so the lab and the static SVG print the same labels. On a log axis `range` and
 * `ticks` are still data values (powers of ten and their multiples), not exponents.
 */
export interface Axis {
  label: string;
  scale: "linear" | "log";
  range: [number, number];
  ticks: number[];
  tickText: string[];
}

/** Summary statistics of a set of values; null when there is no finite value. */
export interface Stats {
  numel: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  /** Euclidean norm of the finite values. */
  norm: number | null;
  nanCount: number;
  infCount: number;
}

export interface PayloadBase<K extends PayloadKind> {
  kind: K;
  version: 1;
  /** Optional figure title. */
  title?: string;
}
