/**
 * A minimal SVG string builder: elements are strings, attribute values and text are escaped, and
 * coordinates are rounded to two decimals to keep figures small.
 */
import { escapeXml } from "./escape";
import { INK, TEXT_ROLES, type TextRoleName } from "../payloads/style";

/** Attribute values; undefined attributes are left out. */
export type Attrs = Record<string, string | number | undefined>;

/** A coordinate with at most two decimals (`12.35`, `4`). */
export function coord(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

function attrString(attrs: Attrs): string {
  let out = "";
  for (const key of Object.keys(attrs)) {
    const v = attrs[key];
    if (v === undefined) continue;
    out += ` ${key}="${typeof v === "number" ? coord(v) : escapeXml(v)}"`;
  }
  return out;
}

/** `<tag attrs>children</tag>`, or `<tag attrs/>` without children. Children are SVG already. */
export function el(tag: string, attrs: Attrs, children?: string | readonly string[]): string {
  const inner = children === undefined ? "" : typeof children === "string" ? children : children.join("");
  return inner.length === 0 ? `<${tag}${attrString(attrs)}/>` : `<${tag}${attrString(attrs)}>${inner}</${tag}>`;
}

/** A `<text>` element whose content is escaped: labels never become markup. */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return `<text${attrString({ x, y, ...attrs })}>${escapeXml(content)}</text>`;
}

/** A `<title>` child: the browser's tooltip on hover, escaped. */
export function tooltip(content: string): string {
  return `<title>${escapeXml(content)}</title>`;
}

/** `<polyline>` through the points. */
export function polyline(points: ReadonlyArray<readonly [number, number]>, attrs: Attrs): string {
  const pts = points.map(([x, y]) => `${coord(x)},${coord(y)}`).join(" ");
  return el("polyline", { points: pts, fill: "none", ...attrs });
}

/** The attributes that print a text in role `role` (size, weight, ink) in the static drawing. */
export function role(name: TextRoleName): Attrs {
  const r = TEXT_ROLES[name];
  return { "font-size": r.size, "font-weight": r.weight === 400 ? undefined : String(r.weight), fill: INK[r.ink] };
}
