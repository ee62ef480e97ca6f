/**
 * Base of the renderers drawn as SVG from the library's layout (graphs): a header, a zoomable and
 * pannable drawing, and a hover box. Colours come from CSS classes using JupyterLab's variables, so
 * a theme switch needs no redraw.
 */
import type { PayloadKind } from "seqgrad/payloads";
import { el } from "./draw/dom";
import { PanZoom, type PanZoomOptions } from "./draw/pan-zoom";
import { Tooltip } from "./draw/tooltip";
import { FigureWidget } from "./figure-widget";

export abstract class SvgWidget<K extends PayloadKind> extends FigureWidget<K> {
  /** Starts a fresh drawing of `width` × `height` layout pixels; returns its parts. */
  protected start(width: number, height: number, options: PanZoomOptions = {}): { top: HTMLElement; view: PanZoom; tooltip: Tooltip } {
    this.node.replaceChildren();
    const top = el("div", "jp-seqgrad-top");
    const frame = el("div", "jp-seqgrad-svg-frame");
    this.node.append(top, frame);
    const view = new PanZoom(frame, options);
    const tooltip = new Tooltip(frame);
    view.svg.addEventListener("pointerleave", () => tooltip.hide());
    requestAnimationFrame(() => view.setSize(width, height));
    view.setSize(width, height);
    return { top, view, tooltip };
  }

  protected clear(): void {
    this.node.replaceChildren();
  }
}
