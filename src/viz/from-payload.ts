/**
 * A figure again from its saved payload: the seqgrad MIME type and JSON of a notebook output become
 * the same `Figure`, so a tool that reads executed notebooks (the handouts) can draw the vector
 * SVG of every figure although the saved bundle carries only its PNG. The payload carries every
 * visual decision, so the drawing is the one the kernel would have made.
 */
import { ValueError } from "../errors";
import { Figure } from "./figure";
import type { PayloadByKind, PayloadKind } from "./payloads";
import { upgradePayload, validatePayload } from "./payloads";
import { renderAttention } from "./attention-svg";
import { renderCurves } from "./curves-svg";
import { renderGates } from "./gates-svg";
import { renderGradflow } from "./gradflow-svg";
import { renderGraph } from "./graph-svg";
import { renderImage } from "./image-svg";
import { renderPlot } from "./plot-svg";
import { renderSpectrum } from "./spectrum-svg";
import { renderTensor } from "./tensor-svg";
import { renderUnrolled } from "./unrolled-svg";

/** The static drawing of each kind. */
const RENDERERS: { [K in PayloadKind]: (payload: PayloadByKind[K]) => string } = {
  tensor: renderTensor,
  graph: renderGraph,
  unrolled: renderUnrolled,
  curves: renderCurves,
  attention: renderAttention,
  gradflow: renderGradflow,
  gates: renderGates,
  spectrum: renderSpectrum,
  plot: renderPlot,
  image: renderImage,
};

/**
 * The figure of a saved payload: `mime` is its seqgrad MIME type (`application/vnd.seqgrad.tensor.v1+json`),
 * `payload` its JSON. A heat map saved before its payload carried a frame and titles is upgraded
 * (`upgradePayload`). Throws a `ValueError` naming the first bad field for a payload that does not
 * validate.
 *
 * @example const svg = viz.fromPayload(mime, output.data[mime]).toSVG();
 */
export function fromPayload(mime: string, payload: unknown): Figure {
  // a payload saved by an earlier seqgrad gets the fields the library can compute again
  let checked = validatePayload(mime, payload);
  if (!checked.ok) {
    const upgraded = upgradePayload(mime, payload);
    if (upgraded !== payload) checked = validatePayload(mime, upgraded);
  }
  if (!checked.ok) throw new ValueError(`viz.fromPayload: the payload does not validate; ${checked.error}`);
  const p = checked.payload;
  return makeFigure(p.kind, p as PayloadByKind[typeof p.kind]);
}

function makeFigure<K extends PayloadKind>(kind: K, payload: PayloadByKind[K]): Figure<K> {
  const title = (payload as { title?: unknown }).title;
  const summary = `${kind} figure${typeof title === "string" && title.length > 0 ? `: ${title}` : ""}`;
  return new Figure(kind, payload, RENDERERS[kind], summary);
}
