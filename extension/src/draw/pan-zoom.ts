/**
 * Zoom and pan for an SVG drawing laid out in pixels. The drawing sits in a scroll box: zooming
 * resizes the SVG (its viewBox stays the whole layout), so every part stays reachable with the
 * scroll bars or by dragging, and nothing is cropped. Ctrl/⌘ + wheel or the +, −, 1:1 and fit
 * buttons zoom; the point under the pointer stays put.
 */
import { el, svg } from "./dom";

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;

/** How the drawing starts. */
export interface PanZoomOptions {
  /**
   * The least scale of the first view: 1 keeps every label at its size in the layout (11 px and
   * more), and a drawing wider than the output then scrolls; a smaller value lets the first view
   * shrink the drawing to the output's width down to that scale.
   */
  readableScale?: number;
}

export class PanZoom {
  readonly svg: SVGSVGElement;
  readonly content: SVGGElement;
  readonly toolbar: HTMLElement;
  /** The scroll box around the drawing. */
  readonly box: HTMLDivElement;
  private k = 1;
  private width = 1;
  private height = 1;
  private readonly readable: number;
  private drag: { x: number; y: number; left: number; top: number } | null = null;

  constructor(parent: HTMLElement, options: PanZoomOptions = {}) {
    this.readable = Math.min(1, Math.max(MIN_SCALE, options.readableScale ?? MIN_SCALE));
    this.toolbar = el("div", "jp-seqgrad-toolbar");
    for (const [label, title, action] of [
      ["+", "zoom in", () => this.zoomBy(1.25)],
      ["−", "zoom out", () => this.zoomBy(0.8)],
      ["1:1", "actual size", () => this.zoomTo(1)],
      ["fit", "fit the whole drawing", () => this.fit(true)],
    ] as const) {
      const button = el("button", "jp-seqgrad-button", label);
      button.type = "button";
      button.title = title;
      button.addEventListener("click", () => action());
      this.toolbar.appendChild(button);
    }
    this.box = el("div", "jp-seqgrad-scroll");
    this.svg = svg("svg", { class: "jp-seqgrad-svg" });
    this.content = svg("g");
    this.svg.appendChild(this.content);
    this.box.appendChild(this.svg);
    parent.append(this.toolbar, this.box);
    this.svg.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    this.svg.addEventListener("pointerdown", (e) => this.onDown(e));
    this.svg.addEventListener("pointermove", (e) => this.onMove(e));
    this.svg.addEventListener("pointerup", () => (this.drag = null));
    this.svg.addEventListener("pointerleave", () => (this.drag = null));
  }

  /** Sets the drawing's size in layout pixels and shows its first view. */
  setSize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    this.fit(false);
  }

  /**
   * The first view: the output's width, never above 1:1 and never below the readable scale.
   * `whole` (the fit button) shows the whole drawing in the box, however small that makes it.
   */
  fit(whole: boolean): void {
    this.extendToContent();
    const available = this.box.clientWidth > 0 ? this.box.clientWidth : this.width;
    const byWidth = available / this.width;
    const byHeight = this.box.clientHeight > 0 && whole ? this.box.clientHeight / this.height : Infinity;
    this.zoomTo(whole ? Math.min(1, byWidth, byHeight) : Math.max(this.readable, Math.min(1, byWidth)));
  }

  /** The current scale (for tests and labels). */
  get scale(): number {
    return this.k;
  }

  zoomTo(k: number, cx?: number, cy?: number): void {
    this.zoomBy(k / this.k, cx, cy);
  }

  /** Scales by `factor` around the point (cx, cy) of the box (its middle by default). */
  zoomBy(factor: number, cx = this.box.clientWidth / 2, cy = this.box.clientHeight / 2): void {
    const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.k * factor));
    // the layout point under (cx, cy) stays there: scroll' = (scroll + c) k'/k - c
    const left = ((this.box.scrollLeft + cx) * k) / this.k - cx;
    const top = ((this.box.scrollTop + cy) * k) / this.k - cy;
    this.k = k;
    this.svg.setAttribute("width", String(Math.ceil(this.width * k)));
    this.svg.setAttribute("height", String(Math.ceil(this.height * k)));
    this.box.scrollLeft = Math.max(0, left);
    this.box.scrollTop = Math.max(0, top);
  }

  /** Grows the drawing's size to cover what was drawn (labels may reach past the layout box). */
  private extendToContent(): void {
    if (!this.svg.isConnected) return;
    const bbox = this.content.getBBox();
    const width = Math.max(this.width, bbox.x + bbox.width);
    const height = Math.max(this.height, bbox.y + bbox.height);
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
  }

  private onWheel(e: WheelEvent): void {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const rect = this.box.getBoundingClientRect();
    this.zoomBy(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - rect.left, e.clientY - rect.top);
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { x: e.clientX, y: e.clientY, left: this.box.scrollLeft, top: this.box.scrollTop };
  }

  private onMove(e: PointerEvent): void {
    if (this.drag === null || (e.buttons & 1) === 0) return;
    this.box.scrollLeft = this.drag.left - (e.clientX - this.drag.x);
    this.box.scrollTop = this.drag.top - (e.clientY - this.drag.y);
  }
}
