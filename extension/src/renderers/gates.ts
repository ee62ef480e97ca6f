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

/** Room left of the cells (unit labels and the axis title) and right of them (the colour bar), px. */
const LEFT = 70;
const RIGHT = 90;
/** Height of a gate panel's title row (px), as in the static drawing. */
const GATE_TITLE_H = 20;

/**
 * One heat map per gate, each cell `cellWidth` x `cellHeight` pixels and each panel `panelHeight`
 * high as the payload decided (the static drawing's layout), so the token labels the payload turned
 * for those cells stay under their own panel.
 */
export function gatesFigure(theme: Theme, p: GatesPayload): PlotFigure {
  const n = Math.max(1, p.gates.length);
  const steps = p.tokens.length;
  const total = n * p.panelHeight;
  const data: PlotObject[] = [];
  const annotations: PlotObject[] = [];
  const layout: PlotObject = { ...baseLayout(theme, total + 8), width: LEFT + steps * p.cellWidth + RIGHT, autosize: false, margin: { l: LEFT, r: RIGHT, t: 0, b: 8 } };
  p.gates.forEach((gate, i) => {
    const m = gate.matrix;
    const tokens = m.colIndex.map((t) => p.tokens[t] ?? String(t));
    const top = i * p.panelHeight + GATE_TITLE_H;
    const bottom = top + m.rowIndex.length * p.cellHeight;
    data.push(heatmapTrace({
      matrix: m,
      scale: gate.colorScale,
      xaxis: axisId("x", i),
      yaxis: axisId("y", i),
      showScale: i === 0,
      hover: (r, c, v) => [gate.label, `unit ${m.rowIndex[r]}`, `step ${m.colIndex[c]}: ${tokens[c] ?? ""}`, `value ${v}`],
    }));
    const axes = heatmapAxes(theme, "", "unit", p.tokenTicks, p.unitTicks);
    const domain = [1 - bottom / total, 1 - top / total];
    layout[axisKey("x", i)] = { ...axes.x, automargin: false, range: [-0.5, m.colIndex.length - 0.5], anchor: axisId("y", i), domain: [0, 1] };
    layout[axisKey("y", i)] = { ...axes.y, automargin: false, autorange: false, range: [m.rowIndex.length - 0.5, -0.5], anchor: axisId("x", i), domain };
    annotations.push({ text: plotlyText(gate.label), showarrow: false, xref: "paper", yref: "paper", x: 0, xanchor: "left", y: 1 - (top - 4) / total, yanchor: "bottom", font: { color: theme.text } });
  });
  // the colour bar beside the first panel, at most 220 px long, as the static drawing puts it
  const first = data[0];
  if (first !== undefined) {
    const len = Math.min(220, total - 40) / total;
    first.colorbar = { ...(first.colorbar as PlotObject), len, lenmode: "fraction", y: 1 - GATE_TITLE_H / total, yanchor: "top" };
  }
  layout.annotations = annotations;
  return { data, layout };
}
