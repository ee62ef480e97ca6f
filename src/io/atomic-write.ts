import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

/**
 * Writes a file so that readers see either the old contents or the new, never a mix:
 * the pieces go to a temporary file in the same folder, which is flushed to disk and then
 * renamed over `path` (rename within a file system is atomic on POSIX and on Windows' NTFS).
 * If anything fails before the rename, the temporary file is removed and `path` is untouched;
 * if the process dies, at worst a `.<name>.tmp-*` file is left next to it.
 */
export function writeFileAtomic(path: string, pieces: Iterable<Uint8Array>): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}-${counter++}`);
  const fd = openSync(tmp, "w");
  try {
    for (const piece of pieces) {
      let written = 0;
      while (written < piece.length) written += writeSync(fd, piece, written, piece.length - written);
    }
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  syncFolder(dirname(path));
}

/** Flushes the folder entry of the rename (POSIX); folders cannot be opened this way on Windows. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, "r");
    fsyncSync(fd);
  } catch {
    // best effort: the data itself is already flushed
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
