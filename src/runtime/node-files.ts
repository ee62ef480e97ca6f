/**
 * The `HostFiles` of Node and Deno, on `node:fs` and `node:path` (reached through `nodeBuiltin`, so
 * browsers never load them). Writes are atomic: the pieces go to a temporary file in the same
 * folder, which is flushed and then renamed over the target (rename within a file system is atomic
 * on POSIX and on NTFS). If anything fails before the rename, the temporary file is removed and the
 * target is untouched; if the process dies, at worst a `.<name>.tmp-<pid>-*` file is left next to
 * it, which the next write to the same target removes (when process <pid> is gone).
 */
import type { HostFiles } from "./host-files";
import { nodeBuiltin } from "./node-builtin";

type Fs = typeof import("node:fs");
type Path = typeof import("node:path");

let counter = 0;

/** Node's files, or undefined where `node:fs` is not available. */
export function nodeFiles(): HostFiles | undefined {
  const fs = nodeBuiltin<Fs>("node:fs");
  const path = nodeBuiltin<Path>("node:path");
  if (fs === undefined || path === undefined) return undefined;
  return {
    dataDir: () => path.resolve(packageRoot(path), "notebooks", "data"),
    join: (folder, name) => path.join(folder, name),
    exists: (file) => fs.existsSync(file) && fs.statSync(file).isFile(),
    read: (file) => fs.readFileSync(file),
    write: (file, pieces) => writeAtomic(fs, path, file, pieces),
  };
}

/**
 * The package's root folder. This code sits in src/runtime (sources), dist/runtime (CommonJS build)
 * or dist/esm (the ES module bundle, whose `__dirname` the bundle defines): two levels up each time.
 */
function packageRoot(path: Path): string {
  return path.resolve(__dirname, "..", "..");
}

function writeAtomic(fs: Fs, path: Path, file: string, pieces: Iterable<Uint8Array>): void {
  const proc = nodeBuiltin<{ pid: number; kill(pid: number, signal: number): boolean }>("node:process");
  const pid = proc?.pid ?? 0;
  removeStaleTemporaries(fs, path, file, (other) => other !== pid && proc !== undefined && !isAlive(proc, other));
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${pid}-${Date.now()}-${counter++}`);
  const fd = fs.openSync(tmp, "w");
  try {
    for (const piece of pieces) {
      let written = 0;
      while (written < piece.length) written += fs.writeSync(fd, piece, written, piece.length - written);
    }
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncFolder(fs, path.dirname(file));
}

/** Removes the temporary files of earlier writes to `file` whose writer `gone(pid)` says ended. */
function removeStaleTemporaries(fs: Fs, path: Path, file: string, gone: (pid: number) => boolean): void {
  const prefix = `.${path.basename(file)}.tmp-`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(file));
  } catch {
    return; // the write itself reports a missing folder
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)-\d+-\d+$/.exec(name.slice(prefix.length)) : null;
    if (m !== null && gone(Number(m[1]))) fs.rmSync(path.join(path.dirname(file), name), { force: true });
  }
}

/** Whether process `pid` exists (signal 0 tests without sending anything). */
function isAlive(proc: { kill(pid: number, signal: number): boolean }, pid: number): boolean {
  try {
    proc.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: unknown }).code === "EPERM";
  }
}

/** Flushes the folder entry of the rename (POSIX); folders cannot be opened this way on Windows. */
function syncFolder(fs: Fs, folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, "r");
    fs.fsyncSync(fd);
  } catch {
    // best effort: the data itself is already flushed
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
