/** Heat-map cells: one rectangle per matrix entry, with the value as a hover tooltip. */
import { HEATMAP_FRAME, decodeNumber } from "../payloads";
import type { Box, ColorScale, Matrix } from "../payloads";
import { el, text, tooltip } from "./element";
import { inkOn, valueColor } from "./colors";
import { formatValue } from "./scale";

/** Options of `heatmapCells`. */
export interface HeatmapOptions {
  /** Tooltip of cell (i, j); by default "[row, col] = value". */
  label?: (i: number, j: number, value: number) => string;
  /** Print values inside cells when they are big enough (default true). */
  annotate?: boolean;
  /** The text and ink of every cell, decided by the payload: printed as given. */
  values?: { text: readonly string[][]; ink: readonly string[][]; size: number };
}

/** The cells of `matrix` filling `box`, row 0 at the top. */
export function heatmapCells(matrix: Matrix, scale: ColorScale, box: Box, options: HeatmapOptions = {}): string[] {
  const rows = matrix.z.length;
  const cols = matrix.colIndex.length;
  const w = box.width / Math.max(1, cols);
  const h = box.height / Math.max(1, rows);
  const annotate = (options.annotate ?? true) && w >= 34 && h >= 16;
  // Tooltips (and a class) on every cell of a big map would double the figure's size; the lab has hover.
  const tips = rows * cols <= 1024;
  const cells: string[] = [];
  const labels: string[] = [];
  matrix.z.forEach((row, i) => {
    row.forEach((raw, j) => {
      const v = decodeNumber(raw);
      const fill = valueColor(scale, v);
      const tip = tips ? options.label?.(i, j, v) ?? `[${matrix.rowIndex[i] ?? i}, ${matrix.colIndex[j] ?? j}] = ${formatValue(v)}` : "";
      cells.push(el("rect", { x: box.x + j * w, y: box.y + i * h, width: w + 0.3, height: h + 0.3, fill, class: tips ? "cell" : undefined }, tips ? tooltip(tip) : undefined));
      const given = options.values;
      if (given !== undefined) {
        const at = { "text-anchor": "middle", fill: given.ink[i]?.[j] ?? inkOn(fill), "font-size": given.size, "pointer-events": "none", class: "value" };
        labels.push(text(box.x + (j + 0.5) * w, box.y + (i + 0.5) * h + given.size * 0.35, given.text[i]?.[j] ?? "", at));
        return;
      }
      const label = annotate ? cellLabel(v) : "";
      // a value is written in its cell only when it fits (about 6 px a character at 10 px)
      if (annotate && label.length * 6 <= w - 4) {
        labels.push(text(box.x + (j + 0.5) * w, box.y + (i + 0.5) * h + 4, label, { "text-anchor": "middle", fill: inkOn(fill), "font-size": 10, "pointer-events": "none" }));
      }
    });
  });
  // crisp edges: no anti-aliased seams between cells (sharper, and a much smaller PNG copy)
  const out = [el("g", { "shape-rendering": "crispEdges" }, cells), ...labels];
  out.push(el("rect", { x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: HEATMAP_FRAME.color, "stroke-width": HEATMAP_FRAME.width, class: "heatmap-frame" }));
  return out;
}

/** A short in-cell label: two significant digits, `4e-4` style for tiny or huge values. */
export function cellLabel(v: number): string {
  if (!Number.isFinite(v)) return formatValue(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 0.01 || a >= 1e4) return v.toExponential(0).replace("e+", "e");
  return String(Number(v.toPrecision(2)));
}
