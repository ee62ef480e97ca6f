/**
 * `application/vnd.seqgrad.image.v1+json`: an image tensor as pixels, from the payload's PNG at the
 * payload's display size, without smoothing; the title in the payload's lines, the caption under it. Hover a pixel for its row,
 * column and RGB bytes.
 */
import type { ImagePayload } from "seqgrad/payloads";
import { el, header } from "../draw/dom";
import { Tooltip } from "../draw/tooltip";
import { FigureWidget } from "../figure-widget";

export const IMAGE_MIME = "application/vnd.seqgrad.image.v1+json";

export class ImageRenderer extends FigureWidget<"image"> {
  protected readonly kind = "image";

  protected async draw(p: ImagePayload): Promise<void> {
    this.node.replaceChildren();
    const top = el("div", "jp-seqgrad-top");
    const head = header(p.title ?? "Image", `${p.height} x ${p.width} pixels`);
    // the title's lines as the payload broke them (the static SVG prints the same lines)
    if (p.titleLines.length > 0) head.querySelector(".jp-seqgrad-title")?.replaceChildren(...p.titleLines.map((line) => el("div", "jp-seqgrad-title-line", line)));
    top.style.maxWidth = `${p.figureWidth}px`;
    top.appendChild(head);
    const frame = el("div", "jp-seqgrad-image-frame");
    const img = el("img", "jp-seqgrad-image");
    img.alt = p.caption;
    img.width = p.displayWidth;
    img.height = p.displayHeight;
    const tooltip = new Tooltip(frame);
    frame.appendChild(img);
    this.node.append(top, frame, el("div", "jp-seqgrad-details jp-seqgrad-image-caption", p.caption));
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the PNG in the payload does not decode"));
      img.src = `data:image/png;base64,${p.png}`;
    });
    const pixels = readPixels(img, p.width, p.height);
    img.addEventListener("pointermove", (event) => {
      const col = Math.min(p.width - 1, Math.floor(event.offsetX / p.scale));
      const row = Math.min(p.height - 1, Math.floor(event.offsetY / p.scale));
      const k = (row * p.width + col) * 4;
      tooltip.show([`row ${row}, column ${col}`, `RGB ${pixels[k]}, ${pixels[k + 1]}, ${pixels[k + 2]}`], event);
    });
    img.addEventListener("pointerleave", () => tooltip.hide());
  }

  protected clear(): void {
    this.node.replaceChildren();
  }
}

/** The RGBA bytes of the decoded source image. */
function readPixels(img: HTMLImageElement, width: number, height: number): Uint8ClampedArray {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  if (context === null) return new Uint8ClampedArray(width * height * 4);
  context.drawImage(img, 0, 0, width, height);
  return context.getImageData(0, 0, width, height).data;
}
