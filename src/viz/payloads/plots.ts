/**
 * The payloads of the generic plots, and the map from figure kind to payload schema and type:
 * valibot schemas, with their TypeScript types inferred from them.
 */
import * as v from "valibot";
import { finite, jsonNumber, list, struct, text } from "./fields";
import type { PayloadKind } from "./mime";
import { AxisSchema, CategoryTicksSchema, ColorScaleSchema, MatrixSchema, payloadFields } from "./shared";
import { ImagePayloadSchema } from "./image-figure";
import { ChartLayoutSchema } from "./chart-layout";
import { AttentionPayloadSchema, CurvesPayloadSchema, GatesPayloadSchema, GradflowPayloadSchema, GraphPayloadSchema, SpectrumPayloadSchema, TensorPayloadSchema, UnrolledPayloadSchema } from "./figures";

// ---- 9. generic plots ------------------------------------------------------------------------------

/** A line or scatter series in `color` (#rrggbb). */
export const PlotSeriesSchema = struct({ name: text, color: text, x: list(finite), y: list(jsonNumber) });
export type PlotSeries = v.InferOutput<typeof PlotSeriesSchema>;

const plotFields = { ...payloadFields("plot"), xLabel: text, yLabel: text };

/** `viz.line`, laid out as `layout` says. */
export const LinePlotSchema = struct({ ...plotFields, type: v.literal("line"), xAxis: AxisSchema, yAxis: AxisSchema, series: list(PlotSeriesSchema), layout: ChartLayoutSchema });
export type LinePlot = v.InferOutput<typeof LinePlotSchema>;

/** `viz.scatter`, laid out as `layout` says. */
export const ScatterPlotSchema = struct({ ...plotFields, type: v.literal("scatter"), xAxis: AxisSchema, yAxis: AxisSchema, series: list(PlotSeriesSchema), layout: ChartLayoutSchema });
export type ScatterPlot = v.InferOutput<typeof ScatterPlotSchema>;

/**
 * `viz.heatmap`: optional tick labels for rows (y) and columns (x); square cells of `cell` pixels;
 * `rowTicks` and `colTicks` the labels both drawings print (the given ones, or the indices).
 */
export const HeatmapPlotSchema = struct({
  ...plotFields,
  type: v.literal("heatmap"),
  matrix: MatrixSchema,
  colorScale: ColorScaleSchema,
  xTicks: v.nullable(list(text)),
  yTicks: v.nullable(list(text)),
  cell: finite,
  rowTicks: CategoryTicksSchema,
  colTicks: CategoryTicksSchema,
});
export type HeatmapPlot = v.InferOutput<typeof HeatmapPlotSchema>;

/**
 * `viz.bar`: one value per category and series (grouped bars), `band` pixels per category;
 * `categoryTicks` the category labels both drawings print; laid out as `layout` says (its plotted
 * area is band x categories wide, its legend names the series when there are two or more).
 */
export const BarPlotSchema = struct({
  ...plotFields,
  type: v.literal("bar"),
  categories: list(text),
  yAxis: AxisSchema,
  series: list(struct({ name: text, color: text, values: list(jsonNumber) })),
  band: finite,
  categoryTicks: CategoryTicksSchema,
  layout: ChartLayoutSchema,
});
export type BarPlot = v.InferOutput<typeof BarPlotSchema>;

/** `application/vnd.seqgrad.plot.v1+json` */
export const PlotPayloadSchema = v.variant("type", [LinePlotSchema, ScatterPlotSchema, HeatmapPlotSchema, BarPlotSchema], "one of line, scatter, heatmap, bar");
export type PlotPayload = v.InferOutput<typeof PlotPayloadSchema>;

/** The schema of every payload, keyed by kind. */
export const PAYLOAD_SCHEMAS = {
  tensor: TensorPayloadSchema,
  graph: GraphPayloadSchema,
  unrolled: UnrolledPayloadSchema,
  curves: CurvesPayloadSchema,
  attention: AttentionPayloadSchema,
  gradflow: GradflowPayloadSchema,
  gates: GatesPayloadSchema,
  spectrum: SpectrumPayloadSchema,
  plot: PlotPayloadSchema,
  image: ImagePayloadSchema,
} satisfies Record<PayloadKind, v.GenericSchema>;

/** Every payload, keyed by kind. */
export type PayloadByKind = { [K in PayloadKind]: v.InferOutput<(typeof PAYLOAD_SCHEMAS)[K]> };

/** Any payload. */
export type Payload = PayloadByKind[PayloadKind];
