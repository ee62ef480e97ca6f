/** Where the vendored corpora live: `notebooks/data/` of the package, or the host's data folder. */
import { ValueError } from "../errors";
import { hostFiles } from "../runtime/host-files";

/** The folder holding the vendored corpora (`tinyshakespeare.txt`, `eng-fra-tatoeba.tsv`). */
export function dataDir(): string {
  return hostFiles("dataDir").dataDir();
}

/** The path of a vendored corpus, or of `file` when it is a path of its own. */
export function dataFile(op: string, file: string): string {
  const files = hostFiles(op);
  const path = files.exists(file) ? file : files.join(files.dataDir(), file);
  if (!files.exists(path)) {
    throw new ValueError(`${op}: file not found; expected an existing path or a file of ${files.dataDir()}, got "${file}"`);
  }
  return path;
}
