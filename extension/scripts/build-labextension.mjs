/**
 * Builds the prebuilt (federated) JupyterLab extension into `labextension/`: writes the core
 * description of the assembled lab (`lab/core/package.json`), compiles TypeScript, then runs
 * `build-labextension` against that core so shared packages resolve to the lab's singletons.
 * Pass `--development` for an unminified build with source maps.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const EXT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(EXT_DIR, "package.json"));

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: EXT_DIR, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`build-labextension: ${cmd} ${args.join(" ")} failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
}

const builder = join(dirname(require.resolve("@jupyterlab/builder/package.json")), "lib", "build-labextension.js");
const tsc = require.resolve("typescript/bin/tsc");
run(process.execPath, [join(EXT_DIR, "scripts", "core-package.mjs")]);
run(process.execPath, [tsc, "-p", "tsconfig.json"]);
const mode = process.argv.includes("--development") ? ["--development"] : [];
run(process.execPath, [builder, ...mode, "--core-path", join(EXT_DIR, "lab", "core"), EXT_DIR]);
