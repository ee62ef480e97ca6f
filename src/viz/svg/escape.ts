/** Escaping for text and attribute values placed in SVG/HTML: labels always come out as text. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escapes `&`, `<`, `>`, `"` and `'`, so `<img src=x onerror=alert(1)>` shows as text, and drops
 * characters XML 1.0 forbids (control characters other than tab and newline).
 */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}

/** Shortens `s` to at most `max` characters with an ellipsis (before escaping). */
export function truncateLabel(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}\u2026`;
}
