/** The payload of the spectrum figure (one matrix or a grid of them): valibot schemas, with their TypeScript types inferred from them. */
import * as v from "valibot";
import { count, finite, list, struct, text } from "./fields";
import { AxisSchema, payloadFields } from "./shared";
import { ChartLayoutSchema } from "./chart-layout";

/** An eigenvalue lambda = re + i im. */
export const EigenvalueSchema = struct({ re: finite, im: finite });
export type Eigenvalue = v.InferOutput<typeof EigenvalueSchema>;

/**
 * One matrix of a spectrum grid: its eigenvalues (`size` of them) and spectral radius, the panel's
 * `title` (the matrix's name and its radius) and where the panel's parts sit in its cell (`layout`,
 * a square plotted area under the title, no legend of its own).
 */
export const SpectrumPanelSchema = struct({
  name: text,
  size: count,
  eigenvalues: list(EigenvalueSchema),
  spectralRadius: finite,
  title: text,
  layout: ChartLayoutSchema,
});
export type SpectrumPanel = v.InferOutput<typeof SpectrumPanelSchema>;

/**
 * Several matrices side by side: panels fill a grid of `columns` columns, row by row, each in a cell
 * of `panelWidth` x `panelHeight` pixels; the grid's top left corner is the payload's `layout.plot`.
 */
export const SpectrumGridSchema = struct({
  columns: count,
  panelWidth: finite,
  panelHeight: finite,
  panels: v.pipe(list(SpectrumPanelSchema), v.minLength(1, "at least one panel")),
});
export type SpectrumGrid = v.InferOutput<typeof SpectrumGridSchema>;

/**
 * `application/vnd.seqgrad.spectrum.v1+json`: eigenvalues of the matrix `name` (e.g.
 * "rnn.weight_hh_l0") in the complex plane with the unit circle; `spectralRadius` is max |lambda|;
 * equal axes (Re on x, Im on y) on a square plotted area, laid out as `layout` says. `legend`
 * names the unit circle, the spectral-radius circle and the eigenvalues, in that order.
 *
 * With a `grid` (several matrices), each panel carries its own eigenvalues and radius and draws them
 * on the shared axes `xAxis`/`yAxis`; the top level's `eigenvalues` are then empty (`size` 0,
 * `name` null, `spectralRadius` the largest of the panels'), `layout.legend` is the one legend
 * shared by every panel and `layout.plot` the box of the whole grid. A payload saved before grids
 * reads as `grid: null`.
 */
export const SpectrumPayloadSchema = struct({
  ...payloadFields("spectrum"),
  name: v.nullable(text),
  size: count,
  eigenvalues: list(EigenvalueSchema),
  spectralRadius: finite,
  xAxis: AxisSchema,
  yAxis: AxisSchema,
  legend: v.pipe(list(text), v.length(3, "three names: unit circle, spectral radius, eigenvalues")),
  layout: ChartLayoutSchema,
  grid: v.optional(v.nullable(SpectrumGridSchema), null),
});
export type SpectrumPayload = v.InferOutput<typeof SpectrumPayloadSchema>;
