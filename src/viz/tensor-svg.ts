/**
 * Static drawing of the tensor figure: the heading (title, then shape, dtype and statistics), then
 * bars, a value, or heat maps (one, or one per slice) placed by the payload's frame.
 */
import { decodeNumber } from "./payloads";
import type { Box, TensorPayload } from "./payloads";
import { axisTitlePlaces } from "./payloads/heat-frame";
import { categoryLabels } from "./svg/axes";
import { colorBar } from "./svg/colorbar";
import { NAN_COLOR, PALETTE } from "./svg/colors";
import { INK, headingHeight, svgDocument } from "./svg/document";
import { el, role, text, tooltip } from "./svg/element";
import { heatmapCells } from "./svg/heatmap";
import { xAxis, yAxis, yAxisWidth } from "./svg/axes";
import { formatValue, scaleOf } from "./svg/scale";
import type { Axis } from "./payloads";

const PAD = 12;

/** The views drawn as a grid of heat maps in the payload's frame. */
type HeatView = Extract<TensorPayload["view"], { type: "heatmap" | "slices" }>;

/** The SVG of a tensor payload. */
export function renderTensor(p: TensorPayload): string {
  const y0 = headingHeight(p.title, p.subtitle) + PAD;
  const v = p.view;
  let body: { svg: string[]; width: number; height: number };
  if (v.type === "scalar") body = { svg: [text(PAD, y0 + 26, formatValue(decodeNumber(v.value)), { "font-size": 24, "font-family": "monospace" })], width: 200, height: 40 };
  else if (v.type === "bars") body = bars(v.values.map(decodeNumber), v.index, v.xAxis, v.yAxis, y0);
  else body = heatGrid(v, y0 - PAD + 8);
  const grid = v.type === "heatmap" || v.type === "slices";
  // a heat map is as wide as its frame (the heading widens it when longer); bars and a scalar at least 420 px
  const width = grid ? body.width : Math.max(body.width, 420);
  return svgDocument(width, grid ? y0 - PAD + 8 + body.height : y0 + body.height + PAD, body.svg, p.title, p.subtitle);
}

function bars(values: number[], index: number[], xAxisSpec: Axis, axis: Axis, y0: number): { svg: string[]; width: number; height: number } {
  const n = values.length;
  const band = Math.max(3, Math.min(28, Math.floor(560 / Math.max(1, n))));
  const plotH = 150;
  const left = PAD + yAxisWidth(axis);
  const box: Box = { x: left, y: y0 + 6, width: band * n, height: plotH - 6 };
  const sy = scaleOf(axis, [box.y + box.height, box.y]);
  const out = [...yAxis(sy, box, "value", true)];
  const zero = sy.map(0);
  values.forEach((v, i) => {
    const x = box.x + i * band + (band > 6 ? 1 : 0);
    const w = Math.max(1, band - (band > 6 ? 2 : 0));
    const tip = tooltip(`[${index[i] ?? i}] = ${formatValue(v)}`);
    if (!Number.isFinite(v)) out.push(el("rect", { x, y: box.y, width: w, height: box.height, fill: NAN_COLOR, opacity: 0.6, class: "bar" }, tip));
    else out.push(el("rect", { x, y: Math.min(zero, sy.map(v)), width: w, height: Math.abs(sy.map(v) - zero), fill: PALETTE[0], class: "bar" }, tip));
  });
  out.push(el("line", { x1: box.x, y1: zero, x2: box.x + box.width, y2: zero, stroke: INK.axis }));
  const ix = scaleOf(xAxisSpec, [box.x, box.x + box.width]);
  out.push(...xAxis(ix, { ...box, y: box.y }, xAxisSpec.label, false));
  return { svg: out, width: box.x + box.width + PAD + 16, height: plotH + 44 };
}

/**
 * A tensor's heat map, or one heat map per slice titled by its label, placed where the payload's
 * frame says: index labels beside and under the cells, the axis titles under the bottom row and
 * beside the first column (where `axisTitlePlaces` puts them), one colour bar with its title.
 */
function heatGrid(v: HeatView, y0: number): { svg: string[]; width: number; height: number } {
  const panels = v.type === "heatmap" ? [{ matrix: v.matrix, grid: v.grid, label: "" }] : v.slices.map((matrix, k) => ({ matrix, grid: v.grids[k], label: v.labels[k] ?? "" }));
  const boxes = v.frame.panels;
  const bottom = Math.max(...boxes.map((b) => b.y));
  const left = Math.min(...boxes.map((b) => b.x));
  const out: string[] = [];
  panels.forEach(({ matrix, grid, label }, k) => {
    const f = boxes[k];
    if (f === undefined || grid === undefined) return;
    const box = { ...f, y: f.y + y0 };
    if (label.length > 0) out.push(text(box.x + box.width / 2, box.y - 6, label, { "text-anchor": "middle", ...role("panelTitle"), class: "panel-title" }));
    const values = grid.text === null || grid.ink === null ? undefined : { text: grid.text, ink: grid.ink, size: grid.fontSize };
    out.push(...heatmapCells(matrix, v.colorScale, box, { annotate: false, values }));
    out.push(...categoryLabels(grid.rowTicks, box.y, grid.height, box.x, "left"));
    out.push(...categoryLabels(grid.colTicks, box.x, grid.width, box.y + box.height, "bottom"));
    const at = axisTitlePlaces(box, grid.colTicks, grid.rowTicks);
    if (grid.colTitle.length > 0 && f.y === bottom) out.push(text(at.col.x, at.col.y, grid.colTitle, { "text-anchor": "middle", ...role("axisTitle"), class: "axis-label" }));
    if (grid.rowTitle.length > 0 && f.x === left) out.push(text(at.row.x, at.row.y, grid.rowTitle, { "text-anchor": "middle", transform: `rotate(-90 ${at.row.x} ${at.row.y})`, ...role("axisTitle"), class: "axis-label" }));
  });
  out.push(...colorBar(v.colorScale, { ...v.frame.colorBar, y: v.frame.colorBar.y + y0 }));
  return { svg: out, width: v.frame.width, height: v.frame.height };
}
