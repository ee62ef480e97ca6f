/**
 * The seqgrad MIME-renderer extension: one renderer per seqgrad figure type. The rank is below 50
 * so JupyterLab prefers these renderers over the static picture (`image/png`, or `image/svg+xml`) in
 * the same bundle.
 * `safe: true` is sound because no renderer ever injects payload strings as HTML.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { MIME_TYPES, type PayloadKind } from "seqgrad/payloads";
import { AttentionRenderer } from "./renderers/attention";
import { CurvesRenderer } from "./renderers/curves";
import { GatesRenderer } from "./renderers/gates";
import { GradflowRenderer } from "./renderers/gradflow";
import { GraphRenderer } from "./renderers/graph";
import { ImageRenderer } from "./renderers/image";
import { PlotRenderer } from "./renderers/plot";
import { SpectrumRenderer } from "./renderers/spectrum";
import { TensorRenderer } from "./renderers/tensor";
import { UnrolledRenderer } from "./renderers/unrolled";

/** Rank of every seqgrad renderer (lower wins; JupyterLab's HTML renderer has 50). */
export const RANK = 10;

type RendererClass = new (options: IRenderMime.IRendererOptions) => IRenderMime.IRenderer;

/** The renderer of each figure kind. */
export const RENDERERS: Record<PayloadKind, RendererClass> = {
  tensor: TensorRenderer,
  graph: GraphRenderer,
  unrolled: UnrolledRenderer,
  curves: CurvesRenderer,
  attention: AttentionRenderer,
  gradflow: GradflowRenderer,
  gates: GatesRenderer,
  spectrum: SpectrumRenderer,
  plot: PlotRenderer,
  image: ImageRenderer,
};

/** The renderer factory of one figure kind. */
export function rendererFactory(kind: PayloadKind): IRenderMime.IRendererFactory {
  const Renderer = RENDERERS[kind];
  return {
    safe: true,
    mimeTypes: [MIME_TYPES[kind]],
    defaultRank: RANK,
    createRenderer: (options) => new Renderer(options),
  };
}

const KINDS = Object.keys(MIME_TYPES) as PayloadKind[];

/** One MIME extension per figure kind. */
const extensions: IRenderMime.IExtension[] = KINDS.map((kind) => ({
  id: `@seqgrad/jupyterlab:${kind}`,
  description: `Renders seqgrad ${kind} figures (${MIME_TYPES[kind]}).`,
  rendererFactory: rendererFactory(kind),
  rank: RANK,
  dataType: "json",
}));

export default extensions;
