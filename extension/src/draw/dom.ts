/**
 * DOM helpers that only ever set text (`textContent`), never HTML, so payload strings such as
 * `<img src=x onerror=...>` show as text and run nothing.
 */

/** An HTML element with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== "") node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** An SVG element with attributes. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/** The readable error box shown in place of a figure. */
export function errorBox(title: string, message: string): HTMLElement {
  const box = el("div", "jp-seqgrad-error");
  box.setAttribute("role", "alert");
  box.append(el("div", "jp-seqgrad-error-title", title), el("pre", "jp-seqgrad-error-message", message));
  return box;
}

/** A header line above a figure: a title and muted details. */
export function header(title: string, details: string): HTMLElement {
  const node = el("div", "jp-seqgrad-header");
  node.append(el("span", "jp-seqgrad-title", title), el("span", "jp-seqgrad-details", details));
  return node;
}

/**
 * The heading the library wrote for a figure: the title and under it the subtitle, centred as the
 * static SVG prints them (over the drawing's `width` when the drawing has a fixed size).
 */
export function heading(title: string, subtitle: string, fontFamily: string, width?: number): HTMLElement {
  const node = el("div", "jp-seqgrad-heading");
  if (width !== undefined) node.style.maxWidth = `${Math.ceil(width)}px`;
  node.style.fontFamily = fontFamily;
  if (title.length > 0) node.appendChild(el("div", "jp-seqgrad-heading-title", title));
  if (subtitle.length > 0) node.appendChild(el("div", "jp-seqgrad-heading-subtitle", subtitle));
  return node;
}
