/**
 * `application/vnd.seqgrad.attention.v1+json`: attention weights alpha_{t,s} as heat maps, source
 * tokens on x and target tokens on y, one panel per head or example. Hover names both tokens.
 */
import type { AttentionPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { heatmapAxes, heatmapTrace } from "../draw/heatmap";
import { axisId, axisKey, baseLayout } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const ATTENTION_MIME = "application/vnd.seqgrad.attention.v1+json";

export class AttentionRenderer extends PlotWidget<"attention"> {
  protected readonly kind = "attention";

  protected async draw(p: AttentionPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => attentionFigure(theme, p));
  }
}

/** Room around each panel of the grid for tick labels, axis titles and the panel title, in pixels. */
const PANEL_MARGIN = { left: 110, bottom: 90, top: 30 };

/**
 * The grid of attention heat maps: square cells of the payload's size, the matrix not stretched to
 * the output's width; tokens at positions, so repeated tokens keep their own rows and columns.
 */
export function attentionFigure(theme: Theme, p: AttentionPayload): PlotFigure {
  const columns = Math.min(p.columns, Math.max(1, p.panels.length));
  const rows = Math.max(1, Math.ceil(p.panels.length / columns));
  const data: PlotObject[] = [];
  const panelW = p.source.length * p.cell + PANEL_MARGIN.left;
  const panelH = p.target.length * p.cell + PANEL_MARGIN.bottom + PANEL_MARGIN.top;
  const width = columns * panelW + 110;
  const layout: PlotObject = { ...baseLayout(theme, rows * panelH + 20), width, autosize: false, margin: { l: 90, r: 90, t: 30, b: 80 } };
  const annotations: PlotObject[] = [];
  p.panels.forEach((panel, i) => {
    const m = panel.matrix;
    const source = m.colIndex.map((s) => p.source[s] ?? String(s));
    const target = m.rowIndex.map((t) => p.target[t] ?? String(t));
    data.push(heatmapTrace({
      matrix: m,
      scale: p.colorScale,
      xaxis: axisId("x", i),
      yaxis: axisId("y", i),
      showScale: i === 0,
      hover: (r, c, v) => [`target ${target[r] ?? ""} (t=${m.rowIndex[r]})`, `source ${source[c] ?? ""} (s=${m.colIndex[c]})`, `weight ${v}`],
    }));
    const axes = heatmapAxes(theme, i >= (rows - 1) * columns ? "source" : "", i % columns === 0 ? "target" : "", p.sourceTicks, p.targetTicks);
    layout[axisKey("x", i)] = axes.x;
    layout[axisKey("y", i)] = { ...axes.y, scaleanchor: axisId("x", i), scaleratio: 1, constrain: "domain" };
    (layout[axisKey("x", i)] as PlotObject).constrain = "domain";
    // the weights the library printed in the cells, in its text and ink
    const values = panel.values;
    if (values !== null) {
      m.z.forEach((row, r) => row.forEach((_, c) => annotations.push({ x: c, y: r, xref: axisId("x", i), yref: axisId("y", i), text: plotlyText(values.text[r]?.[c] ?? ""), showarrow: false, font: { size: values.size, color: values.ink[r]?.[c] ?? theme.text } })));
    }
    if (p.panels.length > 1) {
      annotations.push({ text: plotlyText(panel.title), showarrow: false, xref: `${axisId("x", i)} domain`, yref: `${axisId("y", i)} domain`, x: 0.5, y: 1.02, yanchor: "bottom", font: { color: theme.text } });
    }
  });
  layout.grid = { rows, columns, pattern: "independent", xgap: 0.12, ygap: 0.25 };
  layout.annotations = annotations;
  return { data, layout };
}
