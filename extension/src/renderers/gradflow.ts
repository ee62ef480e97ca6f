/**
 * `application/vnd.seqgrad.gradflow.v1+json`: how gradients flow back through time. Left:
 * ||dL/dh_t|| (or ||dh_T/dh_t||) against t on a log axis, one line per model and measure; right:
 * the gradient norm of each parameter.
 */
import type { GradflowPayload } from "../../../src/viz/payloads";
import { plotValue } from "../draw/colors";
import { header } from "../draw/dom";
import { axis, baseLayout } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import { seriesColor, type Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const GRADFLOW_MIME = "application/vnd.seqgrad.gradflow.v1+json";

const MEASURE = { loss: "‖∂L/∂h_t‖", jacobian: "‖∂h_T/∂h_t‖" } as const;

export class GradflowRenderer extends PlotWidget<"gradflow"> {
  protected readonly kind = "gradflow";

  protected async draw(p: GradflowPayload): Promise<void> {
    this.topNode.replaceChildren(header(p.title ?? "Gradient flow through time", p.models.join(" · ")));
    await this.plot((theme) => gradflowFigure(theme, p));
  }
}

/** Norms per time step (log y) and, when present, per-parameter norms as horizontal bars. */
export function gradflowFigure(theme: Theme, p: GradflowPayload): PlotFigure {
  const hasParams = p.parameters.length > 0;
  const data: PlotObject[] = p.series.map((s) => {
    const color = seriesColor(Math.max(0, p.models.indexOf(s.model)));
    const name = plotlyText(`${s.model} ${MEASURE[s.measure]}`);
    return {
      type: "scatter",
      mode: "lines+markers",
      name,
      x: s.steps,
      y: s.norms.map((v) => { const x = plotValue(v); return x !== null && x > 0 ? x : null; }),
      line: { color, dash: s.measure === "jacobian" ? "dash" : "solid" },
      marker: { size: 5, color },
      hovertemplate: `${name}<br>t = %{x}<br>norm %{y:.3e}<extra></extra>`,
    };
  });
  const layout: PlotObject = {
    ...baseLayout(theme, 340 + (hasParams ? 120 + Math.min(300, p.parameters.length * 16) : 0)),
    showlegend: true,
    xaxis: axis(theme, "time step t", { domain: [0, 1], dtick: maxStep(p) <= 20 ? 1 : undefined }),
    yaxis: axis(theme, "gradient norm", { type: "log", exponentformat: "power", domain: hasParams ? [0.6, 1] : [0, 1] }),
  };
  if (hasParams) {
    const labels = p.parameters.map((q) => plotlyText(p.models.length > 1 ? `${q.model}: ${q.name}` : q.name));
    data.push({
      type: "bar",
      orientation: "h",
      name: "parameters",
      showlegend: false,
      x: p.parameters.map((q) => plotValue(q.norm)),
      y: labels.map((_, i) => i),
      marker: { color: p.parameters.map((q) => seriesColor(Math.max(0, p.models.indexOf(q.model)))) },
      text: labels.map((l, i) => `${l} [${p.parameters[i]?.shape.join(", ") ?? ""}]`),
      textposition: "none",
      hovertemplate: "%{text}<br>‖grad‖ %{x:.3e}<extra></extra>",
      xaxis: "x2",
      yaxis: "y2",
    });
    layout.xaxis2 = axis(theme, "‖grad‖ of each parameter", { type: "log", exponentformat: "power", anchor: "y2" });
    layout.yaxis2 = axis(theme, "", { domain: [0, 0.38], tickmode: "array", tickvals: labels.map((_, i) => i), ticktext: labels, autorange: "reversed", anchor: "x2" });
  }
  return { data, layout };
}

function maxStep(p: GradflowPayload): number {
  return Math.max(0, ...p.series.flatMap((s) => s.steps));
}
