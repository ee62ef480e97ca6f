/**
 * Installs the prebuilt extension (labextension/, made by `npm run build:extension`) where
 * JupyterLab looks for prebuilt extensions: `<data dir>/labextensions/@seqgrad/jupyterlab`.
 *
 *   node extension/scripts/install-labextension.mjs [--user | --sys-prefix [--python PY] |
 *                                                   --prefix DIR | --data-dir DIR] [--uninstall]
 *
 * Without a target it uses the project's own data dir `.jupyter-data/` (seen through JUPYTER_PATH,
 * as `npm start` and the tests do); `--user` suits a JupyterLab 4.5+ installed with pip.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const EXT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(EXT_DIR, "..");
const NAME = ["@seqgrad", "jupyterlab"];
const USAGE = "usage: install-labextension [--user | --sys-prefix [--python PY] | --prefix DIR | --data-dir DIR] [--uninstall]";

function userDataDir() {
  const env = process.env;
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  return join(env.XDG_DATA_HOME || join(homedir(), ".local", "share"), "jupyter");
}

/** The Jupyter data dir chosen by the command-line options. */
export function dataDir(args) {
  const valueOf = (flag) => {
    const at = args.indexOf(flag);
    const value = at >= 0 ? args[at + 1] : undefined;
    if (at >= 0 && (value === undefined || value.startsWith("--"))) throw new RangeError(`install-labextension: ${flag} needs a value; expected ${flag} VALUE, got nothing`);
    return value;
  };
  const chosen = ["--user", "--sys-prefix", "--prefix", "--data-dir"].filter((flag) => args.includes(flag));
  if (chosen.length > 1) throw new RangeError(`install-labextension: pick one target; expected one of --user, --sys-prefix, --prefix, --data-dir, got ${chosen.join(" and ")}`);
  if (args.includes("--user")) return userDataDir();
  if (args.includes("--sys-prefix")) {
    const python = valueOf("--python") ?? "python3";
    return join(execFileSync(python, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim(), "share", "jupyter");
  }
  if (args.includes("--prefix")) return join(resolve(valueOf("--prefix")), "share", "jupyter");
  if (args.includes("--data-dir")) return resolve(valueOf("--data-dir"));
  return join(ROOT, ".jupyter-data");
}

function main(args) {
  const unknown = args.filter((a, i) => a.startsWith("--") && !["--user", "--sys-prefix", "--python", "--prefix", "--data-dir", "--uninstall"].includes(a) && !["--python", "--prefix", "--data-dir"].includes(args[i - 1] ?? ""));
  if (unknown.length > 0) throw new RangeError(`install-labextension: unknown option; expected ${USAGE}, got ${unknown.join(" ")}`);
  const target = join(dataDir(args), "labextensions", ...NAME);
  if (args.includes("--uninstall")) {
    rmSync(target, { recursive: true, force: true });
    console.log(`removed ${target}`);
    return;
  }
  const source = join(EXT_DIR, "labextension");
  if (!existsSync(join(source, "package.json"))) throw new Error(`install-labextension: no prebuilt extension; expected ${source}/package.json, got nothing (run npm run build:extension)`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  console.log(`installed ${target}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
