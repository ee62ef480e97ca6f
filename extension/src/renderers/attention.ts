/**
 * `application/vnd.seqgrad.attention.v1+json`: attention weights alpha_{t,s} as heat maps, source
 * tokens on x and target tokens on y, one panel per head or example. Hover names both tokens.
 */
import type { AttentionPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { frameAxisTitles, frameColorbar, frameColorbarTitle, frameDomains, frameLayout, framePanelTitle, heatmapAxes, heatmapTrace } from "../draw/heatmap";
import { axisId, axisKey, baseLayout } from "../draw/layout";
import { plotlyText, type PlotFigure, type PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const ATTENTION_MIME = "application/vnd.seqgrad.attention.v1+json";

export class AttentionRenderer extends PlotWidget<"attention"> {
  protected readonly kind = "attention";

  protected async draw(p: AttentionPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => attentionFigure(theme, p), { fit: true });
  }
}

/**
 * The grid of attention heat maps where the payload's frame puts them: square cells of the
 * payload's size, the labels, axis titles and colour-bar title the payload chose, the chart as
 * wide as the static drawing (a wider chart than the output scrolls sideways, never squeezed);
 * tokens at positions, so repeated tokens keep their own rows and columns.
 */
export function attentionFigure(theme: Theme, p: AttentionPayload): PlotFigure {
  const columns = Math.min(p.columns, Math.max(1, p.panels.length));
  const rows = Math.max(1, Math.ceil(p.panels.length / columns));
  const data: PlotObject[] = [];
  const layout: PlotObject = { ...baseLayout(theme, p.frame.height), ...frameLayout(p.frame) };
  const annotations: PlotObject[] = [];
  p.panels.forEach((panel, i) => {
    const m = panel.matrix;
    const box = p.frame.panels[i];
    if (box === undefined) return;
    const source = m.colIndex.map((s) => p.source[s] ?? String(s));
    const target = m.rowIndex.map((t) => p.target[t] ?? String(t));
    data.push(heatmapTrace({
      matrix: m,
      scale: p.colorScale,
      xaxis: axisId("x", i),
      yaxis: axisId("y", i),
      showScale: i === 0,
      theme,
      colorbarTitle: false,
      hover: (r, c, v) => [`target ${target[r] ?? ""} (t=${m.rowIndex[r]})`, `source ${source[c] ?? ""} (s=${m.colIndex[c]})`, `weight ${v}`],
    }));
    // axis titles under the bottom row's panels and beside the first column's, as the static drawing
    const axes = heatmapAxes(theme, "", "", p.sourceTicks, p.targetTicks);
    annotations.push(...frameAxisTitles(theme, p.frame, box, { col: Math.floor(i / columns) === rows - 1 ? p.colTitle : "", row: i % columns === 0 ? p.rowTitle : "" }, p.sourceTicks, p.targetTicks));
    const domain = frameDomains(p.frame, box);
    layout[axisKey("x", i)] = { ...axes.x, automargin: false, range: [-0.5, m.colIndex.length - 0.5], anchor: axisId("y", i), domain: domain.x };
    layout[axisKey("y", i)] = { ...axes.y, automargin: false, autorange: false, range: [m.rowIndex.length - 0.5, -0.5], anchor: axisId("x", i), domain: domain.y };
    // the weights the library printed in the cells, in its text and ink
    const values = panel.values;
    if (values !== null) {
      m.z.forEach((row, r) => row.forEach((_, c) => annotations.push({ x: c, y: r, xref: axisId("x", i), yref: axisId("y", i), text: plotlyText(values.text[r]?.[c] ?? ""), showarrow: false, font: { size: values.size, color: values.ink[r]?.[c] ?? theme.text } })));
    }
    annotations.push(...framePanelTitle(theme, p.frame, box, panel.title));
  });
  const first = data[0];
  if (first !== undefined) first.colorbar = { ...(first.colorbar as PlotObject), ...frameColorbar(p.frame) };
  annotations.push(...frameColorbarTitle(theme, p.frame, p.colorScale));
  layout.annotations = annotations;
  return { data, layout };
}
