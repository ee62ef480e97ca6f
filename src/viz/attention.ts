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
import { FONT_SIZE, formatCell, inkOn, valueColor, visibleToken } from "./payloads/style";
import { HEAT_TITLES, PANEL_TITLE_H, attentionFrame, gridFrame } from "./payloads/heat-frame";
import { decodeNumber } from "./payloads/numbers";

/** Most panels drawn and most tokens per axis. */
export const ATTENTION_MAX_PANELS = 16;
export const ATTENTION_MAX_TOKENS = 128;

/**
 * Size of the figure: the longer side of one panel's cells is at most `panel` px (`grid` px per
 * panel in a grid), a cell is square, 4 to 36 px; panels per row are as many as fit `width` px
 * (at least one), unless the caller says how many. A 128 x 128 map has 4 px cells (512 px); its
 * labels are thinned to every 4th token. Wider figures (many columns asked for) keep their size:
 * the lab scrolls sideways, the static drawing scales to the page.
 */
export const ATTENTION_SIZE = { panel: 512, grid: 260, width: 880, minCell: 4, maxCell: 36 } as const;
/** Axis titles and the colour bar's title of the attention figure. */
export const ATTENTION_TITLES = HEAT_TITLES.attention;

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
    panels.push({ title: options.titles?.[k] ?? (count === 1 ? "" : `head ${k}`), matrix: crop(w, k * T * S, S, shownT, shownS), values: null });
  }
  const cut = shownS < S || shownT < T ? ` (first ${shownT} \u00d7 ${shownS} shown)` : "";
  let max = 0;
  for (let i = 0; i < w.data.length; i++) max = Math.max(max, Number.isFinite(w.data[i] as number) ? (w.data[i] as number) : 0);
  const source = options.source.slice(0, shownS).map(visibleToken);
  const target = options.target.slice(0, shownT).map(visibleToken);
  const extent = panels.length > 1 ? ATTENTION_SIZE.grid : ATTENTION_SIZE.panel;
  const cell = Math.max(ATTENTION_SIZE.minCell, Math.min(ATTENTION_SIZE.maxCell, Math.floor(extent / Math.max(shownT, shownS, 1))));
  const sourceTicks = categoryTicks(source, cell, "x");
  const targetTicks = categoryTicks(target, cell, "y");
  const scale = colorScale("blues", 0, max > 0 ? max : 1, ATTENTION_TITLES.colorBar);
  const titleH = panels.some((p) => p.title.length > 0) ? PANEL_TITLE_H : 0;
  const spec = { count: panels.length, width: shownS * cell, height: shownT * cell, yTicks: targetTicks, xTicks: sourceTicks, yTitle: ATTENTION_TITLES.row, xTitle: ATTENTION_TITLES.col, titleH, rowGap: 8, scale };
  const one = gridFrame({ ...spec, columns: 1 });
  // as many panels per row as fit the width (the colour bar's room counted once)
  const fit = Math.max(1, Math.floor((ATTENTION_SIZE.width - (one.width - one.colorBar.x)) / Math.max(1, one.colorBar.x)));
  const columns = Math.max(1, Math.min(options.columns ?? Math.min(4, fit), panels.length));
  const fields: Omit<AttentionPayload, "frame"> = {
    kind: "attention",
    version: 1,
    title: options.title ?? "Attention",
    subtitle: `${T} target \u00d7 ${S} source tokens${cut}  \u00b7  ${count} panel${count === 1 ? "" : "s"}`,
    source,
    target,
    cell,
    sourceTicks,
    targetTicks,
    panels,
    columns,
    colorScale: scale,
    rowTitle: ATTENTION_TITLES.row,
    colTitle: ATTENTION_TITLES.col,
  };
  const payload: AttentionPayload = { ...fields, frame: attentionFrame(fields) };
  if (cell >= VALUE_CELL_MIN) for (const panel of panels) panel.values = cellValues(panel.matrix, payload.colorScale);
  return new Figure("attention", payload, renderAttention, `Attention ${T} target x ${S} source tokens, ${count} panel${count === 1 ? "" : "s"}${cut.replace("\u00d7", "x")}`);
}

/** The top-left rows x cols corner of the T x S matrix at `offset` (no averaging: tokens stay put). */
function crop(w: Dense, offset: number, S: number, rows: number, cols: number): Matrix {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = w.data[offset + i * S + j] as number;
  return matrixOf(out, 0, rows, cols, rows, cols);
}

/** Least cell side (px) that holds a printed weight such as `0.025` or `1e-4`. */
const VALUE_CELL_MIN = 34;

/** The weights as printed in the cells (2 significant digits) and the ink that reads on each cell's blue. */
function cellValues(m: Matrix, scale: AttentionPayload["colorScale"]): NonNullable<AttentionPanel["values"]> {
  const values = m.z.map((row) => row.map(decodeNumber));
  return { text: values.map((row) => row.map(formatCell)), ink: values.map((row) => row.map((v) => inkOn(valueColor(scale, v)))), size: FONT_SIZE.cell };
}
