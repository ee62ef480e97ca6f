/**
 * The course notebooks' own figures, side by side: each payload a notebook made (of each notebook,
 * the largest of each figure kind, kept in fixtures/notebook-figures.json by
 * scripts/notebook-figures.mjs) drawn by the lab renderer and by the static SVG, compared as the
 * side-by-side test compares the library's hard cases (compare.mjs). With `notebooks-all`, every
 * figure of the executed notebooks in test-artifacts/executed instead (after `npm run
 * test:notebooks`). Screenshots in test-artifacts/browser/notebooks/.
 */
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, Suite, check } from "./harness.mjs";
import { compareFigure, openComparePage } from "./compare.mjs";
import { EXECUTED, FIXTURE, notebookFigures } from "../../scripts/notebook-figures.mjs";

const require = createRequire(import.meta.url);
const { viz } = require("./library-figures.cjs");

const OUT = join(ARTIFACTS, "notebooks");

/** The figures to compare: the fixture's, or with `all` every figure of the executed notebooks. */
function figures(all) {
  if (all) {
    if (!existsSync(EXECUTED)) throw new Error(`notebook gallery: no executed notebooks; expected ${EXECUTED}, got nothing (run npm run test:notebooks)`);
    return notebookFigures(EXECUTED);
  }
  return JSON.parse(readFileSync(FIXTURE, "utf8"));
}

export async function runNotebookGallery(browser, { all = false } = {}) {
  const suite = new Suite("notebook gallery");
  const list = figures(all);
  console.log(`notebook gallery (${list.length} figures of ${new Set(list.map((f) => f.notebook)).size} notebooks; lab renderer | static SVG)`);
  mkdirSync(OUT, { recursive: true });
  const { page, close } = await openComparePage(browser);
  for (const f of list) {
    await suite.test(`${f.name}: the lab and the static SVG draw the same figure`, () => {
      // a stale fixture (a payload's fields changed since it was written) says how to renew it
      const checked = tryPayload(f);
      check(checked === null, `${f.name}: ${checked}; renew the fixture with scripts/notebook-figures.mjs`);
      return compareFigure(page, viz, f.name, { [f.mime]: f.payload }, join(OUT, `${f.name}.png`));
    });
  }
  await close();
  return suite;
}

/** Null when the payload validates, else the validator's message. */
function tryPayload(f) {
  try {
    viz.fromPayload(f.mime, f.payload);
    return null;
  } catch (error) {
    return String(error.message ?? error);
  }
}
