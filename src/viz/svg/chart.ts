/**
 * An x-y chart in a box: title, legend, axes with ticks and labels, and series drawn as one
 * polyline each (finite points only; positive only on log axes) and/or markers.
 */
import type { Box } from "../payloads";
import { xAxis, yAxis, yAxisWidth } from "./axes";
import { INK } from "./document";
import { el, polyline, text, tooltip } from "./element";
import { legend, legendHeight, LegendEntry } from "./legend";
import { Scale, fitScale, formatValue } from "./scale";

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
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: readonly ChartSeries[];
  /** Legend entries to show instead of one per series (e.g. one per colour and one per dash). */
  legendEntries?: readonly LegendEntry[];
  /** Extra values the axes must include (e.g. the unit circle). */
  xInclude?: readonly number[];
  yInclude?: readonly number[];
  /** Same pixels per unit on both axes (the complex plane). */
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
  const bottom = o.box.y + o.box.height - (o.xLabel.length > 0 ? 44 : 26);
  const xs = [...o.series.flatMap((s) => Array.from(s.x)), ...(o.xInclude ?? [])];
  const ys = [...o.series.flatMap((s) => Array.from(s.y)), ...(o.yInclude ?? [])];
  const probe = fitScale(ys, [bottom, top], o.yLog ?? false);
  const left = o.box.x + yAxisWidth(probe, o.yLabel) + 6;
  let right = o.box.x + o.box.width - 16;
  let sy = probe;
  let sx = fitScale(xs, [left, right], o.xLog ?? false);
  let plotBottom = bottom;
  if (o.equalAspect === true) {
    ({ sx, sy, right } = equalize(left, right, top, bottom, xs, ys));
    plotBottom = top + (right - left);
  }
  const plot: Box = { x: left, y: top, width: right - left, height: plotBottom - top };
  const out: string[] = [];
  if (o.title !== undefined) out.push(text(o.box.x + o.box.width / 2, o.box.y + 14, o.title, { "text-anchor": "middle", "font-weight": "600" }));
  if (showLegend) out.push(...legend(entries, o.box.x + 16, o.box.y + titleH, o.box.width - 20));
  out.push(...yAxis(sy, plot, o.yLabel), ...xAxis(sx, plot, o.xLabel));
  if (o.underlay !== undefined) out.push(...o.underlay(sx, sy));
  for (const s of o.series) out.push(...drawSeries(s, sx, sy));
  out.push(el("rect", { x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none", stroke: INK.axis, "stroke-width": 0.6 }));
  return { svg: out, plot, sx, sy };
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

/** A square plot with the same domain on both axes (the complex plane): equal pixels per unit. */
function equalize(left: number, right: number, top: number, bottom: number, xs: number[], ys: number[]): { sx: Scale; sy: Scale; right: number } {
  const side = Math.min(right - left, bottom - top);
  const both = [...xs, ...ys];
  const sx = fitScale(both, [left, left + side], false);
  const sy = fitScale(both, [top + side, top], false);
  return { sx, sy, right: left + side };
}
