/**
 * The picture a figure's bundle carries beside its payload (the PNG the kernel rasterized, else the
 * static SVG inside its HTML), shown when the payload cannot be drawn: a notebook saved by an
 * earlier seqgrad whose payload lacks fields this lab needs and cannot compute again. A note under
 * it asks to run the cell again for the interactive figure.
 */
import { el } from "./dom";

/** The note under a saved picture. */
export const SAVED_PICTURE_NOTE = "Saved by an earlier seqgrad: this is the picture stored with the output. Run the cell again for the interactive figure.";

/** The text of a bundle entry (notebook files may split it into lines), or null. */
function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((line) => typeof line === "string")) return value.join("");
  return null;
}

/** Device pixels per figure pixel of the kernel's PNG (the library's raster scale). */
const PNG_SCALE = 1.5;

/** The `<svg>` element's markup in `text`, or null. */
function svgIn(text: string | null): string | null {
  if (text === null) return null;
  const start = text.indexOf("<svg");
  const end = text.lastIndexOf("</svg>");
  return start < 0 || end < start ? null : text.slice(start, end + 6);
}

/**
 * The picture in `bundle` as an image URL: its static SVG (`image/svg+xml`, or inside the
 * `text/html` of older bundles; drawn as an image, so nothing in it runs), else its `image/png`;
 * null when it has none. `png` says whether it is the raster (drawn at 1 / PNG_SCALE).
 */
export function savedPictureUrl(bundle: Readonly<Record<string, unknown>>): { url: string; png: boolean } | null {
  const svg = svgIn(textOf(bundle["image/svg+xml"])) ?? svgIn(textOf(bundle["text/html"]));
  if (svg !== null) return { url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`, png: false };
  const png = textOf(bundle["image/png"]);
  if (png !== null && png.length > 0) return { url: `data:image/png;base64,${png.replace(/\s+/g, "")}`, png: true };
  return null;
}

/** The saved picture with the note under it; `why` (the validation error) is the note's tooltip. */
export function savedPicture(picture: { url: string; png: boolean }, why: string): HTMLElement {
  const box = el("div", "jp-seqgrad-saved");
  const img = el("img", "jp-seqgrad-saved-image");
  if (picture.png) img.addEventListener("load", () => (img.style.width = `${Math.round(img.naturalWidth / PNG_SCALE)}px`), { once: true });
  img.src = picture.url;
  img.alt = "figure saved with the notebook";
  const note = el("div", "jp-seqgrad-saved-note", SAVED_PICTURE_NOTE);
  note.title = why;
  box.append(img, note);
  return box;
}
