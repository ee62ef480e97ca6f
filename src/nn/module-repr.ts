import type { MimeBundle } from "../tensor/display-hook";
import type { Module } from "./module";
import { summaryHtml, summaryText } from "./module-summary";

/**
 * PyTorch's module summary: `Name(extra)` for a leaf, and for a container the extra lines then one
 * `(name): child` line per submodule, indented by two spaces per level.
 *
 * @example
 * CharLM(
 *   (emb): Embedding(65, 64)
 *   (rnn): LSTM(64, 256, batchFirst=true)
 * )
 */
export function moduleRepr(m: Module): string {
  const extra = m.extraRepr();
  const extraLines = extra === "" ? [] : extra.split("\n");
  const childLines = m.namedChildren().map(([name, child]) => `(${name}): ${indent(moduleRepr(child), 2)}`);
  const lines = [...extraLines, ...childLines];
  let out = `${m.typeName}(`;
  if (lines.length > 0) {
    if (extraLines.length === 1 && childLines.length === 0) out += extraLines[0];
    else out += `\n  ${lines.join("\n  ")}\n`;
  }
  return `${out})`;
}

/**
 * The notebook bundle of a module: the torchinfo-like summary (tree, parameter shapes and counts,
 * total) as an HTML table and as a plain-text table; `toString()` keeps PyTorch's repr.
 */
export function moduleBundle(m: Module): MimeBundle {
  return { "text/html": summaryHtml(m, escapeHtml), "text/plain": summaryText(m) };
}

/** Escapes the five HTML-special characters. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function indent(s: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return s.split("\n").map((line, i) => (i === 0 ? line : pad + line)).join("\n");
}
