// Pages of a printed handout left mostly empty. A page on which the text stops in its top quarter,
// although the page after it has the same size (no change to or from a landscape page forced the
// break), means a block was moved whole to the next page and left the rest of this one blank; a
// page with no text at all is blank. Reads word boxes with pdftotext -bbox (Debian poppler-utils).
import { spawnSync } from "node:child_process";

/** The least share of a page's height its text must reach, unless the page is the last one. */
export const MIN_PAGE_FILL = 0.25;

/** Problems (strings) for the nearly empty and blank pages of the PDF at `pdfPath`. */
export function emptyPages(pdfPath) {
  const run = spawnSync("pdftotext", ["-bbox", pdfPath, "-"], { encoding: "utf8", maxBuffer: 1 << 27 });
  if (run.status !== 0) throw new Error(`pdftotext -bbox ${pdfPath} failed: ${run.stderr}`);
  const pages = run.stdout.split("<page ").slice(1).map((page) => {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const bottoms = [...page.matchAll(/yMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    return { width: Number(size[1]), height: Number(size[2]), fill: bottoms.length === 0 ? 0 : Math.max(...bottoms) / Number(size[2]) };
  });
  const problems = [];
  pages.forEach((page, i) => {
    const next = pages[i + 1];
    if (page.fill === 0) problems.push(`page ${i + 1} of ${pages.length} is blank`);
    else if (next !== undefined && next.width === page.width && page.fill < MIN_PAGE_FILL) {
      problems.push(`page ${i + 1} of ${pages.length} is nearly empty (its text stops at ${(100 * page.fill).toFixed(0)}% of the page)`);
    }
  });
  return problems;
}
