/** The payload of the image figure: valibot schema, with its TypeScript type inferred from it. */
import * as v from "valibot";
import { count, finite, oneOf, struct, shape, text } from "./fields";
import { payloadFields } from "./shared";

/**
 * `application/vnd.seqgrad.image.v1+json`: an RGB (or grey) image tensor as pixels. `png` is the
 * base64 PNG of the `width` x `height` source pixels, drawn at `displayWidth` x `displayHeight`
 * pixels without smoothing (each source pixel a square of `scale` pixels). `layout` says how the
 * tensor held the image ([3, H, W] "CHW", [H, W, 3] "HWC", [H, W] "HW"), `range` the values that
 * mapped to black and white, `caption` the line printed under the image. The layout is decided
 * here for both drawings: the figure is `figureWidth` pixels wide (the image, its caption, or a
 * title wider than the image) and the title is printed as `titleLines`, left-aligned.
 */
export const ImagePayloadSchema = struct({
  ...payloadFields("image"),
  shape,
  layout: oneOf(["CHW", "HWC", "HW"]),
  width: count,
  height: count,
  scale: finite,
  displayWidth: finite,
  displayHeight: finite,
  range: v.tuple([finite, finite], "an array of 2 numbers"),
  png: v.pipe(text, v.regex(/^[A-Za-z0-9+/]+=*$/, "base64 text")),
  caption: text,
  titleLines: v.array(text, "an array of strings"),
  figureWidth: finite,
});
export type ImagePayload = v.InferOutput<typeof ImagePayloadSchema>;
