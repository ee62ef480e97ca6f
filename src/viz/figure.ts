/**
 * A figure: a validated payload plus the ways it shows itself. In a notebook the value of a cell (or
 * `display(fig)`) becomes a MIME bundle with the versioned seqgrad type for the extension, ONE
 * picture of the static drawing for every other viewer, and a one-line `text/plain` summary.
 *
 * The picture is `image/png` (rasterized from the static SVG) wherever a rasterizer runs, else
 * `image/svg+xml` (browser kernels, live states). Never `text/html`: nbconvert's markdown exporter
 * prefers HTML and would inline it instead of writing an image file; and never both SVG and PNG:
 * nbconvert's LaTeX route converts every `image/svg+xml` with Inkscape (and fails without it), and
 * nbconvert 6.5.3 to 7.2.2 strip inline SVG in HTML. The handouts draw their vector SVG again from
 * the payload (`fromPayload(mime, payload).toSVG()`).
 */
import { MIME_TYPES } from "./payloads";
import type { PayloadByKind, PayloadKind } from "./payloads";
import { base64, rasterize } from "./raster";

/** MIME type to data. */
export type FigureBundle = Record<string, unknown>;

/** What every figure offers, whatever its kind. */
export interface FigureLike {
  readonly kind: PayloadKind;
  readonly mimeType: string;
  readonly summary: string;
  toSVG(): string;
  bundle(): FigureBundle;
}

/** A figure of kind `K` (see `payloads.ts` for every payload). */
export class Figure<K extends PayloadKind = PayloadKind> implements FigureLike {
  private svgCache: string | undefined;
  private pngCache: string | null | undefined;

  constructor(
    /** The figure kind, e.g. `tensor`. */
    readonly kind: K,
    /** The JSON payload the extension draws. */
    readonly payload: PayloadByKind[K],
    private readonly render: (payload: PayloadByKind[K]) => string,
    /** One-line summary, e.g. `Tensor [3, 4] float32 (heat map)`. */
    readonly summary: string,
    /** Whether the bundle carries a PNG copy (live displays leave it out until their final state). */
    private readonly raster: boolean = true,
  ) {}

  /** The MIME type of this figure's payload. */
  get mimeType(): string {
    return MIME_TYPES[this.kind];
  }

  /** The static SVG drawing (a complete `<svg>` element). */
  toSVG(): string {
    if (this.svgCache === undefined) this.svgCache = this.render(this.payload);
    return this.svgCache;
  }

  /** The static drawing as PNG bytes (base64), or null where no rasterizer is available. */
  toPNG(): string | null {
    if (this.pngCache === undefined) {
      const svg = this.toSVG();
      const size = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
      const png = rasterize(svg, Number(size?.[1] ?? 800), Number(size?.[2] ?? 600));
      this.pngCache = png === null ? null : base64(png);
    }
    return this.pngCache;
  }

  /** `{ [mimeType]: payload, "image/png": png, "text/plain": summary }`, `image/svg+xml` in place of a PNG that cannot be made. */
  bundle(): FigureBundle {
    const out: FigureBundle = { [this.mimeType]: this.payload };
    const png = this.raster ? this.toPNG() : null;
    if (png !== null) out["image/png"] = png;
    else out["image/svg+xml"] = this.toSVG();
    out["text/plain"] = this.summary;
    return out;
  }

  /** The payload (what `JSON.stringify` writes). */
  toJSON(): PayloadByKind[K] {
    return this.payload;
  }

  toString(): string {
    return this.summary;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.summary;
  }

  /** The MIME bundle notebooks display (Jupyter and Deno convention). */
  [Symbol.for("Jupyter.display")](): FigureBundle {
    return this.bundle();
  }
}
