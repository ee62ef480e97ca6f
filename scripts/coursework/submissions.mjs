// Finds the notebooks to grade: nbgrader's layout (SUBMISSIONS/<student>/<assignment>/*.ipynb,
// or SUBMISSIONS/<student>/*.ipynb) or a flat folder of notebooks (SUBMISSIONS/*.ipynb, the
// student named by the file name without the notebook's own name). Each is matched to the
// instructor notebook it answers: by file name, else by the read-only cells they share.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { isLocked, sourceOf } from "./nbgrader.mjs";

/** Instructor notebooks (name -> notebook) of a folder: those with nbgrader grade cells. */
export function readSources(dir) {
  const sources = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort()) {
    const nb = JSON.parse(readFileSync(join(dir, file), "utf8"));
    if (nb.cells.some((cell) => cell.metadata?.nbgrader?.grade === true)) sources.set(basename(file, ".ipynb"), nb);
  }
  return sources;
}

/** Every submission under `dir` as { student, path, source } (source: an instructor notebook name). */
export function findSubmissions(dir, sources) {
  const found = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (entry.startsWith(".")) continue;
    if (statSync(path).isDirectory()) {
      for (const notebook of notebooksUnder(path, 2)) found.push({ student: entry, path: notebook, source: matchSource(notebook, sources) });
    } else if (entry.endsWith(".ipynb")) {
      const source = matchSource(path, sources);
      found.push({ student: studentFromFileName(basename(entry, ".ipynb"), source), path, source });
    }
  }
  return found;
}

function notebooksUnder(dir, depth) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (entry.startsWith(".")) continue;
    if (statSync(path).isDirectory()) {
      if (depth > 1) out.push(...notebooksUnder(path, depth - 1));
    } else if (entry.endsWith(".ipynb")) {
      out.push(path);
    }
  }
  return out;
}

/** The instructor notebook a submission answers, or undefined when none fits. */
export function matchSource(path, sources) {
  const name = basename(path, ".ipynb");
  const byName = [...sources.keys()].filter((s) => name.includes(s)).sort((a, b) => b.length - a.length);
  if (byName.length > 0) return byName[0];
  let nb;
  try {
    nb = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  const texts = new Set((nb.cells ?? []).map(sourceOf));
  let best;
  let bestShared = 0;
  for (const [source, sourceNb] of sources) {
    const shared = sourceNb.cells.filter((cell) => isLocked(cell) && texts.has(sourceOf(cell))).length;
    if (shared > bestShared) [best, bestShared] = [source, shared];
  }
  return best;
}

function studentFromFileName(stem, source) {
  if (source === undefined || !stem.includes(source)) return stem;
  const rest = stem.replace(source, "").replace(/^[-_. ]+|[-_. ]+$/g, "");
  return rest === "" ? stem : rest;
}
