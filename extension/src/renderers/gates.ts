/**
 * `application/vnd.seqgrad.gates.v1+json`: LSTM or GRU gate activations over time, one heat map per
 * gate (units on y, tokens on x), values in [0, 1] for sigmoid gates.
 */
import type { GatesPayload } from "seqgrad/payloads";
import { FONT_FAMILY } from "seqgrad/payloads";
import { heading } from "../draw/dom";
import { frameAxisTitles, framePanelTitle, frameColorbar, frameColorbarTitle, frameDomains, frameLayout, heatmapAxes, heatmapTrace } from "../draw/heatmap";
import { axisId, axisKey, baseLayout } from "../draw/layout";
import type { PlotFigure, PlotObject } from "../draw/plotly";
import type { Theme } from "../draw/theme";
import { PlotWidget } from "../plot-widget";

export const GATES_MIME = "application/vnd.seqgrad.gates.v1+json";

export class GatesRenderer extends PlotWidget<"gates"> {
  protected readonly kind = "gates";

  protected async draw(p: GatesPayload): Promise<void> {
    this.topNode.replaceChildren(heading(p.title ?? "", p.subtitle ?? "", FONT_FAMILY));
    await this.plot((theme) => gatesFigure(theme, p), { fit: true });
  }
}

/**
 * One heat map per gate where the payload's frame puts it: cells `cellWidth` x `cellHeight` pixels,
 * each gate's title above its cells, the units' axis title and the colour bar (with its title)
 * beside the first panel, as in the static drawing, so the token labels the payload turned for
 * those cells stay under their own panel.
 */
export function gatesFigure(theme: Theme, p: GatesPayload): PlotFigure {
  const data: PlotObject[] = [];
  const annotations: PlotObject[] = [];
  const layout: PlotObject = { ...baseLayout(theme, p.frame.height), ...frameLayout(p.frame) };
  p.gates.forEach((gate, i) => {
    const m = gate.matrix;
    const box = p.frame.panels[i];
    if (box === undefined) return;
    const tokens = m.colIndex.map((t) => p.tokens[t] ?? String(t));
    data.push(heatmapTrace({
      matrix: m,
      scale: gate.colorScale,
      xaxis: axisId("x", i),
      yaxis: axisId("y", i),
      showScale: i === 0,
      theme,
      colorbarTitle: false,
      hover: (r, c, v) => [gate.label, `unit ${m.rowIndex[r]}`, `step ${m.colIndex[c]}: ${tokens[c] ?? ""}`, `value ${v}`],
    }));
    const axes = heatmapAxes(theme, "", "", p.tokenTicks, p.unitTicks);
    annotations.push(...frameAxisTitles(theme, p.frame, box, { col: "", row: p.rowTitle }, p.tokenTicks, p.unitTicks));
    const domain = frameDomains(p.frame, box);
    layout[axisKey("x", i)] = { ...axes.x, automargin: false, range: [-0.5, m.colIndex.length - 0.5], anchor: axisId("y", i), domain: domain.x };
    layout[axisKey("y", i)] = { ...axes.y, automargin: false, autorange: false, range: [m.rowIndex.length - 0.5, -0.5], anchor: axisId("x", i), domain: domain.y };
    annotations.push(...framePanelTitle(theme, p.frame, box, gate.label, "left"));
  });
  const first = data[0];
  if (first !== undefined) first.colorbar = { ...(first.colorbar as PlotObject), ...frameColorbar(p.frame) };
  const scale = p.gates[0]?.colorScale;
  if (scale !== undefined) annotations.push(...frameColorbarTitle(theme, p.frame, scale));
  layout.annotations = annotations;
  return { data, layout };
}
