/**
 * An x-y chart in a box: title, legend, axes with ticks and labels, and series drawn as one
 * polyline each (finite points only; positive only on log axes) and/or markers.
 */
import type { Axis, Box } from "../payloads";
import { xAxis, yAxis, yAxisWidth } from "./axes";
import { PLOT_FRAME } from "../payloads/style";
import { el, polyline, text, tooltip } from "./element";
import { legend, legendHeight, LegendEntry } from "./legend";
import { type Scale, formatValue, scaleOf } from "./scale";

/** A series of a chart. */
export interface ChartSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  mode: "line" | "markers" | "line+markers";
  dashed?: boolean;
  width?: number;
  opacity?: number;
  /** Show in the legend (default true). */
  legend?: boolean;
}

/** Options of `xyChart`. */
export interface ChartOptions {
  /** Whole area of the chart, axes and legend included. */
  box: Box;
  title?: string;
  /** The axes as the payload carries them (range, ticks and their text). */
  xAxis: Axis;
  yAxis: Axis;
  series: readonly ChartSeries[];
  /** Legend entries to show instead of one per series (e.g. one per colour and one per dash). */
  legendEntries?: readonly LegendEntry[];
  /** Same pixels per unit on both axes (the complex plane; the axes have equal ranges). */
  equalAspect?: boolean;
  /** Drawn between the grid and the series, given the scales. */
  underlay?: (sx: Scale, sy: Scale) => string[];
}

/** The drawn chart and where its plot area and scales ended up. */
export interface Chart {
  svg: string[];
  plot: Box;
  sx: Scale;
  sy: Scale;
}

/** Draws an x-y chart (see `ChartOptions`). */
export function xyChart(o: ChartOptions): Chart {
  const entries = o.legendEntries ?? seriesEntries(o.series);
  const showLegend = entries.length > 1 || (entries.length === 1 && o.title === undefined);
  // without a title, a small margin keeps the legend (or the top tick label) off the edge
  const titleH = o.title === undefined ? 6 : 20;
  const legendH = showLegend ? legendHeight(entries, o.box.width - 20) : 0;
  const top = o.box.y + titleH + legendH + 8;
  const bottom = o.box.y + o.box.height - (o.xAxis.label.length > 0 ? 44 : 26);
  const left = o.box.x + yAxisWidth(o.yAxis) + 6;
  let right = o.box.x + o.box.width - 16;
  if (o.equalAspect === true) right = left + Math.min(right - left, bottom - top);
  const plotBottom = o.equalAspect === true ? top + (right - left) : bottom;
  const sx = scaleOf(o.xAxis, [left, right]);
  const sy = scaleOf(o.yAxis, [plotBottom, top]);
  const plot: Box = { x: left, y: top, width: right - left, height: plotBottom - top };
  const out: string[] = [];
  if (o.title !== undefined) out.push(text(o.box.x + o.box.width / 2, o.box.y + 14, o.title, { "text-anchor": "middle", "font-weight": "600", class: "panel-title" }));
  if (showLegend) out.push(...legend(entries, o.box.x + 16, o.box.y + titleH, o.box.width - 20));
  out.push(...yAxis(sy, plot, o.yAxis.label), ...xAxis(sx, plot, o.xAxis.label));
  if (o.underlay !== undefined) out.push(...o.underlay(sx, sy));
  for (const s of o.series) out.push(...drawSeries(s, sx, sy));
  out.push(el("rect", { x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none", stroke: PLOT_FRAME.color, "stroke-width": PLOT_FRAME.width, class: "frame" }));
  return { svg: [el("g", { class: "panel", "data-x-scale": o.xAxis.scale, "data-y-scale": o.yAxis.scale }, out)], plot, sx, sy };
}

/** A legend entry per series shown in the legend. */
function seriesEntries(series: readonly ChartSeries[]): LegendEntry[] {
  return series
    .filter((s) => s.legend ?? true)
    .map((s) => ({ name: s.name, color: s.color, symbol: s.mode === "markers" ? "marker" : s.dashed === true ? "dashed" : "line" }));
}

function drawSeries(s: ChartSeries, sx: Scale, sy: Scale): string[] {
  const pts: Array<[number, number]> = [];
  const raw: Array<[number, number]> = [];
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i] ?? NaN;
    const y = s.y[i] ?? NaN;
    const px = sx.map(x);
    const py = sy.map(y);
    if (!Number.isFinite(px) || !Number.isFinite(py) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    pts.push([px, py]);
    raw.push([x, y]);
  }
  const out: string[] = [];
  const common = { opacity: s.opacity, "data-series": s.name };
  if (s.mode !== "markers") {
    out.push(polyline(pts, { stroke: s.color, "stroke-width": s.width ?? 2, "stroke-linejoin": "round", "stroke-dasharray": s.dashed === true ? "6 4" : undefined, class: "series", ...common }));
  }
  if (s.mode !== "line") {
    const dots = pts.map(([x, y], i) => el("circle", { cx: x, cy: y, r: 3.5, fill: s.color }, tooltip(`${s.name}: (${formatValue(raw[i]?.[0] ?? NaN)}, ${formatValue(raw[i]?.[1] ?? NaN)})`)));
    out.push(el("g", { class: "markers", ...common }, dots));
  }
  return out;
}
