/**
 * The JSON payloads of seqgrad figures: the contract between the library (which builds them in the
 * kernel) and the JupyterLab extension (which draws them). Each figure travels under one versioned
 * MIME type; its payload carries `kind` and `version` so a renderer can check what it got.
 *
 * This folder is self-contained on purpose: no imports from outside it but valibot, no DOM, no Node
 * APIs. It is the package's second entry point, `seqgrad/payloads`: the extension imports it (payload
 * types, `validatePayload`, and the shared style both drawings use) and calls
 * `validatePayload(mime, data)` before drawing.
 *
 * Every payload is defined once, as a valibot schema; its TypeScript type is inferred from that
 * schema (`v.InferOutput`), so the validator and the type cannot drift apart. Rules that relate one
 * field to another (edge endpoints, series lengths) are in `validators.ts`.
 *
 * Conventions shared by every payload:
 * - Numbers that may be NaN or infinite are `JsonNumber`s: JSON has no NaN, so they travel as the
 *   strings "NaN", "Infinity", "-Infinity" (see `encodeNumber` / `decodeNumber`).
 * - Matrices are row-major nested arrays `z[row][col]` (plotly's orientation); row 0 is drawn at the
 *   top of a heat map.
 * - Layout coordinates (graph and unrolled figures) are pixels with the origin at the top left and y
 *   pointing down (SVG's convention), computed in the library so static and interactive drawings agree.
 * - Unknown extra fields are allowed (forward compatibility); missing or mistyped required fields are not.
 *
 * Changelog: v1 (initial).
 */
export * from "./mime";
export * from "./shared";
export * from "./chart-layout";
export * from "./figures";
export * from "./plots";
export * from "./numbers";
export * from "./style";
export * from "./measure";
export * from "./heat-frame";
export { kindOfMime, validatePayload } from "./validate";
export { upgradePayload } from "./upgrade";
export type { ValidationResult } from "./validate";
