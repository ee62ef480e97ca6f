/**
 * Figures of seqgrad: pure data built in the kernel, drawn interactively by the JupyterLab
 * extension and as static SVG everywhere else. Loading this module makes tensors display as
 * figures in notebooks.
 *
 * @example import { viz } from "seqgrad"; viz.graph(loss); viz.attention(weights, { source, target });
 */
import { registerTensorDisplay } from "./tensor";

export { Figure } from "./figure";
export type { FigureBundle, FigureLike } from "./figure";
export { fromPayload } from "./from-payload";
export { tensorFigure as tensor } from "./tensor";
export type { TensorFigureOptions } from "./tensor";
export { graphFigure as graph } from "./graph";
export type { GraphFigureOptions } from "./graph";
export { unrolledFigure as unrolled } from "./unrolled";
export type { UnrolledOptions } from "./unrolled";
export { measureGradientFlow, hiddenStates, retainHiddenGrads } from "./gradient-flow";
export type { GradientFlow, GradientFlowOptions, HiddenStates } from "./gradient-flow";
export { gradflowFigure as gradflow } from "./gradflow";
export type { GradflowOptions } from "./gradflow";
export { attentionFigure as attention } from "./attention";
export type { AttentionOptions } from "./attention";
export { gatesFigure as gates } from "./gates";
export type { GatesOptions } from "./gates";
export { spectrumFigure as spectrum } from "./spectrum";
export type { SpectrumOptions } from "./spectrum";
export { imageFigure as image } from "./image";
export type { ImageOptions } from "./image";
export { eigenvalues } from "./linalg/eigenvalues";
export type { Complex } from "./linalg/eigenvalues";
export { line, scatter, heatmap, bar } from "./plot";
export { curves, TrainingCurves } from "./curves";
export type { CurvesOptions } from "./curves";
export type { PlotOptions, HeatmapOptions, SeriesInput } from "./plot";
export type * from "./payloads/shared";
export type * from "./payloads/figures";
export type * from "./payloads/plots";
export type { PayloadKind } from "./payloads/mime";

registerTensorDisplay();
