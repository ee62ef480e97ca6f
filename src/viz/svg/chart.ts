/**
 * An x-y chart in a box: title, legend, axes with ticks and labels, and series drawn as one
 * polyline each (finite points only; positive only on log axes) and/or markers.
 */
import type { Axis, Box, ChartLayout } from "../payloads";
import { xAxis, yAxis, yAxisWidth } from "./axes";
import { PLOT_FRAME } from "../payloads/style";
import { el, polyline, role, text, tooltip } from "./element";
import { legend, legendHeight, legendPlaces, LegendEntry } from "./legend";
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

/** What decides an x-y chart's layout (`chartLayout`). */
export interface ChartLayoutOptions {
  width: number;
  height: number;
  /** The panel title, if any. */
  title?: string;
  /** The legend's entries: shown when there are two or more, or one and no title names it. */
  legend: readonly LegendEntry[];
  xAxis: Axis;
  yAxis: Axis;
  /** Same pixels per unit on both axes (the complex plane; the axes have equal ranges): a square plot. */
  equalAspect?: boolean;
}

/**
 * Where a chart's title, legend and plotted area go in a `width` x `height` box, decided when the
 * payload is built: the legend under the title, the plotted area under the legend, left of it the y
 * tick labels and axis title, under it the x ones.
 */
export function chartLayout(o: ChartLayoutOptions): ChartLayout {
  const showLegend = o.legend.length > 1 || (o.legend.length === 1 && o.title === undefined);
  // without a title, a small margin keeps the legend (or the top tick label) off the edge
  const titleH = o.title === undefined ? 6 : 20;
  const legendH = showLegend ? legendHeight(o.legend, o.width - 20) : 0;
  const top = titleH + legendH + 8;
  const bottom = o.height - (o.xAxis.label.length > 0 ? 44 : 26);
  const left = yAxisWidth(o.yAxis) + 6;
  let right = o.width - 16;
  if (o.equalAspect === true) right = left + Math.min(right - left, bottom - top);
  const plotBottom = o.equalAspect === true ? top + (right - left) : bottom;
  return {
    width: o.width,
    height: o.height,
    plot: { x: left, y: top, width: right - left, height: plotBottom - top },
    legend: showLegend ? { x: 16, y: titleH, width: o.width - 20, height: legendH, ...legendPlaces(o.legend, o.width - 20) } : null,
    title: o.title === undefined ? null : { x: o.width / 2, y: 14 },
  };
}

/** What decides a bar chart's layout (`barLayout`). */
export interface BarLayoutOptions {
  /** Pixels per category, and how many categories. */
  band: number;
  categories: number;
  /** Height of the plotted area. */
  plotHeight: number;
  yAxis: Axis;
  /** Room under the plotted area for the category labels (`categoryTickSpace`). */
  categorySpace: number;
  xLabel: string;
  /** The legend's entries (one per series; shown for two series or more). */
  legend: readonly LegendEntry[];
}

/** Least width of a bar chart (a chart of a few categories still has room for its legend). */
const BAR_MIN_WIDTH = 300;

/**
 * Where a bar chart's parts go, decided when the payload is built: the legend (two series or more)
 * at the top, under it the plotted area of `band` x categories by `plotHeight` pixels, left of it
 * the y tick labels and axis title, under it the category labels and the x axis title.
 */
export function barLayout(o: BarLayoutOptions): ChartLayout {
  const width = Math.max(yAxisWidth(o.yAxis) + 8 + o.band * o.categories + 20, BAR_MIN_WIDTH);
  const showLegend = o.legend.length > 1;
  const legendWidth = width - 20;
  const legendH = showLegend ? legendHeight(o.legend, legendWidth) : 0;
  const plot = { x: yAxisWidth(o.yAxis) + 8, y: legendH + 12, width: o.band * o.categories, height: o.plotHeight };
  return {
    width,
    height: plot.y + plot.height + o.categorySpace + (o.xLabel.length > 0 ? 28 : 10),
    plot,
    legend: showLegend ? { x: 16, y: 0, width: legendWidth, height: legendH, ...legendPlaces(o.legend, legendWidth) } : null,
    title: null,
  };
}

/** Options of `xyChart`. */
export interface ChartOptions {
  /** Top left corner of the chart. */
  at: { x: number; y: number };
  /** Where its parts go (from the payload; see `chartLayout`). */
  layout: ChartLayout;
  title?: string;
  /** The axes as the payload carries them (range, ticks and their text). */
  xAxis: Axis;
  yAxis: Axis;
  series: readonly ChartSeries[];
  /** Legend entries to show instead of one per series (e.g. one per colour and one per dash). */
  legendEntries?: readonly LegendEntry[];
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

/** Draws an x-y chart (see `ChartOptions`) into the boxes of its layout. */
export function xyChart(o: ChartOptions): Chart {
  const { at, layout } = o;
  const entries = o.legendEntries ?? seriesEntries(o.series);
  const plot: Box = { x: at.x + layout.plot.x, y: at.y + layout.plot.y, width: layout.plot.width, height: layout.plot.height };
  const sx = scaleOf(o.xAxis, [plot.x, plot.x + plot.width]);
  const sy = scaleOf(o.yAxis, [plot.y + plot.height, plot.y]);
  const out: string[] = [];
  if (o.title !== undefined && layout.title !== null) out.push(text(at.x + layout.title.x, at.y + layout.title.y, o.title, { "text-anchor": "middle", ...role("panelTitle"), class: "panel-title" }));
  if (layout.legend !== null) out.push(...legend(entries, at.x + layout.legend.x, at.y + layout.legend.y, layout.legend.width));
  out.push(...yAxis(sy, plot, o.yAxis.label), ...xAxis(sx, plot, o.xAxis.label));
  if (o.underlay !== undefined) out.push(...o.underlay(sx, sy));
  for (const s of o.series) out.push(...drawSeries(s, sx, sy));
  out.push(el("rect", { x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: "none", stroke: PLOT_FRAME.color, "stroke-width": PLOT_FRAME.width, class: "frame" }));
  return { svg: [el("g", { class: "panel", "data-x-scale": o.xAxis.scale, "data-y-scale": o.yAxis.scale }, out)], plot, sx, sy };
}

/** A legend entry per series shown in the legend. */
export function seriesEntries(series: readonly ChartSeries[]): LegendEntry[] {
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
