/**
 * Makes `import ... from "seqgrad"` type-check in a notebook in any folder. tslab compiles cells
 * with Node10 module resolution rooted at the notebook's folder, so outside the repository the
 * compiler would not find seqgrad. When no `node_modules/seqgrad` exists in the notebook's folder
 * or above it, the compiler's file system shows one in the notebook's folder, backed by the
 * repository (the way tslab shows itself as `node_modules/tslab`). Real packages always win: a
 * project's own seqgrad, and every other package next to the notebook, resolve as usual. At run
 * time the kernel spec's NODE_PATH plays the same part for `require`.
 */
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { System } from "@tslab/typescript-for-tslab";

/** Whether `node_modules/<name>` exists in `dir` or one of its ancestors. */
export function packageVisibleFrom(dir: string, name: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, "node_modules", name))) return true;
    if (dirname(current) === current) return false;
  }
}

/**
 * Serves `<cwd>/node_modules/<name>/...` from `target/...` through `sys` (TypeScript's file system),
 * unless the package is really installed where `cwd` sees it. Returns whether the overlay is on.
 */
export function overlayPackage(sys: System, cwd: string, name: string, target: string): boolean {
  if (packageVisibleFrom(cwd, name)) return false;
  const virtualRoot = join(cwd, "node_modules", name);
  const map = (path: string): string => {
    const rel = relative(virtualRoot, path);
    if (rel === "") return target;
    return rel.startsWith("..") || rel.startsWith(sep) ? path : join(target, rel);
  };
  const { fileExists, directoryExists, readFile, realpath, getDirectories } = sys;
  sys.fileExists = (path) => fileExists.call(sys, map(path));
  sys.directoryExists = (path) => directoryExists.call(sys, map(path));
  sys.readFile = (path, encoding) => readFile.call(sys, map(path), encoding);
  sys.getDirectories = (path) => getDirectories.call(sys, map(path));
  if (realpath !== undefined) sys.realpath = (path) => realpath.call(sys, map(path));
  return true;
}
