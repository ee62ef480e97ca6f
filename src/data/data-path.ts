/** Where the vendored corpora live: `notebooks/data/` of the package, found relative to this file. */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ValueError } from "../errors";

/** The folder holding the vendored corpora (`tinyshakespeare.txt`, `eng-fra-tatoeba.tsv`). */
export function dataDir(): string {
  // this file sits in src/data (sources) or dist/data (build): the package root is two levels up
  return resolve(__dirname, "..", "..", "notebooks", "data");
}

/** The absolute path of a vendored corpus, or of `file` when it is a path of its own. */
export function dataFile(op: string, file: string): string {
  const path = existsSync(file) ? file : join(dataDir(), file);
  if (!existsSync(path)) {
    throw new ValueError(`${op}: file not found; expected an existing path or a file of ${dataDir()}, got "${file}"`);
  }
  return path;
}
