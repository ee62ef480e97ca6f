/**
 * The module summary notebooks display, like torchinfo's: the tree of submodules with each one's
 * type and settings, the shapes of its own parameters and the parameter count of its subtree, then
 * the total. The same rows make the `text/plain` table and the `text/html` table.
 *
 * @example
 * Module                                   Parameters                  Param #
 * CharLM                                                               350,593
 * ├─ emb: Embedding(65, 64)                weight [65, 64]               4,160
 * └─ rnn: LSTM(64, 256, batchFirst=true)   weight_ih_l0 [1024, 64]     329,728
 *                                          ...
 * Total parameters: 350,593 (trainable 350,593)
 */
import type { Module } from "./module";

/** One row of the summary: a module in the tree. */
export interface SummaryRow {
  /** Tree prefix and label, e.g. `├─ rnn: LSTM(64, 256)`. */
  label: string;
  /** `name [shape]` of each direct parameter. */
  parameters: string[];
  /** Parameters in this module's subtree (each tensor once). */
  count: number;
}

/** The rows of `m`'s summary, depth first. */
export function summaryRows(m: Module): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const visit = (module: Module, name: string, prefix: string, last: boolean, depth: number): void => {
    const branch = depth === 0 ? "" : `${prefix}${last ? "└─ " : "├─ "}`;
    const type = typeLabel(module);
    rows.push({
      label: `${branch}${name === "" ? type : `${name}: ${type}`}`,
      parameters: module.namedDirectParameters().map(([n, p]) => `${n} [${p.shape.join(", ")}]`),
      count: module.numParameters(),
    });
    const children = module.namedChildren();
    const next = depth === 0 ? "" : `${prefix}${last ? "   " : "│  "}`;
    children.forEach(([child, sub], i) => visit(sub, child, next, i === children.length - 1, depth + 1));
  };
  visit(m, "", "", true, 0);
  return rows;
}

/** `LSTM(64, 256, batchFirst=true)`: the type with its one-line settings. */
function typeLabel(m: Module): string {
  const extra = m.extraRepr();
  return extra === "" || extra.includes("\n") ? m.typeName : `${m.typeName}(${extra})`;
}

/** The total line: `Total parameters: 1,234 (trainable 1,234)`. */
export function totalLine(m: Module): string {
  return `Total parameters: ${m.numParameters().toLocaleString("en-US")} (trainable ${m.numParameters(true).toLocaleString("en-US")})`;
}

/** The summary as a plain-text table. */
export function summaryText(m: Module): string {
  const rows = summaryRows(m);
  const labelW = Math.max(6, ...rows.map((r) => r.label.length)) + 3;
  const paramW = Math.max(10, ...rows.flatMap((r) => r.parameters.map((p) => p.length))) + 3;
  const counts = rows.map((r) => r.count.toLocaleString("en-US"));
  const countW = Math.max(7, ...counts.map((c) => c.length));
  const lines = [`${"Module".padEnd(labelW)}${"Parameters".padEnd(paramW)}${"Param #".padStart(countW)}`];
  rows.forEach((r, i) => {
    const params = r.parameters.length === 0 ? [""] : r.parameters;
    // continuation lines keep the tree's vertical bars
    const cont = r.label.replace(/[├└]─ .*$/, (s) => (s.startsWith("├") ? "│" : " ")).replace(/[^│ ].*$/, "");
    params.forEach((p, k) => {
      const left = k === 0 ? r.label : cont;
      lines.push(`${left.padEnd(labelW)}${p.padEnd(paramW)}${k === 0 ? (counts[i] ?? "").padStart(countW) : ""}`.trimEnd());
    });
  });
  const rule = "=".repeat(labelW + paramW + countW);
  return [lines[0] ?? "", rule, ...lines.slice(1), rule, totalLine(m)].join("\n");
}

/** The summary as an HTML table (every string escaped). */
export function summaryHtml(m: Module, escape: (s: string) => string): string {
  const cell = "padding:1px 10px;text-align:left;vertical-align:top";
  const num = "padding:1px 10px;text-align:right;vertical-align:top";
  const rows = summaryRows(m).map((r) =>
    `<tr><td style="${cell};white-space:pre;font-family:monospace">${escape(r.label)}</td>` +
    `<td style="${cell};font-family:monospace">${r.parameters.map(escape).join("<br>")}</td>` +
    `<td style="${num}">${r.count.toLocaleString("en-US")}</td></tr>`,
  );
  const head = `<tr><th style="${cell}">Module</th><th style="${cell}">Parameters</th><th style="${num}">Param #</th></tr>`;
  const foot = `<tr><td colspan="3" style="${cell};border-top:1px solid #999;font-weight:600">${escape(totalLine(m))}</td></tr>`;
  return `<table class="seqgrad-module-summary" style="border-collapse:collapse;font-size:12px">${head}${rows.join("")}${foot}</table>`;
}
