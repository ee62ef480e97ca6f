/**
 * `application/vnd.seqgrad.gradflow.v1+json`: how gradients flow back through time. Left:
 * ||dL/dh_t|| (solid) and ||dh_T/dh_t|| (dashed) against t on a log axis, a colour per model;
 * right, beside it as in the static drawing: the gradient norm of each parameter, a row per name.
 * The legend, as in the static drawing, names each model's colour and each measure's line style.
 */
import { GRADFLOW_MEASURE_NAMES, type GradflowPayload } from "seqgrad/payloads";
import { plotValue } from "../draw/colors";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { axis, boxAxis, boxLegends, domainOf, fixedLayout, wholeSize, frame, panelTitle } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import { roleFont, type Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const GRADFLOW_MIME = "application/vnd.seqgrad.gradflow.v1+json";

export class GradflowRenderer extends PlotWidget<"gradflow"> {
  protected readonly kind = "gradflow";

  protected async draw(p: GradflowPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => gradflowFigure(theme, p), { fit: true });
  }
}

/** Norms per time step (log y) and, beside them, per-parameter norms (log x, a row per name), in the payload's boxes. */
export function gradflowFigure(theme: Theme, p: GradflowPayload): PlotFigure {
  const { width, height } = wholeSize(p);
  const color = (model: string): string => p.colors[p.models.indexOf(model)] ?? theme.muted;
  const data: PlotObject[] = p.series.map((s) => {
    const name = plotlyText(`${s.model}: ${GRADFLOW_MEASURE_NAMES[s.measure]}`);
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
  const d = domainOf(p.layout.plot, width, height);
  const layout: PlotObject = {
    ...fixedLayout(theme, width, height),
    showlegend: true,
    xaxis: boxAxis(theme, "x", p.xAxis, d.x, { ...frame(theme), anchor: "y" }),
    yaxis: boxAxis(theme, "y", p.yAxis, d.y, { ...frame(theme), anchor: "x" }),
  };
  let legends = 0;
  if (p.layout.legend !== null) {
    const placed = boxLegends(theme, p.layout.legend, width, height, 0);
    Object.assign(layout, placed.layout);
    data.push(...legendEntries(theme, p, color).map((t, k) => ({ ...t, legend: placed.ids[k] })));
    legends = placed.count;
  }
  const panel = p.parameterPanel;
  if (p.parameters.length > 0) {
    const names = panel.rows;
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
    if (panel.legendBox !== null) {
      const placed = boxLegends(theme, panel.legendBox, width, height, legends);
      Object.assign(layout, placed.layout);
      panel.legend.forEach((model, k) => {
        data.push({ type: "scatter", mode: "markers", name: plotlyText(model), legend: placed.ids[k], x: [null], y: [null], hoverinfo: "skip", marker: { color: color(model), size: 9 }, xaxis: "x2", yaxis: "y2" });
      });
    }
    const q = domainOf(panel.plot, width, height);
    layout.xaxis2 = boxAxis(theme, "x", p.parameterAxis, q.x, { ...frame(theme), anchor: "y2" });
    // a row per name, 18 px each as the payload's box gives them; names in the text ink, as in the static drawing
    layout.yaxis2 = axis(theme, "", {
      tickmode: "array",
      tickvals: names.map((_, i) => i),
      ticktext: names.map((n) => plotlyText(truncateName(n))),
      tickfont: roleFont(theme, "categoryLabel"),
      range: [names.length - 0.5, -0.5],
      anchor: "x2",
      showgrid: false,
      zeroline: false,
      domain: q.y,
      automargin: false,
      ...frame(theme),
    });
    // every other row under a translucent band (reads on light and dark themes), as the payload shades them
    layout.shapes = panel.shaded.map((i) => ({ type: "rect", layer: "below", xref: "x2 domain", yref: "y2", x0: 0, x1: 1, y0: i - 0.5, y1: i + 0.5, fillcolor: panel.shade, opacity: panel.shadeOpacity, line: { width: 0 } }));
    layout.annotations = [panelTitle(theme, panel.title, panel.titleAt, width, height)];
  }
  return { data, layout };
}

/** A parameter name as the static drawing prints it: at most 28 characters, cut with an ellipsis. */
function truncateName(name: string): string {
  return name.length <= 28 ? name : `${name.slice(0, 27)}\u2026`;
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
  const styles = measures.map((m) => ({ ...blank, name: GRADFLOW_MEASURE_NAMES[m], legendgroup: `measure ${m}`, line: { color: theme.muted, width: 2, dash: m === "jacobian" ? "dash" : "solid" } }));
  return [...models, ...styles];
}
