/** Static drawing of gradient flow: norms per step on a log axis, and per-parameter norms. */
import { decodeNumber } from "./payloads";
import type { GradflowPayload } from "./payloads";
import { xyChart } from "./svg/chart";
import type { ChartSeries } from "./svg/chart";
import { INK, headingHeight, svgDocument } from "./svg/document";
import { el, text, tooltip } from "./svg/element";
import { truncateLabel } from "./svg/escape";
import { xAxis } from "./svg/axes";
import { legend, legendHeight } from "./svg/legend";
import type { LegendEntry } from "./svg/legend";
import { formatValue, scaleOf } from "./svg/scale";

const CHART_W = 560;
const CHART_H = 340;
/** Height of one legend row: the chart grows by the rows beyond the first. */
const LEGEND_ROW = 20;
const PANEL_PLOT_W = 220;
const MEASURES = { loss: "\u2016dL/dh_t\u2016", jacobian: "\u2016dh_T/dh_t\u2016" } as const;

/** The SVG of a gradient-flow payload. */
export function renderGradflow(p: GradflowPayload): string {
  const top = headingHeight(p.title, p.subtitle);
  const color = (model: string): string => p.colors[p.models.indexOf(model)] ?? INK.muted;
  const series: ChartSeries[] = p.series.map((s) => ({
    name: `${s.model}: ${MEASURES[s.measure]}`,
    x: s.steps,
    y: s.norms.map(decodeNumber),
    color: color(s.model),
    mode: s.steps.length <= 30 ? "line+markers" : "line",
    dashed: s.measure === "jacobian",
  }));
  const entries = chartLegend(p, color);
  const chartH = CHART_H + Math.max(0, legendHeight(entries, CHART_W - 20) - LEGEND_ROW);
  const box = { x: 0, y: top, width: CHART_W, height: chartH };
  const chart = xyChart({ box, xAxis: p.xAxis, yAxis: p.yAxis, series, legendEntries: entries });
  const params = parameterPanel(p, CHART_W + 10, top, color);
  return svgDocument(CHART_W + 10 + params.width, top + Math.max(chartH, params.height) + 8, [...chart.svg, ...params.svg], p.title, p.subtitle);
}

/**
 * The chart's legend: a colour per model, then a line style per measure (solid ||dL/dh_t||,
 * dashed ||dh_T/dh_t||), rather than every model x measure pair.
 */
function chartLegend(p: GradflowPayload, color: (model: string) => string): LegendEntry[] {
  const measures = (["loss", "jacobian"] as const).filter((m) => p.series.some((s) => s.measure === m));
  const models: LegendEntry[] = p.models.map((m) => ({ name: m, color: color(m), symbol: "line" }));
  const styles: LegendEntry[] = measures.map((m) => ({ name: MEASURES[m], color: INK.muted, symbol: m === "jacobian" ? "dashed" : "line" }));
  return [...models, ...styles];
}

/** Per-parameter gradient norms: a dot per model on a log axis, one row per parameter name. */
function parameterPanel(p: GradflowPayload, x0: number, y0: number, color: (model: string) => string): { svg: string[]; width: number; height: number } {
  if (p.parameters.length === 0) return { svg: [], width: 0, height: 0 };
  const panel = p.parameterPanel;
  const names = panel.rows;
  const labelW = Math.min(190, Math.max(...names.map((n) => Math.min(n.length, 28))) * 6.6 + 12);
  const panelW = labelW + PANEL_PLOT_W;
  const entries: LegendEntry[] = panel.legend.map((m) => ({ name: m, color: color(m), symbol: "marker" }));
  const legendH = legendHeight(entries, panelW);
  const rowH = 18;
  const box = { x: x0 + labelW, y: y0 + 24 + legendH, width: PANEL_PLOT_W, height: names.length * rowH };
  const sx = scaleOf(p.parameterAxis, [box.x, box.x + box.width]);
  const out = [text(x0 + panelW / 2, y0 + 14, panel.title, { "text-anchor": "middle", "font-weight": "600" })];
  if (entries.length > 0) out.push(...legend(entries, x0, y0 + 20, panelW));
  for (const i of panel.shaded) out.push(el("rect", { x: box.x, y: box.y + i * rowH, width: box.width, height: rowH, fill: panel.shade, class: "row-shade" }));
  names.forEach((name, i) => {
    out.push(text(box.x - 6, box.y + (i + 0.5) * rowH + 4, truncateLabel(name, 28), { "text-anchor": "end", "font-size": 11 }));
  });
  out.push(...xAxis(sx, box, p.parameterAxis.label, true));
  for (const q of p.parameters) {
    const i = names.indexOf(q.name);
    const v = decodeNumber(q.norm);
    const cx = sx.map(v);
    if (!Number.isFinite(cx)) continue;
    out.push(el("circle", { cx, cy: box.y + (i + 0.5) * rowH, r: 4.5, fill: color(q.model), opacity: 0.85 }, tooltip(`${q.model} ${q.name}: ${formatValue(v)}`)));
  }
  return { svg: out, width: panelW + 24, height: box.y - y0 + box.height + 50 };
}
