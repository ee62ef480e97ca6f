/**
 * The gradient-flow figure: ||dL/dh_t|| (solid) and ||dh_T/dh_t|| (dashed) against t on a log
 * scale, one colour per model (RNN against LSTM against GRU), and the gradient norm of every
 * parameter. Feed it the measurements of `viz.measureGradientFlow`, or your own numbers.
 */
import { checkKnownOptions } from "../known-options";
import { GRADFLOW_OPTIONS } from "./option-names";
import { ValueError } from "../errors";
import { compact } from "./data/downsample";
import { Figure } from "./figure";
import { GRADFLOW_MEASURE_NAMES } from "./payloads";
import type { Axis, GradflowPayload, GradflowSeries, ParameterPanel } from "./payloads";
import { labelWidth } from "./data/category-ticks";
import { chartLayout } from "./svg/chart";
import { truncateLabel } from "./svg/escape";
import { legendHeight, legendPlaces } from "./svg/legend";
import type { GradientFlow } from "./gradient-flow";
import { renderGradflow } from "./gradflow-svg";
import { fitAxis } from "./data/axis";
import { decodeNumber } from "./payloads";
import { seriesColor } from "./payloads/style";

/** Options of `viz.gradflow`. */
export interface GradflowOptions {
  title?: string;
}

/**
 * The gradient-flow figure of one or more models.
 *
 * @example viz.gradflow([viz.measureGradientFlow(rnnLoss, { model: "RNN" }), viz.measureGradientFlow(lstmLoss, { model: "LSTM" })])
 */
export function gradflowFigure(flows: GradientFlow | readonly GradientFlow[], options: GradflowOptions = {}): Figure<"gradflow"> {
  checkKnownOptions("viz.gradflow", options, GRADFLOW_OPTIONS);
  const list: readonly GradientFlow[] = isList(flows) ? flows : [flows];
  if (list.length === 0) throw new ValueError("viz.gradflow: needs at least one measurement; expected measureGradientFlow(...) results, got an empty list");
  const series: GradflowSeries[] = [];
  for (const f of list) {
    if (f.loss.length !== f.steps.length) {
      throw new ValueError(`viz.gradflow: ${f.model} has ${f.steps.length} steps but ${f.loss.length} loss norms; expected equal lengths, got ${f.steps.length} and ${f.loss.length}`);
    }
    series.push({ model: f.model, measure: "loss", steps: [...f.steps], norms: f.loss.map(compact) });
    if (f.jacobian !== null) series.push({ model: f.model, measure: "jacobian", steps: [...f.steps], norms: f.jacobian.map(compact) });
  }
  const parameters = list.flatMap((f) => f.parameters.map((p) => ({ model: f.model, name: p.name, shape: [...p.shape], norm: compact(p.norm) })));
  const axes = {
    xAxis: fitAxis("time step t", series.flatMap((s) => s.steps), "linear"),
    yAxis: fitAxis("gradient norm (log)", series.flatMap((s) => s.norms.map(decodeNumber)), "log"),
  };
  const payload: GradflowPayload = {
    kind: "gradflow",
    version: 1,
    title: options.title ?? "Gradient flow through time",
    subtitle: list.map((f) => f.model).join("  \u00b7  "),
    models: list.map((f) => f.model),
    colors: list.map((_, i) => seriesColor(i)),
    ...axes,
    parameterAxis: fitAxis("\u2016dL/dW\u2016 (log)", parameters.map((q) => decodeNumber(q.norm)), "log"),
    series,
    parameters,
    ...gradflowLayout(list.map((f) => f.model), series, parameters.map((q) => q.name), axes),
  };
  const ratios = list.map((f) => `${f.model} ${ratio(f.loss)}`).join(", ");
  return new Figure("gradflow", payload, renderGradflow, `Gradient flow over ${list[0]?.steps.length ?? 0} steps: ||dL/dh_1|| / ||dL/dh_T|| = ${ratios}`);
}

/** Band of every other parameter row: translucent ink, a light band on white and a dark one on a dark theme. */
const ROW_SHADE = { color: "#000000", opacity: 0.04 } as const;
/** Size of the chart of norms per step (it grows by the legend rows beyond the first). */
const CHART = { width: 560, height: 340, legendRow: 20 } as const;
/** Width of the parameter panel's plotted area, and the height of one of its rows. */
const PANEL_PLOT_W = 220;
const ROW_H = 18;
/** Longest parameter name printed in full, in characters; the widest name column, in pixels. */
const NAME_CHARS = 28;
const NAME_COLUMN_MAX = 190;

/**
 * Where everything of a gradient-flow figure goes, below its heading: the chart of norms per step
 * (legend: a colour per model, then a line style per measure), and right of it the parameter panel:
 * a row per parameter name (first seen first, every other one shaded), a marker legend for two
 * models or more, and a name column as wide as the widest name (glyph-measured).
 */
function gradflowLayout(models: readonly string[], series: readonly GradflowSeries[], names: readonly string[], axes: { xAxis: Axis; yAxis: Axis }): Pick<GradflowPayload, "parameterPanel" | "layout" | "width" | "height"> {
  const measures = (["loss", "jacobian"] as const).filter((m) => series.some((s) => s.measure === m));
  const entries = [...models, ...measures.map((m) => GRADFLOW_MEASURE_NAMES[m])].map((name) => ({ name, color: "" }));
  const height = CHART.height + Math.max(0, legendHeight(entries, CHART.width - 20) - CHART.legendRow);
  const layout = chartLayout({ width: CHART.width, height, legend: entries, ...axes });
  const rows = [...new Set(names)];
  const legend = models.length > 1 ? [...models] : [];
  const x0 = CHART.width + 10;
  const labelW = Math.min(NAME_COLUMN_MAX, Math.max(0, ...rows.map((n) => labelWidth(truncateLabel(n, NAME_CHARS)))) + 12);
  const panelW = labelW + PANEL_PLOT_W;
  const legendEntries = legend.map((name) => ({ name, color: "" }));
  const legendH = legendHeight(legendEntries, panelW);
  const plot = { x: x0 + labelW, y: 24 + legendH, width: PANEL_PLOT_W, height: rows.length * ROW_H };
  const box = rows.length === 0 ? { x: x0, y: 0, width: 0, height: 0 } : { x: x0, y: 0, width: panelW + 24, height: plot.y + plot.height + 50 };
  const parameterPanel: ParameterPanel = {
    title: "parameter gradient norms",
    rows,
    shaded: rows.map((_, i) => i).filter((i) => i % 2 === 0),
    shade: ROW_SHADE.color,
    shadeOpacity: ROW_SHADE.opacity,
    legend,
    box,
    plot,
    legendBox: legend.length > 0 ? { x: x0, y: 20, width: panelW, height: legendH, ...legendPlaces(legendEntries, panelW) } : null,
    titleAt: { x: x0 + panelW / 2, y: 14 },
  };
  return { parameterPanel, layout, width: x0 + box.width, height: Math.max(height, box.height) + 8 };
}

function isList(x: GradientFlow | readonly GradientFlow[]): x is readonly GradientFlow[] {
  return Array.isArray(x);
}

function ratio(norms: readonly number[]): string {
  const first = norms[0] ?? NaN;
  const last = norms[norms.length - 1] ?? NaN;
  return (first / last).toExponential(2);
}
