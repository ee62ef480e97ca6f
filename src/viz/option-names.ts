/**
 * The option names of every figure function, checked against their options types by the compiler
 * (see `optionNames`), so that `viz.graph(t, { maxNode: 10 })` is an error naming the function
 * instead of a silently ignored typo.
 */
import { optionNames } from "../known-options";
import type { AttentionOptions } from "./attention";
import type { CurvesOptions } from "./curves";
import type { GatesOptions } from "./gates";
import type { GradflowOptions } from "./gradflow";
import type { GradientFlowOptions } from "./gradient-flow";
import type { GraphFigureOptions } from "./graph";
import type { ImageOptions } from "./image";
import type { HeatmapOptions, PlotOptions } from "./plot";
import type { SpectrumOptions } from "./spectrum";
import type { TensorFigureOptions } from "./tensor";
import type { UnrolledOptions } from "./unrolled";

export const ATTENTION_OPTIONS = optionNames<AttentionOptions>({ source: true, target: true, titles: true, columns: true, title: true });
export const CURVES_OPTIONS = optionNames<CurvesOptions>({
  title: true,
  total: true,
  xLabel: true,
  smoothing: true,
  logPanels: true,
  throttleMs: true,
  live: true,
  stream: true,
});
export const GATES_OPTIONS = optionNames<GatesOptions>({ tokens: true, module: true, batch: true, title: true });
export const GRADFLOW_OPTIONS = optionNames<GradflowOptions>({ title: true });
export const GRADIENT_FLOW_OPTIONS = optionNames<GradientFlowOptions>({ model: true, module: true, jacobian: true, exactJacobianMax: true });
export const GRAPH_OPTIONS = optionNames<GraphFigureOptions>({ title: true, values: true, grads: true, maxNodes: true, direction: true });
export const IMAGE_OPTIONS = optionNames<ImageOptions>({ title: true, scale: true });
export const PLOT_OPTIONS = optionNames<PlotOptions>({ title: true, xLabel: true, yLabel: true, xScale: true, yScale: true });
export const HEATMAP_OPTIONS = optionNames<HeatmapOptions>({
  title: true,
  xLabel: true,
  yLabel: true,
  xScale: true,
  yScale: true,
  xTicks: true,
  yTicks: true,
  colorScale: true,
});
export const SPECTRUM_OPTIONS = optionNames<SpectrumOptions>({ title: true, name: true });
export const TENSOR_OPTIONS = optionNames<TensorFigureOptions>({ title: true });
export const UNROLLED_OPTIONS = optionNames<UnrolledOptions>({ title: true, expanded: true, maxSteps: true });
