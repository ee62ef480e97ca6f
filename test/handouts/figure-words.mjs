// Figure words a printed handout holds in its HTML but does not print. Chromium leaves text that
// is clipped away out of the PDF, so a figure cut at the edge of a box narrower than itself loses
// the words past the cut from the PDF's text.
import { readFileSync } from "node:fs";

/**
 * The texts of the handout's figures (the level `<text>` of each static SVG in `htmlPath`) that its
 * PDF prints fewer times than the figures hold them, as `"text" printed of expected times`;
 * `pdfText` is the PDF's text as pdftotext -layout gives it (pdf-text.mjs).
 */
export function missingFigureWords(htmlPath, pdfText) {
  // pdftotext leaves rotated words out of its reading order, so only level text is counted
  const texts = [...readFileSync(htmlPath, "utf8").matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)]
    .filter((m) => !/transform="[^"]*rotate/.test(m[1])).map((m) => decodeEntities(m[2]).trim()).filter((t) => t !== "");
  // a one-word text is counted among the PDF's words; a longer one, whose spacing pdftotext
  // may change, among the PDF's text with all whitespace taken out
  const words = countWords(pdfText);
  const squeezed = pdfText.replace(/\s+/g, "");
  const expected = countWords(texts.map((t) => t.replace(/\s+/g, /\s/.test(t) ? "" : " ")).join(" "));
  const single = new Set(texts.filter((t) => !/\s/.test(t)));
  const printed = (text) => (single.has(text) ? words.get(text) ?? 0 : squeezed.split(text).length - 1);
  return [...expected].filter(([text, n]) => printed(text) < n).map(([text, n]) => `"${text}" ${printed(text)} of ${n} times`);
}

function countWords(text) {
  const counts = new Map();
  for (const word of text.split(/\s+/)) if (word !== "") counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e) => {
    const named = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[e.toLowerCase()];
    if (named !== undefined) return named;
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}
