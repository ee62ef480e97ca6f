/**
 * The attention-alignment figure (lecture: attention in seq2seq): alpha_{t,s}, how much target
 * step t attends to source token s, as a heat map with source tokens on x and target tokens on y;
 * several heads or examples as a grid sharing one colour scale.
 *
 *   alpha_{t,s} = exp(e_{t,s}) / sum_s' exp(e_{t,s'})      (each row sums to 1)
 */
import { checkKnownOptions } from "../known-options";
import { ATTENTION_OPTIONS } from "./option-names";
import { ShapeError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import { Dense, dense } from "./data/matrix-input";
import { matrixOf } from "./data/downsample";
import { Figure } from "./figure";
import type { AttentionPanel, AttentionPayload, Matrix } from "./payloads";
import { categoryTicks } from "./data/category-ticks";
import { renderAttention } from "./attention-svg";
import { colorScale } from "./data/color-scale";
import { cellSide, visibleToken } from "./payloads/style";

/** Most panels drawn and most tokens per axis. */
export const ATTENTION_MAX_PANELS = 16;
export const ATTENTION_MAX_TOKENS = 128;

/** Options of `viz.attention`. */
export interface AttentionOptions {
  /** Source tokens (x axis), one per column of the weights. */
  source: readonly string[];
  /** Target tokens (y axis), one per row. */
  target: readonly string[];
  /** Panel titles (default "head 0", "head 1", ...). */
  titles?: readonly string[];
  /** Panels per row of the grid (default up to 4). */
  columns?: number;
  title?: string;
}

/**
 * The alignment heat map of attention weights [T, S], or a grid for [K, T, S] (heads or examples;
 * more leading dimensions are flattened).
 *
 * @example viz.attention(alpha, { source: ["the", "cat", "<eos>"], target: ["le", "chat", "<eos>"] })
 */
export function attentionFigure(weights: Tensor | ReadonlyArray<unknown>, options: AttentionOptions): Figure<"attention"> {
  checkKnownOptions("viz.attention", options, ATTENTION_OPTIONS);
  const w = dense(weights, "viz.attention");
  const S = w.shape[w.shape.length - 1] ?? 0;
  const T = w.shape[w.shape.length - 2] ?? 0;
  if (w.shape.length < 2 || S !== options.source.length || T !== options.target.length) {
    throw new ShapeError(
      `viz.attention: weights must be [..., T, S] with T target and S source tokens; expected [..., ${options.target.length}, ${options.source.length}], got [${w.shape.join(", ")}]`,
    );
  }
  const count = w.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const shownT = Math.min(T, ATTENTION_MAX_TOKENS);
  const shownS = Math.min(S, ATTENTION_MAX_TOKENS);
  const panels: AttentionPanel[] = [];
  for (let k = 0; k < Math.min(count, ATTENTION_MAX_PANELS); k++) {
    panels.push({ title: options.titles?.[k] ?? (count === 1 ? "" : `head ${k}`), matrix: crop(w, k * T * S, S, shownT, shownS) });
  }
  let max = 0;
  for (let i = 0; i < w.data.length; i++) max = Math.max(max, Number.isFinite(w.data[i] as number) ? (w.data[i] as number) : 0);
  const source = options.source.slice(0, shownS).map(visibleToken);
  const target = options.target.slice(0, shownT).map(visibleToken);
  const cell = cellSide(shownT, shownS, panels.length > 1 ? 260 : 420);
  const payload: AttentionPayload = {
    kind: "attention",
    version: 1,
    ...(options.title === undefined ? {} : { title: options.title }),
    source,
    target,
    cell,
    sourceTicks: categoryTicks(source, cell, "x"),
    targetTicks: categoryTicks(target, cell, "y"),
    panels,
    columns: Math.max(1, Math.min(options.columns ?? 4, panels.length)),
    colorScale: colorScale("blues", 0, max > 0 ? max : 1),
  };
  const cut = shownS < S || shownT < T ? ` (first ${shownT} x ${shownS} shown)` : "";
  return new Figure("attention", payload, renderAttention, `Attention ${T} target x ${S} source tokens, ${count} panel${count === 1 ? "" : "s"}${cut}`);
}

/** The top-left rows x cols corner of the T x S matrix at `offset` (no averaging: tokens stay put). */
function crop(w: Dense, offset: number, S: number, rows: number, cols: number): Matrix {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = w.data[offset + i * S + j] as number;
  return matrixOf(out, 0, rows, cols, rows, cols);
}
