/**
 * Zoom and pan for an SVG drawing laid out in pixels: drag to pan, Ctrl/⌘ + wheel (or the +, −
 * and fit buttons) to zoom around the pointer. The view transform is p' = k p + t.
 */
import { el, svg } from "./dom";

const MIN_SCALE = 0.05;
const MAX_SCALE = 8;
const MAX_HEIGHT = 560;
const PADDING = 8;

export class PanZoom {
  readonly svg: SVGSVGElement;
  readonly content: SVGGElement;
  readonly toolbar: HTMLElement;
  private k = 1;
  private tx = 0;
  private ty = 0;
  private width = 1;
  private height = 1;
  private drag: { x: number; y: number; tx: number; ty: number } | null = null;

  constructor(parent: HTMLElement) {
    this.toolbar = el("div", "jp-seqgrad-toolbar");
    for (const [label, title, action] of [
      ["+", "zoom in", () => this.zoomBy(1.25)],
      ["−", "zoom out", () => this.zoomBy(0.8)],
      ["fit", "fit to width", () => this.fit()],
    ] as const) {
      const button = el("button", "jp-seqgrad-button", label);
      button.type = "button";
      button.title = title;
      button.addEventListener("click", action);
      this.toolbar.appendChild(button);
    }
    this.svg = svg("svg", { class: "jp-seqgrad-svg", width: "100%" });
    this.content = svg("g");
    this.svg.appendChild(this.content);
    parent.append(this.toolbar, this.svg);
    this.svg.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    this.svg.addEventListener("pointerdown", (e) => this.onDown(e));
    this.svg.addEventListener("pointermove", (e) => this.onMove(e));
    this.svg.addEventListener("pointerup", () => (this.drag = null));
    this.svg.addEventListener("pointerleave", () => (this.drag = null));
  }

  /** Sets the drawing's size in layout pixels and fits it. */
  setSize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.fit();
  }

  /** Scales the drawing to the available width (never above 1:1) and a bounded height. */
  fit(): void {
    this.extendToContent();
    const available = this.svg.parentElement?.clientWidth ?? this.width;
    const k = Math.min(1, (available > 0 ? available : this.width) / this.width, MAX_HEIGHT / this.height);
    this.k = Math.max(MIN_SCALE, k);
    this.tx = 0;
    this.ty = 0;
    this.svg.setAttribute("height", String(Math.ceil(this.height * this.k) + 2));
    this.apply();
  }

  /** The current scale (for tests and labels). */
  get scale(): number {
    return this.k;
  }

  zoomBy(factor: number, cx = 0, cy = 0): void {
    const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, this.k * factor));
    // Keep the point under (cx, cy) fixed: t' = c - (c - t) k'/k.
    this.tx = cx - ((cx - this.tx) * k) / this.k;
    this.ty = cy - ((cy - this.ty) * k) / this.k;
    this.k = k;
    this.apply();
  }

  /** Grows the drawing's size to cover what was drawn (labels may reach past the layout box). */
  private extendToContent(): void {
    if (!this.svg.isConnected) return;
    const box = this.content.getBBox();
    this.width = Math.max(this.width, box.x + box.width + PADDING);
    this.height = Math.max(this.height, box.y + box.height + PADDING);
  }

  private apply(): void {
    this.content.setAttribute("transform", `translate(${this.tx.toFixed(2)},${this.ty.toFixed(2)}) scale(${this.k.toFixed(4)})`);
  }

  private onWheel(e: WheelEvent): void {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const box = this.svg.getBoundingClientRect();
    this.zoomBy(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - box.left, e.clientY - box.top);
  }

  private onDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { x: e.clientX, y: e.clientY, tx: this.tx, ty: this.ty };
  }

  private onMove(e: PointerEvent): void {
    if (this.drag === null || (e.buttons & 1) === 0) return;
    this.tx = this.drag.tx + e.clientX - this.drag.x;
    this.ty = this.drag.ty + e.clientY - this.drag.y;
    this.apply();
  }
}
