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
import type { GradflowPayload, GradflowSeries, ParameterPanel } from "./payloads";
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
  const payload: GradflowPayload = {
    kind: "gradflow",
    version: 1,
    title: options.title ?? "Gradient flow through time",
    subtitle: list.map((f) => f.model).join("  \u00b7  "),
    models: list.map((f) => f.model),
    colors: list.map((_, i) => seriesColor(i)),
    xAxis: fitAxis("time step t", series.flatMap((s) => s.steps), "linear"),
    yAxis: fitAxis("gradient norm (log)", series.flatMap((s) => s.norms.map(decodeNumber)), "log"),
    parameterAxis: fitAxis("\u2016dL/dW\u2016 (log)", parameters.map((q) => decodeNumber(q.norm)), "log"),
    series,
    parameters,
    parameterPanel: parameterPanel(list.map((f) => f.model), parameters.map((q) => q.name)),
  };
  const ratios = list.map((f) => `${f.model} ${ratio(f.loss)}`).join(", ");
  return new Figure("gradflow", payload, renderGradflow, `Gradient flow over ${list[0]?.steps.length ?? 0} steps: ||dL/dh_1|| / ||dL/dh_T|| = ${ratios}`);
}

/** Band colour of every other parameter row. */
const ROW_SHADE = "#f5f5f5";

/** The parameter panel's layout: a row per name (first seen first), every other row shaded, a marker legend for two models or more. */
function parameterPanel(models: readonly string[], names: readonly string[]): ParameterPanel {
  const rows = [...new Set(names)];
  return {
    title: "parameter gradient norms",
    rows,
    shaded: rows.map((_, i) => i).filter((i) => i % 2 === 0),
    shade: ROW_SHADE,
    legend: models.length > 1 ? [...models] : [],
  };
}

function isList(x: GradientFlow | readonly GradientFlow[]): x is readonly GradientFlow[] {
  return Array.isArray(x);
}

function ratio(norms: readonly number[]): string {
  const first = norms[0] ?? NaN;
  const last = norms[norms.length - 1] ?? NaN;
  return (first / last).toExponential(2);
}
