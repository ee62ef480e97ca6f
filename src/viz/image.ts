/**
 * The image figure: an RGB image tensor shown as pixels (lecture: image captioning, where a CNN
 * reads the image and an RNN writes its caption). Accepts PyTorch's [3, H, W], the [H, W, 3] of
 * image files, and grey [H, W] (or [1, H, W]). Values in [0, 1] map to 0..255 as they are; integer
 * values in [0, 255] are taken as bytes; anything else is stretched from its min to its max (the
 * caption says so). Small images are drawn enlarged without smoothing, so each pixel is a square.
 */
import { ShapeError, ValueError } from "../errors";
import { checkKnownOptions } from "../known-options";
import { IMAGE_OPTIONS } from "./option-names";
import type { Tensor } from "../tensor/tensor";
import { encodePngRgb } from "./data/png";
import { Figure } from "./figure";
import type { ImagePayload } from "./payloads";
import { FONT_SIZE, formatShape, formatValue, textWidth, wrapText } from "./payloads";
import { CAPTION_SIZE, IMAGE_PAD, renderImage } from "./image-svg";

/** Options of `viz.image`. */
export interface ImageOptions {
  title?: string;
  /** Display pixels per image pixel (default: enlarges small images to about 256 px, at most 16). */
  scale?: number;
}

/** The longest side small images are enlarged to, in display pixels. */
const TARGET_SIDE = 256;
/** The widest a title may make the figure (a wider one wraps), unless the image is wider. */
const MAX_TITLE_WIDTH = 520;
/** NaN pixels: magenta, as in heat maps. */
const NAN_RGB = [255, 0, 255] as const;

/**
 * The figure of an image tensor.
 *
 * @example viz.image(scenes.images.select(0, 0), { title: scenes.scenes[0].caption })
 */
export function imageFigure(t: Tensor, options: ImageOptions = {}): Figure<"image"> {
  checkKnownOptions("viz.image", options, IMAGE_OPTIONS);
  if (options.title !== undefined && typeof options.title !== "string") throw new ValueError(`viz.image: title must be a string; got ${typeof options.title}`);
  if (options.scale !== undefined && !(Number.isFinite(options.scale) && options.scale > 0)) throw new ValueError(`viz.image: scale must be a positive number; got ${options.scale}`);
  const { layout, height, width, channels } = layoutOf(t);
  const values = t.data;
  const at = (c: number, r: number, col: number): number => {
    if (layout === "HW") return values[r * width + col] ?? NaN;
    if (layout === "CHW") return values[(c * height + r) * width + col] ?? NaN;
    return values[(r * width + col) * channels + c] ?? NaN;
  };
  const range = valueRange(values, t.dtype);
  const rgb = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++) {
    for (let col = 0; col < width; col++) {
      const px = [0, 1, 2].map((c) => at(channels === 1 ? 0 : c, r, col));
      const bad = px.some((v) => !Number.isFinite(v));
      px.forEach((v, c) => (rgb[(r * width + col) * 3 + c] = bad ? NAN_RGB[c as 0 | 1 | 2] : byte(v, range)));
    }
  }
  const scale = options.scale ?? Math.max(1, Math.min(16, Math.floor(TARGET_SIDE / Math.max(height, width, 1))));
  const stretched = range[0] !== 0 || (range[1] !== 1 && range[1] !== 255);
  const payload: ImagePayload = {
    kind: "image",
    version: 1,
    ...(options.title === undefined ? {} : { title: options.title }),
    shape: [...t.shape],
    layout,
    width,
    height,
    scale,
    displayWidth: width * scale,
    displayHeight: height * scale,
    range,
    png: encodePngRgb(width, height, rgb),
    caption: `${formatShape(t.shape)} ${layout}, ${stretched ? `values ${formatValue(range[0])} to ${formatValue(range[1])} stretched to black..white` : `values 0 to ${range[1]}`}`,
    titleLines: [],
    figureWidth: 0,
  };
  Object.assign(payload, titleLayout(payload));
  return new Figure("image", payload, renderImage, `Image ${formatShape(t.shape)} (${layout}, ${height} x ${width})`);
}

/**
 * The figure's width and its title's lines: as wide as the image and its caption, wider for a long
 * title up to `MAX_TITLE_WIDTH` (the title wraps beyond), so no drawing cuts the title.
 */
function titleLayout(p: ImagePayload): { titleLines: string[]; figureWidth: number } {
  const bold = { bold: true };
  const least = Math.max(p.displayWidth, textWidth(p.caption, CAPTION_SIZE)) + 2 * IMAGE_PAD;
  if (p.title === undefined || p.title.length === 0) return { titleLines: [], figureWidth: Math.ceil(least) };
  const room = Math.max(least, MAX_TITLE_WIDTH) - 2 * IMAGE_PAD;
  const titleLines = wrapText(p.title, room, FONT_SIZE.title, bold);
  const widest = Math.max(...titleLines.map((line) => textWidth(line, FONT_SIZE.title, bold)));
  return { titleLines, figureWidth: Math.ceil(Math.max(least, widest + 2 * IMAGE_PAD)) };
}

function layoutOf(t: Tensor): { layout: ImagePayload["layout"]; height: number; width: number; channels: number } {
  const s = t.shape;
  if (s.length === 2) return { layout: "HW", height: s[0] ?? 0, width: s[1] ?? 0, channels: 1 };
  if (s.length === 3 && (s[0] === 3 || s[0] === 1)) return { layout: "CHW", height: s[1] ?? 0, width: s[2] ?? 0, channels: s[0] };
  if (s.length === 3 && (s[2] === 3 || s[2] === 1)) return { layout: "HWC", height: s[0] ?? 0, width: s[1] ?? 0, channels: s[2] };
  throw new ShapeError(`viz.image: expected an image [3, H, W], [H, W, 3] or [H, W] (1 channel also allowed); got ${formatShape(s)}`);
}

/** The values that map to black and white. */
function valueRange(values: ArrayLike<number>, dtype: string): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo >= 0 && hi <= 1 && dtype !== "int32") return [0, 1];
  if (lo >= 0 && hi <= 255 && (dtype === "int32" || hi > 1)) return [0, 255];
  return hi > lo ? [lo, hi] : [lo - 1, lo + 1];
}

function byte(v: number, [lo, hi]: [number, number]): number {
  return Math.round(Math.min(1, Math.max(0, (v - lo) / (hi - lo))) * 255);
}
