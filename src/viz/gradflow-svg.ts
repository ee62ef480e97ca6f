/** Static drawing of gradient flow: norms per step on a log axis, and per-parameter norms. */
import { decodeNumber } from "./payloads";
import type { GradflowPayload } from "./payloads";
import { xyChart } from "./svg/chart";
import type { ChartSeries } from "./svg/chart";
import { paletteColor } from "./svg/colors";
import { INK, svgDocument, titleHeight } from "./svg/document";
import { el, text, tooltip } from "./svg/element";
import { truncateLabel } from "./svg/escape";
import { xAxis } from "./svg/axes";
import { logScale, extent, formatValue } from "./svg/scale";

const CHART_W = 560;
const CHART_H = 340;

/** The SVG of a gradient-flow payload. */
export function renderGradflow(p: GradflowPayload): string {
  const top = titleHeight(p.title);
  const color = (model: string): string => paletteColor(p.models.indexOf(model));
  const series: ChartSeries[] = p.series.map((s) => ({
    name: `${s.model}: ${s.measure === "loss" ? "\u2016dL/dh_t\u2016" : "\u2016dh_T/dh_t\u2016"}`,
    x: s.steps,
    y: s.norms.map(decodeNumber),
    color: color(s.model),
    mode: s.steps.length <= 30 ? "line+markers" : "line",
    dashed: s.measure === "jacobian",
  }));
  const chart = xyChart({ box: { x: 0, y: top, width: CHART_W, height: CHART_H }, xLabel: "time step t", yLabel: "gradient norm (log scale)", yLog: true, series });
  const params = parameterPanel(p, CHART_W + 10, top, color);
  return svgDocument(CHART_W + 10 + params.width, top + Math.max(CHART_H, params.height) + 8, [...chart.svg, ...params.svg], p.title);
}

/** Per-parameter gradient norms: a dot per model on a log axis, one row per parameter name. */
function parameterPanel(p: GradflowPayload, x0: number, y0: number, color: (model: string) => string): { svg: string[]; width: number; height: number } {
  if (p.parameters.length === 0) return { svg: [], width: 0, height: 0 };
  const names = [...new Set(p.parameters.map((q) => q.name))];
  const labelW = Math.min(190, Math.max(...names.map((n) => Math.min(n.length, 28))) * 6.6 + 12);
  const rowH = 18;
  const box = { x: x0 + labelW, y: y0 + 40, width: 220, height: names.length * rowH };
  const e = extent(p.parameters.map((q) => decodeNumber(q.norm)), true) ?? [0.1, 1];
  const sx = logScale(e, [box.x, box.x + box.width]);
  const out = [text(x0 + (labelW + box.width) / 2, y0 + 14, "parameter gradient norms", { "text-anchor": "middle", "font-weight": "600" })];
  names.forEach((name, i) => {
    const cy = box.y + (i + 0.5) * rowH;
    if (i % 2 === 0) out.push(el("rect", { x: box.x, y: box.y + i * rowH, width: box.width, height: rowH, fill: "#f5f5f5" }));
    out.push(text(box.x - 6, cy + 4, truncateLabel(name, 28), { "text-anchor": "end", "font-size": 11 }));
  });
  out.push(...xAxis(sx, box, "\u2016dL/dW\u2016 (log)", true));
  for (const q of p.parameters) {
    const i = names.indexOf(q.name);
    const v = decodeNumber(q.norm);
    const cx = sx.map(v);
    if (!Number.isFinite(cx)) continue;
    out.push(el("circle", { cx, cy: box.y + (i + 0.5) * rowH, r: 4.5, fill: color(q.model), opacity: 0.85 }, tooltip(`${q.model} ${q.name}: ${formatValue(v)}`)));
  }
  if (p.models.length > 1) p.models.forEach((m, k) => out.push(el("circle", { cx: box.x + k * 80, cy: y0 + 30, r: 4.5, fill: color(m) }), text(box.x + k * 80 + 8, y0 + 34, truncateLabel(m, 10), { fill: INK.text })));
  return { svg: out, width: labelW + box.width + 24, height: 40 + box.height + 50 };
}
