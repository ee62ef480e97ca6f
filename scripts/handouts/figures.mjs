// The handouts print figures as vector SVG: a saved figure output carries the seqgrad payload and a
// PNG, so before conversion each one gets its static SVG again, drawn from the payload by the
// library (the same drawing the kernel rasterized), as the output's `text/html`.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const SEQGRAD_MIME = /^application\/vnd\.seqgrad\.[a-z]+\.v\d+\+json$/;

/** A copy of `nb` whose figure outputs show their static SVG (in a `seqgrad-figure` block, scrollable on screen) instead of their PNG. */
export function withVectorFigures(nb) {
  const { viz } = require("seqgrad");
  const copy = structuredClone(nb);
  for (const cell of copy.cells) {
    for (const output of cell.outputs ?? []) {
      const mime = Object.keys(output.data ?? {}).find((m) => SEQGRAD_MIME.test(m));
      if (mime === undefined) continue;
      const svg = viz.fromPayload(mime, output.data[mime]).toSVG();
      delete output.data["image/png"];
      delete output.data["image/svg+xml"];
      output.data["text/html"] = `<div class="seqgrad-figure">${svg}</div>`;
    }
  }
  return copy;
}
