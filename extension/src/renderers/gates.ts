/**
 * `application/vnd.seqgrad.gates.v1+json`: LSTM or GRU gate activations over time, one heat map per
 * gate (units on y, tokens on x), values in [0, 1] for sigmoid gates.
 */
import type { GatesPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { heatmapAxes, heatmapTrace } from "../draw/heatmap";
import { axisId, axisKey, baseLayout } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const GATES_MIME = "application/vnd.seqgrad.gates.v1+json";

export class GatesRenderer extends PlotWidget<"gates"> {
  protected readonly kind = "gates";

  protected async draw(p: GatesPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => gatesFigure(theme, p));
  }
}

/** One row of heat maps per gate, sharing the token axis. */
export function gatesFigure(theme: Theme, p: GatesPayload): PlotFigure {
  const n = Math.max(1, p.gates.length);
  const data: PlotObject[] = [];
  const annotations: PlotObject[] = [];
  const layout: PlotObject = { ...baseLayout(theme, n * 150 + 80), grid: { rows: n, columns: 1, pattern: "independent", ygap: 0.35 } };
  p.gates.forEach((gate, i) => {
    const m = gate.matrix;
    const tokens = m.colIndex.map((t) => p.tokens[t] ?? String(t));
    data.push(heatmapTrace({
      matrix: m,
      scale: gate.colorScale,
      xaxis: axisId("x", i),
      yaxis: axisId("y", i),
      showScale: i === 0,
      hover: (r, c, v) => [gate.label, `unit ${m.rowIndex[r]}`, `step ${m.colIndex[c]}: ${tokens[c] ?? ""}`, `value ${v}`],
    }));
    // units: the first and the last, as the static drawing labels them
    const units = { at: [0, m.rowIndex.length - 1], text: [String(m.rowIndex[0] ?? 0), String(m.sourceRows - 1)], angle: 0 };
    const axes = heatmapAxes(theme, i === n - 1 ? "token" : "", "unit", p.tokenTicks, units);
    layout[axisKey("x", i)] = axes.x;
    layout[axisKey("y", i)] = axes.y;
    annotations.push({ text: plotlyText(gate.label), showarrow: false, xref: `${axisId("x", i)} domain`, yref: `${axisId("y", i)} domain`, x: 0, xanchor: "left", y: 1.02, yanchor: "bottom", font: { color: theme.text } });
  });
  layout.annotations = annotations;
  return { data, layout };
}
