/** Static drawing of the tensor figure: the heading (title, then shape, dtype and statistics), then bars, a heat map or slices. */
import { decodeNumber } from "./payloads";
import type { Box, CellGrid, ColorScale, Matrix, TensorPayload } from "./payloads";
import { categoryLabels } from "./svg/axes";
import { categoryTickSpace, categoryTickWidth } from "./data/category-ticks";
import { plotArea } from "./plot-svg";
import { COLORBAR_WIDTH, colorBar } from "./svg/colorbar";
import { NAN_COLOR, PALETTE } from "./svg/colors";
import { INK, headingHeight, svgDocument } from "./svg/document";
import { el, role, text, tooltip } from "./svg/element";
import { heatmapCells } from "./svg/heatmap";
import { xAxis, yAxis, yAxisWidth } from "./svg/axes";
import { formatValue, scaleOf } from "./svg/scale";
import type { Axis } from "./payloads";

const PAD = 12;
const SLICE_COLUMNS = 3;
const SLICES_DRAWN = 8;

/** The SVG of a tensor payload. */
export function renderTensor(p: TensorPayload): string {
  const y0 = headingHeight(p.title, p.subtitle) + PAD;
  const v = p.view;
  let body: { svg: string[]; width: number; height: number };
  if (v.type === "scalar") body = { svg: [text(PAD, y0 + 26, formatValue(decodeNumber(v.value)), { "font-size": 24, "font-family": "monospace" })], width: 200, height: 40 };
  else if (v.type === "bars") body = bars(v.values.map(decodeNumber), v.index, v.xAxis, v.yAxis, y0);
  else if (v.type === "heatmap") body = heatmapWithBar(v.matrix, v.grid, v.colorScale, PAD, y0, "");
  else body = slices(v.slices, v.grids, v.labels, v.sliceCount, v.colorScale, y0);
  const width = Math.max(body.width, 420);
  return svgDocument(width, y0 + body.height + PAD, body.svg, p.title, p.subtitle);
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
 * A heat map at (x, y) with row/column index labels, the axis titles and a colour bar, its cells as
 * `grid` says.
 */
function heatmapWithBar(m: Matrix, grid: CellGrid, scale: ColorScale, x: number, y: number, label: string, bar = true): { svg: string[]; width: number; height: number } {
  const rows = m.z.length;
  const cols = m.colIndex.length;
  const cw = grid.width;
  const ch = grid.height;
  const labelTop = label.length > 0 ? 18 : 0;
  const rowTitle = grid.rowTitle.length > 0 ? 18 : 0;
  const box: Box = { x: x + rowTitle + Math.max(22, categoryTickWidth(grid.rowTicks) + 10), y: y + labelTop + 4, width: cw * cols, height: ch * rows };
  const out: string[] = [plotArea(box)];
  if (label.length > 0) out.push(text(box.x, y + 12, label, role("panelTitle")));
  out.push(...heatmapCells(m, scale, box, grid.text === null || grid.ink === null ? { annotate: false } : { values: { text: grid.text, ink: grid.ink, size: grid.fontSize } }));
  out.push(...categoryLabels(grid.rowTicks, box.y, ch, box.x, "left"));
  out.push(...categoryLabels(grid.colTicks, box.x, cw, box.y + box.height, "bottom"));
  const below = categoryTickSpace(grid.colTicks);
  if (grid.colTitle.length > 0) out.push(text(box.x + box.width / 2, box.y + box.height + below + 12, grid.colTitle, { "text-anchor": "middle", ...role("axisTitle"), class: "axis-label" }));
  if (rowTitle > 0) out.push(text(x + 12, box.y + box.height / 2, grid.rowTitle, { "text-anchor": "middle", transform: `rotate(-90 ${x + 12} ${box.y + box.height / 2})`, ...role("axisTitle"), class: "axis-label" }));
  if (bar) out.push(...colorBar(scale, { x: box.x + box.width + 14, y: box.y, width: 14, height: Math.max(80, box.height) }));
  const width = box.x + box.width + (bar ? 14 + COLORBAR_WIDTH : 0) - x;
  const height = labelTop + 4 + Math.max(box.height + below + (grid.colTitle.length > 0 ? 18 : 2), bar ? 80 : 0);
  if (m.sourceRows <= rows && m.sourceCols <= cols) return { svg: out, width: width + PAD, height };
  const note = `block means of about ${Math.ceil(m.sourceRows / rows)} x ${Math.ceil(m.sourceCols / cols)} values (${m.sourceRows} x ${m.sourceCols} shown as ${rows} x ${cols})`;
  out.push(text(box.x, y + height + 6, note, role("caption")));
  return { svg: out, width: Math.max(width + PAD, note.length * 6 + 50), height: height + 16 };
}

function slices(ms: Matrix[], grids: CellGrid[], labels: string[], count: number, scale: ColorScale, y0: number): { svg: string[]; width: number; height: number } {
  const drawn = ms.slice(0, SLICES_DRAWN);
  const out: string[] = [];
  let x = PAD;
  let y = y0;
  let rowH = 0;
  let maxW = 0;
  drawn.forEach((m, k) => {
    const grid = grids[k];
    if (grid === undefined) return;
    const part = heatmapWithBar(m, grid, scale, x, y, labels[k] ?? "", false);
    out.push(...part.svg);
    rowH = Math.max(rowH, part.height);
    x += part.width + 8;
    maxW = Math.max(maxW, x);
    if ((k + 1) % SLICE_COLUMNS === 0) {
      x = PAD;
      y += rowH + 8;
      rowH = 0;
    }
  });
  const height = y - y0 + rowH;
  out.push(...colorBar(scale, { x: maxW + 6, y: y0 + 22, width: 14, height: Math.max(80, height - 48) }));
  if (count > drawn.length) out.push(text(PAD, y0 + height + 14, `${drawn.length} of ${count} slices shown`, { fill: INK.muted }));
  return { svg: out, width: maxW + 6 + 14 + COLORBAR_WIDTH, height: height + 20 };
}
