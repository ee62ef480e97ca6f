/** Static drawing of the generic plots (line, scatter, heat map, bar). */
import { decodeNumber } from "./payloads";
import type { BarPlot, Box, HeatmapPlot, PlotPayload } from "./payloads";
import { categoryTickSpace, categoryTickWidth } from "./data/category-ticks";
import { categoryLabels, yAxis } from "./svg/axes";
import { xyChart } from "./svg/chart";
import { COLORBAR_WIDTH, colorBar } from "./svg/colorbar";
import { svgDocument, titleHeight } from "./svg/document";
import { el, text, tooltip } from "./svg/element";
import { heatmapCells } from "./svg/heatmap";
import { legend } from "./svg/legend";
import { formatValue, scaleOf } from "./svg/scale";

/** The SVG of a generic plot payload. */
export function renderPlot(p: PlotPayload): string {
  const top = titleHeight(p.title);
  if (p.type === "heatmap") return heatmapSvg(p, top);
  if (p.type === "bar") return barSvg(p, top);
  const chart = xyChart({
    at: { x: 0, y: top },
    layout: p.layout,
    xAxis: p.xAxis,
    yAxis: p.yAxis,
    series: p.series.map((s) => ({ name: s.name, x: s.x, y: s.y.map(decodeNumber), color: s.color, mode: p.type === "line" ? (s.x.length <= 2 ? "line+markers" : "line") : "markers" })),
  });
  return svgDocument(p.layout.width, top + p.layout.height + 4, chart.svg, p.title);
}

function heatmapSvg(p: HeatmapPlot, top: number): string {
  const rows = p.matrix.z.length;
  const cols = p.matrix.colIndex.length;
  const side = p.cell;
  const left = categoryTickWidth(p.rowTicks) + (p.yLabel.length > 0 ? 34 : 16);
  const box = { x: left, y: top + 10, width: cols * side, height: rows * side };
  const below = categoryTickSpace(p.colTicks);
  const body = [plotArea(box), ...heatmapCells(p.matrix, p.colorScale, box)];
  body.push(...categoryLabels(p.rowTicks, box.y, side, box.x, "left"), ...categoryLabels(p.colTicks, box.x, side, box.y + box.height, "bottom"));
  if (p.xLabel.length > 0) body.push(text(box.x + box.width / 2, box.y + box.height + below + 14, p.xLabel, { "text-anchor": "middle", class: "axis-label" }));
  if (p.yLabel.length > 0) body.push(text(14, box.y + box.height / 2, p.yLabel, { "text-anchor": "middle", transform: `rotate(-90 14 ${box.y + box.height / 2})`, class: "axis-label" }));
  body.push(...colorBar(p.colorScale, { x: box.x + box.width + 14, y: box.y, width: 14, height: Math.max(100, box.height) }));
  return svgDocument(box.x + box.width + 14 + 14 + COLORBAR_WIDTH, box.y + Math.max(box.height, 100) + below + (p.xLabel.length > 0 ? 26 : 8), body, p.title);
}

/** Grouped bars in the boxes of the payload's layout (plotted area, legend), under the heading. */
function barSvg(p: BarPlot, top: number): string {
  const k = p.series.length;
  const band = p.band;
  const { layout } = p;
  const box = { x: layout.plot.x, y: top + layout.plot.y, width: layout.plot.width, height: layout.plot.height };
  const sy = scaleOf(p.yAxis, [box.y + box.height, box.y]);
  const body = [plotArea(box), ...yAxis(sy, box, p.yAxis.label)];
  if (layout.legend !== null) body.push(...legend(p.series.map((s) => ({ name: s.name, color: s.color, symbol: "box" as const })), layout.legend.x, top + layout.legend.y, layout.legend.width));
  const zero = sy.map(0);
  p.series.forEach((s, j) => {
    const w = (band * 0.8) / k;
    s.values.forEach((raw, i) => {
      const v = decodeNumber(raw);
      if (!Number.isFinite(v)) return;
      const x = box.x + i * band + band * 0.1 + j * w;
      body.push(el("rect", { x, y: Math.min(zero, sy.map(v)), width: Math.max(1, w - 1), height: Math.abs(sy.map(v) - zero), fill: s.color, class: "bar" }, tooltip(`${s.name}, ${p.categories[i] ?? i}: ${formatValue(v)}`)));
    });
  });
  body.push(el("line", { x1: box.x, y1: zero, x2: box.x + box.width, y2: zero, stroke: "#444444" }));
  const below = categoryTickSpace(p.categoryTicks);
  body.push(...categoryLabels(p.categoryTicks, box.x, band, box.y + box.height, "bottom"));
  if (p.xLabel.length > 0) body.push(text(box.x + box.width / 2, box.y + box.height + below + 16, p.xLabel, { "text-anchor": "middle", class: "axis-label" }));
  return svgDocument(layout.width, top + layout.height, body, p.title);
}

/** The plotted area, unpainted: marks the chart's size (the lab plots at the same size). */
export function plotArea(box: Box): string {
  return el("rect", { x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: "none", class: "plot-area" });
}
