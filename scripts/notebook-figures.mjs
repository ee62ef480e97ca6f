// The figures of the course notebooks, for the browser gallery (test/browser/notebook-gallery.mjs).
//   node scripts/notebook-figures.mjs [DIR]   reads the executed notebooks in DIR (default
//       test-artifacts/executed, written by `npm run test:notebooks`) and writes
//       test/browser/fixtures/notebook-figures.json: of each notebook, the largest payload of each
//       figure kind (the hardest to draw), with the cell it came from.
// Run it again after a payload's fields change (the gallery then reports the payloads as invalid):
// `npm run build && npm run test:notebooks` (or scripts/execute_notebook.py on a few notebooks), then
// this script.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SEQGRAD = /^application\/vnd\.seqgrad\.([a-z]+)\.v1\+json$/;

/** The fixture the gallery reads. */
export const FIXTURE = join(root, "test", "browser", "fixtures", "notebook-figures.json");
/** Where `npm run test:notebooks` keeps the executed notebooks. */
export const EXECUTED = join(root, "test-artifacts", "executed");

/**
 * Every seqgrad figure of the executed notebooks in `dir`, in notebook and cell order:
 * `{ name, notebook, cell, kind, mime, payload }` (`name` e.g. `02-vanilla-rnn-c14-unrolled`). A live
 * display updated in place keeps its last state (the notebook stores that one).
 */
export function notebookFigures(dir) {
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort()) {
    const nb = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const notebook = basename(file, ".ipynb");
    nb.cells.forEach((cell, c) => {
      let k = 0;
      for (const output of cell.outputs ?? []) {
        for (const [mime, payload] of Object.entries(output.data ?? {})) {
          const m = SEQGRAD.exec(mime);
          if (m === null) continue;
          out.push({ name: `${notebook}-c${c}${k === 0 ? "" : `-${k}`}-${m[1]}`, notebook, cell: c, kind: m[1], mime, payload });
          k += 1;
        }
      }
    });
  }
  return out;
}

/** Of each notebook, the figure of each kind with the largest payload. */
export function pickFigures(all) {
  const best = new Map();
  for (const f of all) {
    const key = `${f.notebook} ${f.kind}`;
    const size = JSON.stringify(f.payload).length;
    if (!best.has(key) || size > best.get(key).size) best.set(key, { f, size });
  }
  return all.filter((f) => best.get(`${f.notebook} ${f.kind}`)?.f === f);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? EXECUTED);
  if (!existsSync(dir)) {
    process.stderr.write(`notebook-figures: no executed notebooks; expected a folder ${dir}, got nothing (run npm run test:notebooks first)\n`);
    process.exit(1);
  }
  const all = notebookFigures(dir);
  const picked = pickFigures(all);
  writeFileSync(FIXTURE, `${JSON.stringify(picked.map(({ name, notebook, cell, kind, mime, payload }) => ({ name, notebook, cell, kind, mime, payload })))}\n`);
  const kb = Math.round(readFileSync(FIXTURE).length / 1024);
  console.log(`notebook-figures: ${picked.length} of ${all.length} figures (${[...new Set(picked.map((f) => f.kind))].join(", ")}) -> ${FIXTURE.slice(root.length + 1)} (${kb} KB)`);
}
