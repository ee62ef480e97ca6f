/**
 * `application/vnd.seqgrad.gradflow.v1+json`: how gradients flow back through time. Left:
 * ||dL/dh_t|| (solid) and ||dh_T/dh_t|| (dashed) against t on a log axis, a colour per model;
 * right, beside it as in the static drawing: the gradient norm of each parameter, a row per name.
 * The legend, as in the static drawing, names each model's colour and each measure's line style.
 */
import type { GradflowPayload } from "seqgrad/payloads";
import { plotValue } from "../draw/colors";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { axis, baseLayout, payloadAxis } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const GRADFLOW_MIME = "application/vnd.seqgrad.gradflow.v1+json";

const MEASURE = { loss: "‖dL/dh_t‖", jacobian: "‖dh_T/dh_t‖" } as const;

export class GradflowRenderer extends PlotWidget<"gradflow"> {
  protected readonly kind = "gradflow";

  protected async draw(p: GradflowPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => gradflowFigure(theme, p));
  }
}

/** Norms per time step (log y) and, beside them, per-parameter norms (log x, a row per name). */
export function gradflowFigure(theme: Theme, p: GradflowPayload): PlotFigure {
  const hasParams = p.parameters.length > 0;
  const color = (model: string): string => p.colors[p.models.indexOf(model)] ?? theme.muted;
  const data: PlotObject[] = p.series.map((s) => {
    const name = plotlyText(`${s.model}: ${MEASURE[s.measure]}`);
    return {
      type: "scatter",
      mode: s.steps.length <= 30 ? "lines+markers" : "lines",
      name,
      showlegend: false,
      legendgroup: s.model,
      x: s.steps,
      y: s.norms.map((v) => { const x = plotValue(v); return x !== null && x > 0 ? x : null; }),
      line: { color: color(s.model), dash: s.measure === "jacobian" ? "dash" : "solid", width: 2 },
      marker: { size: 6, color: color(s.model) },
      hovertemplate: `${name}<br>t = %{x}<br>norm %{y:.4g}<extra></extra>`,
    };
  });
  data.push(...legendEntries(theme, p, color));
  const panel = p.parameterPanel;
  const names = panel.rows;
  // the panel's own legend (a marker per model) sits over its rows, under its title
  const ownLegend = hasParams && panel.legend.length > 0;
  const layout: PlotObject = {
    ...baseLayout(theme, Math.max(380, 120 + names.length * 18)),
    showlegend: true,
    legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
    margin: { l: 64, r: 24, t: 56, b: 48 },
    xaxis: payloadAxis(theme, p.xAxis, { domain: [0, hasParams ? 0.55 : 1] }),
    yaxis: payloadAxis(theme, p.yAxis),
  };
  if (hasParams) {
    for (const model of p.models) {
      const rows = p.parameters.filter((q) => q.model === model);
      data.push({
        type: "scatter",
        mode: "markers",
        name: plotlyText(model),
        showlegend: false,
        x: rows.map((q) => plotValue(q.norm)),
        y: rows.map((q) => names.indexOf(q.name)),
        marker: { color: color(model), size: 9, opacity: 0.85 },
        text: rows.map((q) => plotlyText(`${q.model} ${q.name} [${q.shape.join(", ")}]`)),
        hovertemplate: "%{text}<br>‖dL/dW‖ %{x:.4g}<extra></extra>",
        xaxis: "x2",
        yaxis: "y2",
      });
    }
    for (const model of panel.legend) {
      data.push({ type: "scatter", mode: "markers", name: plotlyText(model), legend: "legend2", x: [null], y: [null], hoverinfo: "skip", marker: { color: color(model), size: 9 }, xaxis: "x2", yaxis: "y2" });
    }
    // a legend row is about 19 px of the plot area's height (the layout's height less its margins)
    const plotH = Math.max(380, 120 + names.length * 18) - 104;
    const top = ownLegend ? Math.max(0.3, 1 - (panel.legend.length * 19 + 8) / plotH) : 1;
    layout.xaxis2 = payloadAxis(theme, p.parameterAxis, { domain: [0.78, 1], anchor: "y2" });
    layout.yaxis2 = axis(theme, "", { tickmode: "array", tickvals: names.map((_, i) => i), ticktext: names.map(plotlyText), range: [names.length - 0.5, -0.5], anchor: "x2", showgrid: false, zeroline: false, domain: [0, top] });
    if (ownLegend) layout.legend2 = { orientation: "v", x: 0.78, xanchor: "left", xref: "paper", y: 1, yanchor: "top", font: { color: theme.text }, bgcolor: "rgba(0,0,0,0)" };
    // every other row under a band, as the payload shades them
    layout.shapes = panel.shaded.map((i) => ({ type: "rect", layer: "below", xref: "x2 domain", yref: "y2", x0: 0, x1: 1, y0: i - 0.5, y1: i + 0.5, fillcolor: panel.shade, line: { width: 0 } }));
    layout.annotations = [{ text: plotlyText(panel.title), showarrow: false, xref: "x2 domain", yref: "paper", x: 0.5, y: 1.0, yanchor: "bottom", font: { color: theme.text } }];
  }
  return { data, layout };
}

/**
 * The chart's legend as the static drawing has it: a colour per model, then a line style per
 * measure (solid ||dL/dh_t||, dashed ||dh_T/dh_t||), rather than every model x measure pair.
 * Legend-only traces; clicking a model's entry hides that model's lines.
 */
function legendEntries(theme: Theme, p: GradflowPayload, color: (model: string) => string): PlotObject[] {
  const blank = { type: "scatter", mode: "lines", x: [null], y: [null], hoverinfo: "skip" };
  const models = p.models.map((m) => ({ ...blank, name: plotlyText(m), legendgroup: m, line: { color: color(m), width: 2 } }));
  const measures = (["loss", "jacobian"] as const).filter((m) => p.series.some((s) => s.measure === m));
  const styles = measures.map((m) => ({ ...blank, name: MEASURE[m], legendgroup: `measure ${m}`, line: { color: theme.muted, width: 2, dash: m === "jacobian" ? "dash" : "solid" } }));
  return [...models, ...styles];
}
