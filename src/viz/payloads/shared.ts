/**
 * Pieces shared by several payloads: numbers, points, boxes, colour scales, matrices, statistics.
 * Each is a valibot schema, and its TypeScript type is inferred from it: one definition for the
 * validator and the type.
 */
import * as v from "valibot";
import { count, finite, jsonNumber, list, oneOf, struct, text } from "./fields";
import type { PayloadKind } from "./mime";

// ---- shared pieces ---------------------------------------------------------------------------------

/** A number as JSON can carry it: finite numbers as is, NaN and infinities as strings. */
export type JsonNumber = v.InferOutput<typeof jsonNumber>;

/** A point in layout pixels (origin top left, y down). */
export const PointSchema = struct({ x: finite, y: finite });
export type Point = v.InferOutput<typeof PointSchema>;

/** The fields of an axis-aligned box in layout pixels: top-left corner and size. */
export const BOX_FIELDS = { x: finite, y: finite, width: finite, height: finite };
export const BoxSchema = struct(BOX_FIELDS);
export type Box = v.InferOutput<typeof BoxSchema>;

/**
 * How values map to colours. `viridis` is sequential (min dark purple, max yellow); `rdbu` is
 * diverging, centred on 0 (negative blue, 0 white, positive red, with min = -max); `blues` is
 * sequential light to dark blue, used for probabilities in [0, 1] (attention, gates).
 * `ticks` are the colour bar's ticks between min and max, `tickText` their label text, `title` the
 * colour bar's title both drawings print above it (e.g. "weight"; empty for none).
 */
export const ColorScaleSchema = v.pipe(
  struct({ scheme: oneOf(["viridis", "rdbu", "blues"]), min: finite, max: finite, ticks: list(finite), tickText: list(text), title: v.optional(text, "") }),
  v.forward(v.check((s) => s.tickText.length === s.ticks.length, "one label per tick"), ["tickText"]),
);
export type ColorScale = v.InferOutput<typeof ColorScaleSchema>;

/**
 * A heat-map matrix, possibly downsampled from a larger one by block means. `z` has
 * `rowIndex.length` rows of `colIndex.length` values; `rowIndex` and `colIndex` give the source
 * row and column of each shown one (the first of its block when downsampled); `sourceRows` and
 * `sourceCols` are the source's size.
 */
export const MatrixSchema = v.pipe(
  struct({ z: list(list(jsonNumber)), rowIndex: list(count), colIndex: list(count), sourceRows: count, sourceCols: count }),
  v.forward(v.check((m) => m.z.length === m.rowIndex.length && m.z.every((row) => row.length === m.colIndex.length), "one row per rowIndex entry, one value per colIndex entry"), ["z"]),
);
export type Matrix = v.InferOutput<typeof MatrixSchema>;

/**
 * A numeric axis as both drawings show it: the range, and every tick with its label text, decided
 * in the library so the lab and the static SVG print the same labels. On a log axis `range` and
 * `ticks` are still data values (powers of ten and their multiples), not exponents.
 */
export const AxisSchema = v.pipe(
  struct({ label: text, scale: oneOf(["linear", "log"]), range: v.tuple([finite, finite], "an array of 2 numbers"), ticks: list(finite), tickText: list(text) }),
  v.forward(v.check((a) => a.range[0] < a.range[1] && (a.scale === "linear" || a.range[0] > 0), "lo < hi (and 0 < lo on a log axis)"), ["range"]),
  v.forward(v.check((a) => a.tickText.length === a.ticks.length, "one label per tick"), ["tickText"]),
);
export type Axis = v.InferOutput<typeof AxisSchema>;

/**
 * The labels of a category axis (tokens, indices, bar names) as both drawings print them, decided
 * in the library: `text[k]` (cut to at most 14 characters) at category `at[k]`, only every few
 * categories when they are too many for their cells, at `angle` degrees (0, or -60 when x labels
 * are wider than their cells).
 */
export const CategoryTicksSchema = v.pipe(
  struct({ at: list(count), text: list(text), angle: finite }),
  v.forward(v.check((t) => t.text.length === t.at.length, "one label per position"), ["text"]),
);
export type CategoryTicks = v.InferOutput<typeof CategoryTicksSchema>;

/** Summary statistics of a set of values; null when there is no finite value. `norm` is the Euclidean norm of the finite values. */
export const StatsSchema = struct({
  numel: count,
  min: v.nullable(finite),
  max: v.nullable(finite),
  mean: v.nullable(finite),
  std: v.nullable(finite),
  norm: v.nullable(finite),
  nanCount: count,
  infCount: count,
});
export type Stats = v.InferOutput<typeof StatsSchema>;

/**
 * The fields every payload starts with: its kind, the version 1, an optional title and an optional
 * subtitle (what the figure shows, e.g. "8 x 8  ·  spectral radius 1.2"), which both drawings print
 * centred above the figure, the subtitle muted under the title.
 */
export function payloadFields<K extends PayloadKind>(kind: K): { kind: v.LiteralSchema<K, string>; version: v.LiteralSchema<1, string>; title: v.OptionalSchema<typeof text, undefined>; subtitle: v.OptionalSchema<typeof text, undefined> } {
  return { kind: v.literal(kind, `"${kind}"`), version: v.literal(1, "1"), title: v.optional(text), subtitle: v.optional(text) };
}

