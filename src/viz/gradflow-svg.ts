/** Static drawing of gradient flow: norms per step on a log axis, and per-parameter norms. */
import { GRADFLOW_MEASURE_NAMES, decodeNumber } from "./payloads";
import { PLOT_FRAME } from "./payloads/style";
import type { GradflowPayload } from "./payloads";
import { xyChart } from "./svg/chart";
import type { ChartSeries } from "./svg/chart";
import { INK, headingHeight, svgDocument } from "./svg/document";
import { el, role, text, tooltip } from "./svg/element";
import { truncateLabel } from "./svg/escape";
import { xAxis } from "./svg/axes";
import { legend } from "./svg/legend";
import type { LegendEntry } from "./svg/legend";
import { formatValue, scaleOf } from "./svg/scale";

/** The SVG of a gradient-flow payload. */
export function renderGradflow(p: GradflowPayload): string {
  const top = headingHeight(p.title, p.subtitle);
  const color = (model: string): string => p.colors[p.models.indexOf(model)] ?? INK.muted;
  const series: ChartSeries[] = p.series.map((s) => ({
    name: `${s.model}: ${GRADFLOW_MEASURE_NAMES[s.measure]}`,
    x: s.steps,
    y: s.norms.map(decodeNumber),
    color: color(s.model),
    mode: s.steps.length <= 30 ? "line+markers" : "line",
    dashed: s.measure === "jacobian",
  }));
  const chart = xyChart({ at: { x: 0, y: top }, layout: p.layout, xAxis: p.xAxis, yAxis: p.yAxis, series, legendEntries: chartLegend(p, color) });
  const params = parameterPanel(p, top, color);
  return svgDocument(p.width, top + p.height, [...chart.svg, ...params], p.title, p.subtitle);
}

/**
 * The chart's legend: a colour per model, then a line style per measure (solid ||dL/dh_t||,
 * dashed ||dh_T/dh_t||), rather than every model x measure pair.
 */
function chartLegend(p: GradflowPayload, color: (model: string) => string): LegendEntry[] {
  const measures = (["loss", "jacobian"] as const).filter((m) => p.series.some((s) => s.measure === m));
  const models: LegendEntry[] = p.models.map((m) => ({ name: m, color: color(m), symbol: "line" }));
  const styles: LegendEntry[] = measures.map((m) => ({ name: GRADFLOW_MEASURE_NAMES[m], color: INK.muted, symbol: m === "jacobian" ? "dashed" : "line" }));
  return [...models, ...styles];
}

/** Per-parameter gradient norms: a dot per model on a log axis, one row per parameter name, in the payload's boxes. */
function parameterPanel(p: GradflowPayload, top: number, color: (model: string) => string): string[] {
  if (p.parameters.length === 0) return [];
  const panel = p.parameterPanel;
  const names = panel.rows;
  const rowH = names.length === 0 ? 0 : panel.plot.height / names.length;
  const box = { ...panel.plot, y: top + panel.plot.y };
  const sx = scaleOf(p.parameterAxis, [box.x, box.x + box.width]);
  const out = [text(panel.titleAt.x, top + panel.titleAt.y, panel.title, { "text-anchor": "middle", ...role("panelTitle"), class: "panel-title" })];
  const entries: LegendEntry[] = panel.legend.map((m) => ({ name: m, color: color(m), symbol: "marker" }));
  if (panel.legendBox !== null) out.push(...legend(entries, panel.legendBox.x, top + panel.legendBox.y, panel.legendBox.width));
  for (const i of panel.shaded) out.push(el("rect", { x: box.x, y: box.y + i * rowH, width: box.width, height: rowH, fill: panel.shade, "fill-opacity": panel.shadeOpacity, class: "row-shade" }));
  names.forEach((name, i) => {
    out.push(text(box.x - 6, box.y + (i + 0.5) * rowH + 4, truncateLabel(name, 28), { "text-anchor": "end", ...role("categoryLabel"), class: "row-name" }));
  });
  out.push(...xAxis(sx, box, p.parameterAxis.label, true));
  for (const q of p.parameters) {
    const i = names.indexOf(q.name);
    const v = decodeNumber(q.norm);
    const cx = sx.map(v);
    if (!Number.isFinite(cx)) continue;
    out.push(el("circle", { cx, cy: box.y + (i + 0.5) * rowH, r: 4.5, fill: color(q.model), opacity: 0.85 }, tooltip(`${q.model} ${q.name}: ${formatValue(v)}`)));
  }
  out.push(el("rect", { x: box.x, y: box.y, width: box.width, height: box.height, fill: "none", stroke: PLOT_FRAME.color, "stroke-width": PLOT_FRAME.width, class: "frame" }));
  return out;
}
