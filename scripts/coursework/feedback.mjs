// The feedback page of one student: points per notebook and exercise, why points were lost, and
// for each exercise the student's answer and what its check printed. Self-contained HTML.
import { gradeId, isGrade, isSolution, sourceOf } from "./nbgrader.mjs";

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const STYLE = `body { font: 15px/1.45 system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1em; } td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
td.num { text-align: right; } tr.lost td { background: #fff3f0; } pre { background: #f6f6f6; padding: 0.6em; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { color: #a33; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }`;

/** `reports`: [{ notebook, rows: [{ exercise, points, max, reason }], nb (executed), notes }]. */
export function feedbackHtml(student, reports) {
  const total = reports.flatMap((r) => r.rows).reduce((s, row) => s + row.points, 0);
  const max = reports.flatMap((r) => r.rows).reduce((s, row) => s + row.max, 0);
  const parts = [`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Feedback for ${escape(student)}</title><style>${STYLE}</style></head><body>`,
    `<h1>Feedback for ${escape(student)}</h1>`, `<p><strong>${total} of ${max} points</strong></p>`];
  for (const report of reports) {
    parts.push(`<h2>${escape(report.notebook)}</h2>`);
    if (report.problem) parts.push(`<p class="note">${escape(report.problem)}</p>`);
    parts.push("<table><tr><th>exercise</th><th>points</th><th>of</th><th>why points were lost</th></tr>");
    for (const row of report.rows) {
      parts.push(`<tr${row.points < row.max ? ' class="lost"' : ""}><td>${escape(row.exercise)}</td><td class="num">${row.points}</td><td class="num">${row.max}</td><td>${escape(row.reason)}</td></tr>`);
    }
    parts.push("</table>");
    if (report.nb) parts.push(...exerciseDetails(report.nb));
  }
  parts.push("</body></html>");
  return parts.join("\n");
}

/** For each exercise: the answer cell's code and the check cell's printed output. */
function exerciseDetails(nb) {
  const parts = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    if (isSolution(cell)) parts.push(`<h3>${escape(gradeId(cell))}</h3><pre>${escape(sourceOf(cell))}</pre>`);
    if (isGrade(cell)) parts.push(`<p>Check ${escape(gradeId(cell))} printed:</p><pre>${escape(outputText(cell) || "(nothing)")}</pre>`);
  }
  return parts;
}

function outputText(cell) {
  return (cell.outputs ?? []).map((o) => {
    const text = (v) => (Array.isArray(v) ? v.join("") : (v ?? ""));
    if (o.output_type === "stream") return text(o.text);
    if (o.output_type === "error") return `${o.ename}: ${o.evalue}`;
    return text(o.data?.["text/plain"]);
  }).join("").trim();
}
