/**
 * `npm run build:extension`: everything the extension side needs, once.
 *  1. the prebuilt extension (labextension/), via build-labextension.mjs;
 *  2. the assembled lab and the rendermime test page (lab/build/), via webpack;
 *  3. the prebuilt extension installed into the project's Jupyter data dir (.jupyter-data/).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const EXT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const LAB_DIR = join(EXT_DIR, "lab");
const require = createRequire(join(LAB_DIR, "package.json"));

function step(name, args, cwd) {
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`build:extension: ${name} failed with exit code ${r.status}`);
    process.exit(r.status ?? 1);
  }
  console.log(`build:extension: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const webpackCli = join(dirname(require.resolve("webpack-cli/package.json")), "bin", "cli.js");
step("prebuilt extension", [join(EXT_DIR, "scripts", "build-labextension.mjs")], EXT_DIR);
step("lab", [webpackCli, "--config", join(LAB_DIR, "webpack.config.cjs")], LAB_DIR);
step("install", [join(EXT_DIR, "scripts", "install-labextension.mjs")], EXT_DIR);
