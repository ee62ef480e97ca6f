/** The payloads of the generic plots, and the map from figure kind to payload. */
import type { PayloadKind } from "./mime";
import type { Axis, ColorScale, JsonNumber, Matrix, PayloadBase } from "./shared";
import type { AttentionPayload, CurvesPayload, GatesPayload, GradflowPayload, GraphPayload, SpectrumPayload, TensorPayload, UnrolledPayload } from "./figures";

// ---- 9. generic plots ------------------------------------------------------------------------------

/** A line or scatter series. */
export interface PlotSeries {
  name: string;
  /** Line or marker colour (#rrggbb). */
  color: string;
  x: number[];
  y: JsonNumber[];
}

/** Shared fields of generic plots. */
interface PlotBase<T extends string> extends PayloadBase<"plot"> {
  type: T;
  xLabel: string;
  yLabel: string;
}

/** `viz.line` */
export interface LinePlot extends PlotBase<"line"> {
  xAxis: Axis;
  yAxis: Axis;
  series: PlotSeries[];
}

/** `viz.scatter` */
export interface ScatterPlot extends PlotBase<"scatter"> {
  xAxis: Axis;
  yAxis: Axis;
  series: PlotSeries[];
}

/** `viz.heatmap`: optional tick labels for rows (y) and columns (x). */
export interface HeatmapPlot extends PlotBase<"heatmap"> {
  matrix: Matrix;
  colorScale: ColorScale;
  xTicks: string[] | null;
  yTicks: string[] | null;
}

/** `viz.bar`: one value per category and series (grouped bars). */
export interface BarPlot extends PlotBase<"bar"> {
  categories: string[];
  yAxis: Axis;
  series: Array<{ name: string; color: string; values: JsonNumber[] }>;
}

/** `application/vnd.seqgrad.plot.v1+json` */
export type PlotPayload = LinePlot | ScatterPlot | HeatmapPlot | BarPlot;

/** Every payload, keyed by kind. */
export interface PayloadByKind {
  tensor: TensorPayload;
  graph: GraphPayload;
  unrolled: UnrolledPayload;
  curves: CurvesPayload;
  attention: AttentionPayload;
  gradflow: GradflowPayload;
  gates: GatesPayload;
  spectrum: SpectrumPayload;
  plot: PlotPayload;
}

/** Any payload. */
export type Payload = PayloadByKind[PayloadKind];
