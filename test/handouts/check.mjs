// `npm run test:handouts`: makes the student and instructor handouts of the notebooks executed by
// `test:notebooks` (test-artifacts/executed/, quick mode) with the handout pipeline, into
// test-artifacts/handouts/{instructor,student}/, and checks each one:
// - the PDF text (pdftotext) holds no TeX source and no MathJax status message, and its first
//   page carries the cover (title, edition, seqgrad version), whose title and topics hold no
//   markdown marks;
// - the HTML, opened with every request outside its folder refused (the build fails otherwise),
//   typesets its math, shows its figures from their SVG, and in print media no code block or
//   equation is wider than its box, and no figure text prints smaller than 7 pt;
// - the PDF prints every word of every figure (none cut off at the edge of a box), and no page
//   but the last is blank or nearly empty unless a change of page size forced its break;
// - a student version holds none of the solution or hidden-test lines of its instructor version,
//   and a stub in place of each solution.
// Then nbconvert's own markdown and LaTeX exporters convert the executed notebooks
// (test-artifacts/handouts/exports/): every figure output is an image file that exists and
// decodes, and the markdown holds no inline <svg> (exports.mjs).
// Prints `N passed, N failed`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CODE_STUB, sourceOf } from "../../scripts/coursework/nbgrader.mjs";
import { buildHandouts } from "../../scripts/handouts/build.mjs";
import { checkExports } from "./exports.mjs";
import { missingFigureWords } from "./figure-words.mjs";
import { secretLines } from "./leaks.mjs";
import { inspectPage, MIN_FIGURE_TEXT_PT } from "./page-checks.mjs";
import { emptyPages } from "./page-fill.mjs";
import { forbiddenIn, pdfText, squeeze } from "./pdf-text.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const executed = join(root, "test-artifacts", "executed");
const out = join(root, "test-artifacts", "handouts");
const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const SEQGRAD_MIME = /^application\/vnd\.seqgrad\.[a-z]+\.v\d+\+json$/;
let passed = 0;
let failed = 0;

// `node test/handouts/check.mjs NAME ...` checks only the notebooks whose file name contains a NAME
const names = process.argv.slice(2);
const notebooks = existsSync(executed)
  ? readdirSync(executed).filter((f) => f.endsWith(".ipynb") && (names.length === 0 || names.some((n) => f.includes(n)))).sort()
  : [];
if (notebooks.length === 0) {
  console.error("test:handouts: no executed notebooks in test-artifacts/executed; run npm run test:notebooks first");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "png"), { recursive: true });
const started = Date.now();
const inspect = (page, file) => inspectPage(page, expectations(file)).catch((error) => ({ problems: [String(error)] }));
const written = await buildHandouts(notebooks.map((f) => join(executed, f)), out, { log: () => undefined, inspect });
console.log(`built and inspected ${written.length} handouts in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const file of written) {
  const problems = [];
  try {
    problems.push(...checkOne(file));
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (problems.length === 0) passed++;
  else failed++;
  console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${file.edition}/${file.stem}${problems.map((p) => `\n     ${p}`).join("")}`);
}
for (const format of ["markdown", "latex"]) {
  for (const result of checkExports(notebooks.map((f) => join(executed, f)), format, join(out, "exports", format))) {
    if (result.problems.length === 0) passed++;
    else failed++;
    const head = `${result.problems.length === 0 ? "ok  " : "FAIL"} ${format}/${result.stem}: ${result.figures} figures, ${result.images} image files`;
    console.log(`${head}${result.problems.map((p) => `\n     ${p}`).join("")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** What the page of `file` must show: its figure outputs, and math if its markdown has some. */
function expectations(file) {
  const nb = JSON.parse(readFileSync(file.ipynb, "utf8"));
  const figures = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => Object.keys(o.data ?? {}).some((m) => SEQGRAD_MIME.test(m))).length;
  const hasMath = nb.cells.some((c) => c.cell_type === "markdown" && /\$[^$]+\$/.test(sourceOf(c)));
  return { figures, hasMath };
}

function checkOne(file) {
  const problems = [...file.inspected.problems];
  const nb = JSON.parse(readFileSync(file.ipynb, "utf8"));
  const text = pdfText(file.pdf);
  problems.push(...forbiddenIn(text).map((f) => `PDF shows ${f}`));
  const cut = missingFigureWords(file.html, text);
  if (cut.length > 0) problems.push(`figure text cut off in the PDF: ${cut.slice(0, 8).join(", ")}${cut.length > 8 ? ", ..." : ""}`);
  problems.push(...emptyPages(file.pdf));
  const firstPage = text.split("\f")[0];
  for (const expected of [`${file.edition} version`, `seqgrad ${version}`]) {
    if (!firstPage.includes(expected)) problems.push(`the first page lacks "${expected}"`);
  }
  const html = readFileSync(file.html, "utf8");
  if (/file:\/\//.test(html)) problems.push("the HTML names a file:// URL");
  const cover = (/<header class="handout-cover">([\s\S]*?)<\/header>/.exec(html)?.[1] ?? "").replace(/<[^>]*>/g, " ").replace(/\$[^$]*\$/g, "");
  const marks = cover.match(/`|\*|(^|\s)_\S/g);
  if (marks !== null) problems.push(`the cover prints markdown marks (${[...new Set(marks.map((m) => m.trim()))].join(" ")}) in "${cover.replace(/\s+/g, " ").trim().slice(0, 200)}"`);
  const page = file.inspected;
  const { figures } = expectations(file);
  const pages = text.split("\f").length - 1;
  const smallest = Number.isFinite(page.smallestFigureTextPt) ? `, smallest figure text ${page.smallestFigureTextPt.toFixed(1)} pt` : "";
  console.log(`     ${file.edition}/${file.stem}: ${pages} pages, ${page.mathContainers} equations, ${figures} figures, ${page.blocks} code blocks${smallest}`);
  if (page.smallestFigureTextPt < MIN_FIGURE_TEXT_PT) problems.push(`figure text prints at ${page.smallestFigureTextPt.toFixed(1)} pt; expected at least ${MIN_FIGURE_TEXT_PT} pt`);
  if (file.edition === "student") problems.push(...studentLeaks(file, nb, text));
  spawnSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", file.pdf, join(out, "png", `${file.edition}-${file.stem}`)]);
  return problems;
}

/** Solution and hidden-test lines of the instructor version found in the student version. */
function studentLeaks(file, studentNb, studentPdfText) {
  const instructor = JSON.parse(readFileSync(join(out, "instructor", `${file.stem}.ipynb`), "utf8"));
  const sources = studentNb.cells.map(sourceOf).join("\n");
  const pdf = squeeze(studentPdfText);
  const problems = [];
  for (const line of secretLines(instructor)) {
    if (sources.includes(line)) problems.push(`student ipynb holds the solution line "${line}"`);
    else if (pdf.includes(squeeze(line))) problems.push(`student PDF holds the solution line "${line}"`);
  }
  for (const marker of ["BEGIN SOLUTION", "BEGIN HIDDEN TESTS"]) {
    if (sources.includes(marker)) problems.push(`student ipynb holds "${marker}"`);
  }
  const regions = instructor.cells.map(sourceOf).join("\n").split("// BEGIN SOLUTION").length - 1;
  const stubs = sources.split(CODE_STUB.split("\n")[1]).length - 1;
  if (stubs !== regions) problems.push(`expected ${regions} stubs in place of the solutions; got ${stubs}`);
  return problems;
}
