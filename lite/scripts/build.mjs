/**
 * `npm run lite [-- --serve [--port N]]`: builds the static JupyterLite site in lite/dist/:
 *   dist/index.html            the front page (opens the lab on the welcome notebook)
 *   dist/lab/index.html        the lab, with its page config
 *   dist/build/                the application bundle, settings schemas, themes, and kernel/
 *                              (worker, declarations for completion, logo)
 *   dist/files/, dist/api/     the course notebooks and their data, and their listings
 * Steps: seqgrad's build and the extension's library when older than their sources, tsc for lite/src,
 * webpack for the application (skipped when what it is made of has not changed since),
 * rolldown for the kernel's worker. With --serve, serves the site on 127.0.0.1 with the
 * cross-origin isolation headers (see serve.mjs).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeKernelAssets } from "./kernel-assets.mjs";
import { serveSite } from "./serve.mjs";
import { writeContents } from "./site-contents.mjs";
import { writeSettings } from "./site-settings.mjs";

const LITE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(LITE, "..");
const SITE = join(LITE, "dist");
const require = createRequire(join(LITE, "package.json"));

function step(name, program, args, cwd = ROOT) {
  const started = Date.now();
  const r = spawnSync(program, args, { cwd, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`lite: ${name} failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
  console.log(`lite: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** A hash of the contents of `paths` (files, or folders walked in name order). */
function inputsHash(paths) {
  const hash = createHash("sha256");
  const add = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path).update(readFileSync(path));
  };
  paths.forEach(add);
  return hash.digest("hex");
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function tsc(project) {
  return [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", project];
}

/** The page config: "./" entries are made absolute by the page for wherever the site is published. */
function pageConfig() {
  const overrides = JSON.parse(readFileSync(join(ROOT, "extension", "lab", "settings", "overrides.json"), "utf8"));
  return {
    appName: "JupyterLite",
    appVersion: require("@jupyterlite/services/package.json").version,
    appUrl: "./lab",
    baseUrl: "./",
    fullStaticUrl: "./build",
    settingsUrl: "./build/schemas",
    // JupyterLab joins this one to baseUrl itself
    themesUrl: "build/themes",
    fullLabextensionsUrl: "./extensions",
    federated_extensions: [],
    defaultKernelName: "seqgrad",
    notebookStartsKernel: true,
    exposeAppInBrowser: true,
    settingsOverrides: overrides,
    seqgradKernelEnv: {},
  };
}

async function main() {
  const args = process.argv.slice(2);
  const started = Date.now();
  if (newest(join(ROOT, "dist", "esm", "index.mjs")) < newest(join(ROOT, "src"))) step("seqgrad build", "npm", ["run", "--silent", "build"]);
  if (newest(join(ROOT, "extension", "lib")) < newest(join(ROOT, "extension", "src"))) step("extension library", process.execPath, tsc(join(ROOT, "extension", "tsconfig.json")));
  step("tsc (application)", process.execPath, tsc(join(LITE, "tsconfig.json")));
  step("tsc (worker)", process.execPath, tsc(join(LITE, "tsconfig.worker.json")));

  const stamp = join(SITE, "build", "inputs.sha256");
  const inputs = inputsHash([join(LITE, "lib", "app"), join(ROOT, "extension", "lib"), join(ROOT, "extension", "style"), join(ROOT, "package-lock.json"), join(LITE, "webpack.config.cjs"), join(LITE, "scripts", "packages.cjs")]);
  if (existsSync(join(SITE, "build", "bundle.js")) && existsSync(stamp) && readFileSync(stamp, "utf8") === inputs) console.log("lite: application bundle is up to date");
  else {
    const webpackCli = join(dirname(require.resolve("webpack-cli/package.json")), "bin", "cli.js");
    step("webpack (application)", process.execPath, [webpackCli, "--config", join(LITE, "webpack.config.cjs")], LITE);
    writeFileSync(stamp, inputs);
  }
  const plugins = writeSettings(join(SITE, "build", "schemas"));
  // no prebuilt extensions (everything is in the bundle), no workspaces but the student's, English only
  writeFileSync(join(SITE, "build", "schemas", "all_federated.json"), "[]");
  mkdirSync(join(SITE, "api", "workspaces"), { recursive: true });
  writeFileSync(join(SITE, "api", "workspaces", "all.json"), "{}");
  mkdirSync(join(SITE, "api", "translations"), { recursive: true });
  writeFileSync(join(SITE, "api", "translations", "all.json"), JSON.stringify({ data: { en: { displayName: "English", nativeName: "English" } }, message: "" }));
  writeFileSync(join(SITE, "api", "translations", "en.json"), JSON.stringify({ data: {}, message: "" }));

  const kernelStarted = Date.now();
  const { declarations } = await writeKernelAssets({ root: ROOT, liteDir: LITE, out: join(SITE, "build", "kernel") });
  console.log(`lite: kernel worker + ${declarations} declaration files in ${((Date.now() - kernelStarted) / 1000).toFixed(0)} s`);

  rmSync(join(SITE, "files"), { recursive: true, force: true });
  rmSync(join(SITE, "api", "contents"), { recursive: true, force: true });
  const files = writeContents(join(ROOT, "notebooks"), SITE);
  const config = JSON.stringify(pageConfig(), null, 2);
  mkdirSync(join(SITE, "lab"), { recursive: true });
  writeFileSync(join(SITE, "lab", "index.html"), readFileSync(join(LITE, "templates", "lab.html"), "utf8").replace("__CONFIG__", config));
  cpSync(join(LITE, "templates", "root.html"), join(SITE, "index.html"));
  console.log(`lite: site in ${SITE}: ${plugins} plugin settings, ${files} files, built in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (args.includes("--serve")) {
    const at = args.indexOf("--port");
    const port = at >= 0 ? Number(args[at + 1]) : 8000;
    const { url } = await serveSite(SITE, { port });
    console.log(`lite: serving ${url} (cross-origin isolated); Ctrl+C stops`);
  }
}

await main();
