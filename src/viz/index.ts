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
export { tensorFigure as tensor } from "./tensor";
export type { TensorFigureOptions } from "./tensor";
export { graphFigure as graph } from "./graph";
export type { GraphFigureOptions } from "./graph";
export { unrolledFigure as unrolled } from "./unrolled";
export type { UnrolledOptions } from "./unrolled";
export { gradientFlow, hiddenStates, retainHiddenGrads } from "./gradient-flow";
export type { GradientFlow, GradientFlowOptions, HiddenStates } from "./gradient-flow";
export { gradflowFigure as gradflow } from "./gradflow";
export type { GradflowOptions } from "./gradflow";
export * from "./payloads";

registerTensorDisplay();
