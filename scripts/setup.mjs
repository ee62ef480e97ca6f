// Makes a fresh clone ready: installs the npm packages from the lockfile when node_modules is
// missing or older than the lockfile, and (with `--debian`) the Debian packages the test suite
// needs, listed in .ci/apt-packages.txt. Uses only Node's standard library, so it runs before any
// `npm install`.
//   node scripts/setup.mjs            npm packages only (what `npm start` needs first)
//   node scripts/setup.mjs --debian   npm packages and Debian packages (what `npm test` needs)
//   node scripts/setup.mjs --bench    npm packages and, where possible, the Debian packages of
//                                     bench/apt-packages.txt: PyTorch with OpenBLAS (what `npm run
//                                     bench` compares against) and Chromium (its in-browser
//                                     column); without them those columns read "not run", so a
//                                     missing package is reported, not fatal), and the newest
//                                     Node of the npm registry in bench/.cache/node (the bench
//                                     runs seqgrad on it beside the system Node; see
//                                     bench/lib/newest-node.mjs)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installNewestNode } from "../bench/lib/newest-node.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

ensureNodeModules();
if (process.argv.includes("--debian")) ensureDebianPackages(join(root, ".ci", "apt-packages.txt"), "the test suite", true);
if (process.argv.includes("--bench")) {
  ensureDebianPackages(join(root, "bench", "apt-packages.txt"), "the benchmark's PyTorch and Chromium columns", false);
  console.log(`setup: ${installNewestNode()}`);
}

/**
 * Runs `npm ci` when the installed tree is missing, older than package-lock.json, or lacks a
 * package that package.json names (a tree installed before a dependency was added can be newer
 * than a lockfile a checkout just wrote).
 */
function ensureNodeModules() {
  const marker = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
  const absent = fresh ? missingPackages() : [];
  if (fresh && absent.length === 0) return;
  console.log(`setup: installing npm packages (npm ci)${absent.length > 0 ? `: ${absent.join(", ")} missing` : ""}`);
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

/** The dependencies and devDependencies of package.json that node_modules does not hold. */
function missingPackages() {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];
  return names.filter((name) => !existsSync(join(root, "node_modules", name, "package.json")));
}

/**
 * Installs the missing Debian packages of `listFile` when root on Debian/Ubuntu; otherwise says
 * what to run, and stops the calling script when the packages are `required` for `purpose`.
 */
function ensureDebianPackages(listFile, purpose, required) {
  const wanted = readFileSync(listFile, "utf8")
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter((line) => line.length > 0);
  if (!commandWorks("dpkg-query", ["--version"])) {
    console.log(`setup: not a Debian system; make sure these are installed: ${wanted.join(" ")}`);
    return;
  }
  const missing = wanted.filter((p) => !installed(p));
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) {
    console.error(`setup: ${purpose} needs Debian packages that are missing; run:\n  sudo apt-get update && sudo ${command}`);
    if (required) process.exit(1);
    return;
  }
  console.log(`setup: installing Debian packages: ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-q"], env);
  run("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], env);
}

function installed(pkg) {
  const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
  return r.status === 0 && r.stdout.includes("install ok installed");
}

function commandWorks(cmd, args) {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`setup: ${cmd} ${args.join(" ")} failed`);
    process.exit(r.status ?? 1);
  }
}
