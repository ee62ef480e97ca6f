/** The MIME type of each seqgrad figure, and the payload version. */

// ---- MIME types ------------------------------------------------------------------------------------

/** The MIME type of each figure kind. */
export const MIME_TYPES = {
  tensor: "application/vnd.seqgrad.tensor.v1+json",
  graph: "application/vnd.seqgrad.graph.v1+json",
  unrolled: "application/vnd.seqgrad.unrolled.v1+json",
  curves: "application/vnd.seqgrad.curves.v1+json",
  attention: "application/vnd.seqgrad.attention.v1+json",
  gradflow: "application/vnd.seqgrad.gradflow.v1+json",
  gates: "application/vnd.seqgrad.gates.v1+json",
  spectrum: "application/vnd.seqgrad.spectrum.v1+json",
  plot: "application/vnd.seqgrad.plot.v1+json",
  image: "application/vnd.seqgrad.image.v1+json",
} as const;

/** A figure kind: `tensor`, `graph`, ... */
export type PayloadKind = keyof typeof MIME_TYPES;

/** The payload version this file describes. */
export const PAYLOAD_VERSION = 1;
