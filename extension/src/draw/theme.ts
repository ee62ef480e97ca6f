/**
 * The JupyterLab theme as colours for figures. Values come from JupyterLab's CSS variables on the
 * output node, so light, dark and custom themes all work; fallbacks apply outside JupyterLab.
 */

import { FONT_FAMILY, TEXT_ROLES, type TextRoleName } from "seqgrad/payloads";

/** Colours and font of the current theme (the font is the figures' own, as in the static drawing). */
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
    font: FONT_FAMILY,
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

/** The plotly font of text role `name` (size, weight, and the theme's ink of that name). */
export function roleFont(theme: Theme, name: TextRoleName): { family: string; size: number; weight: number; color: string } {
  const r = TEXT_ROLES[name];
  return { family: theme.font, size: r.size, weight: r.weight, color: r.ink === "text" ? theme.text : theme.muted };
}
