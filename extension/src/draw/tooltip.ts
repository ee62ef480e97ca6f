/** A hover box of plain-text lines, positioned next to the pointer inside a figure. */
import { el } from "./dom";

export class Tooltip {
  readonly node: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.node = el("div", "jp-seqgrad-tooltip");
    this.node.hidden = true;
    parent.appendChild(this.node);
  }

  /** Shows `lines` near the pointer event's position (relative to the tooltip's parent). */
  show(lines: readonly string[], event: MouseEvent): void {
    this.node.replaceChildren(...lines.map((line, i) => el("div", i === 0 ? "jp-seqgrad-tooltip-title" : "", line)));
    this.node.hidden = false;
    const parent = this.node.parentElement;
    if (parent === null) return;
    const box = parent.getBoundingClientRect();
    const x = event.clientX - box.left + 14;
    const y = event.clientY - box.top + 14;
    const maxX = Math.max(0, parent.clientWidth - this.node.offsetWidth - 4);
    this.node.style.left = `${Math.min(x, maxX)}px`;
    this.node.style.top = `${y}px`;
  }

  hide(): void {
    this.node.hidden = true;
  }
}
