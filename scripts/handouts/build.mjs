// Writes the handouts of executed notebooks: handouts/instructor/ (answers and hidden tests shown)
// and handouts/student/ (solutions replaced by a failing stub, hidden tests removed, no outputs of
// answer or check cells), each as ipynb, HTML and PDF. The HTML comes from nbconvert with the
// handout template (template/handout), figures drawn as vector SVG from their payloads (figures.mjs);
// MathJax is copied next to it from the npm package.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { studentVersion } from "../coursework/nbgrader.mjs";
import { withCover } from "./cover.mjs";
import { withVectorFigures } from "./figures.mjs";
import { launchChromium, printPdf } from "./pdf.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(import.meta.url);
export const EDITIONS = ["instructor", "student"];
/** How many handouts Chromium prints at a time (each in its own context, a renderer process each). */
const PRINTING_AT_ONCE = 2;
export const MATHJAX = require.resolve("mathjax-full/es5/tex-svg-full.js");

/**
 * Makes both editions of every notebook in `executed` (paths of executed instructor notebooks)
 * under `outDir`; returns the written files as { edition, stem, ipynb, html, pdf, inspected }.
 * `inspect(page, file)`, when given, looks at each typeset page before it is printed (the tests).
 */
export async function buildHandouts(executed, outDir, { python = "/usr/bin/python3", log = console.log, inspect } = {}) {
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const staging = join(outDir, ".staging");
  const written = [];
  const conversions = [];
  for (const edition of EDITIONS) {
    const dir = join(outDir, edition);
    mkdirSync(join(dir, "assets", "mathjax"), { recursive: true });
    mkdirSync(join(staging, edition), { recursive: true });
    copyFileSync(MATHJAX, join(dir, "assets", "mathjax", "tex-svg-full.js"));
    const covered = [];
    for (const path of executed) {
      const stem = basename(path, ".ipynb");
      const source = JSON.parse(readFileSync(path, "utf8"));
      const nb = edition === "student" ? studentVersion(source) : source;
      const ipynb = join(dir, `${stem}.ipynb`);
      writeFileSync(ipynb, `${JSON.stringify(nb, null, 1)}\n`);
      const withCoverPath = join(staging, edition, `${stem}.ipynb`);
      writeFileSync(withCoverPath, JSON.stringify(withVectorFigures(withCover(nb, { edition, version }))));
      covered.push(withCoverPath);
      written.push({ edition, stem, ipynb, html: join(dir, `${stem}.html`), pdf: join(dir, `${stem}.pdf`) });
    }
    conversions.push(toHtml(python, covered, dir));
  }
  // both editions convert at once, and Chromium starts meanwhile
  const [launched, ...converted] = await Promise.allSettled([launchChromium(), ...conversions]);
  rmSync(staging, { recursive: true, force: true });
  const failure = [launched, ...converted].find((r) => r.status === "rejected");
  if (failure !== undefined) {
    if (launched.status === "fulfilled") await launched.value.close();
    throw failure.reason;
  }
  const browser = launched.value;
  try {
    let next = 0;
    const printer = async () => {
      while (next < written.length) {
        const file = written[next++];
        file.inspected = await printPdf(browser, file.html, file.pdf, inspect && ((page) => inspect(page, file)));
        log(`wrote ${file.edition}/${file.stem}.{ipynb,html,pdf}`);
      }
    };
    await Promise.all(Array.from({ length: PRINTING_AT_ONCE }, printer));
  } finally {
    await browser.close();
  }
  return written;
}

/** Converts notebooks to HTML in `outDir` with the handout template (one nbconvert process). */
function toHtml(python, notebooks, outDir) {
  const args = ["-m", "nbconvert", "--to", "html", `--TemplateExporter.extra_template_basedirs=${join(here, "template")}`,
    "--template", "handout", "--output-dir", outDir, ...notebooks];
  return new Promise((done, failed) => {
    const child = spawn(python, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (b) => {
      stderr += b;
    });
    child.on("error", failed);
    child.on("close", (status) => (status === 0 ? done() : failed(new Error(`nbconvert failed: ${stderr.slice(-800)}`))));
  });
}
