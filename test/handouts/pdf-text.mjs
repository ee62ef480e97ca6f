// What a printed handout must not show: TeX source (math MathJax did not typeset) or MathJax's
// status messages. Reads the PDF's text with pdftotext (Debian poppler-utils).
import { spawnSync } from "node:child_process";

export const FORBIDDEN_IN_PDF = ["\\frac", "\\lVert", "\\begin", "$$", "Processing math", "Loading [MathJax]"];

/** The text of a PDF, pages separated by form feeds. */
export function pdfText(path) {
  const run = spawnSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.error || run.status !== 0) throw new Error(`pdftotext ${path} failed: ${run.error?.message ?? run.stderr}`);
  return run.stdout;
}

/** The forbidden strings found in `text`, with a little context. */
export function forbiddenIn(text) {
  return FORBIDDEN_IN_PDF.filter((s) => text.includes(s)).map((s) => {
    const at = text.indexOf(s);
    return `"${s}" in "${text.slice(Math.max(0, at - 30), at + 40).replace(/\s+/g, " ")}"`;
  });
}

/** Text without any whitespace, for finding code whose lines the PDF wrapped. */
export const squeeze = (text) => text.replace(/\s+/g, "");
