/** Text for plotly's labels, which treat a few HTML tags as markup. */

/**
 * Escapes a string for plotly's text fields (ticks, hover, titles). plotly turns a few HTML tags
 * in text into SVG tspans; escaping `&`, `<` and `>` makes payload strings show literally.
 */
export function plotlyText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
