/**
 * The JupyterLab theme as colours for figures. Values come from JupyterLab's CSS variables on the
 * output node, so light, dark and custom themes all work; fallbacks apply outside JupyterLab.
 */

/** Colours and font of the current theme. */
export interface Theme {
  dark: boolean;
  font: string;
  text: string;
  muted: string;
  grid: string;
  border: string;
  background: string;
  panel: string;
  accent: string;
  error: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const value = style.getPropertyValue(name).trim();
  return value === "" ? fallback : value;
}

/** Reads the theme that applies at `node`. */
export function readTheme(node: HTMLElement): Theme {
  const style = getComputedStyle(node);
  const dark = document.body.dataset.jpThemeLight === "false";
  return {
    dark,
    font: cssVar(style, "--jp-ui-font-family", "system-ui, sans-serif"),
    text: cssVar(style, "--jp-ui-font-color1", dark ? "#e0e0e0" : "#212121"),
    muted: cssVar(style, "--jp-ui-font-color2", dark ? "#9e9e9e" : "#616161"),
    grid: cssVar(style, "--jp-border-color2", dark ? "#424242" : "#e0e0e0"),
    border: cssVar(style, "--jp-border-color1", dark ? "#616161" : "#bdbdbd"),
    background: cssVar(style, "--jp-layout-color0", dark ? "#111111" : "#ffffff"),
    panel: cssVar(style, "--jp-layout-color2", dark ? "#2a2a2a" : "#eeeeee"),
    accent: cssVar(style, "--jp-brand-color1", "#1976d2"),
    error: cssVar(style, "--jp-error-color1", "#d32f2f"),
  };
}

/**
 * Calls `onChange` whenever JupyterLab switches theme (it sets `data-jp-theme-*` on the body once
 * the new theme's CSS is loaded). Returns the function that stops watching.
 */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"] });
  return () => observer.disconnect();
}

/** Series colours that read well on light and dark backgrounds (Okabe-Ito, colour-blind safe). */
export const SERIES_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999"];

/** The colour of series `i`. */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] ?? "#0072B2";
}
