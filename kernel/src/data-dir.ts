/**
 * Where kernel specs go. Jupyter looks for `<data dir>/kernels/<name>/kernel.json` in every data
 * dir: those listed in JUPYTER_PATH (how the project-local `.jupyter-data` is used), the user's,
 * and the environment's (`<sys.prefix>/share/jupyter`).
 */
import { execFileSync } from "node:child_process";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Where to install, as chosen on the command line. */
export type InstallTarget =
  | { kind: "project" }
  | { kind: "user" }
  | { kind: "sys-prefix"; python: string }
  | { kind: "prefix"; prefix: string };

/** The project-local data dir that `npm start` and the tests select with JUPYTER_PATH. */
export function projectDataDir(root: string): string {
  return join(root, ".jupyter-data");
}

/** The data dir of `target`, resolved to an absolute path. */
export function dataDirOf(target: InstallTarget, root: string): string {
  switch (target.kind) {
    case "project":
      return projectDataDir(root);
    case "user":
      return userDataDir();
    case "sys-prefix":
      return join(pythonSysPrefix(target.python), "share", "jupyter");
    case "prefix":
      return join(resolve(target.prefix), "share", "jupyter");
  }
}

/** Jupyter's per-user data dir, by jupyter_core's rules. */
export function userDataDir(): string {
  const env = process.env;
  if (env["JUPYTER_DATA_DIR"]) return resolve(env["JUPYTER_DATA_DIR"]);
  if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return join(env["APPDATA"] ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  return join(env["XDG_DATA_HOME"] || join(homedir(), ".local", "share"), "jupyter");
}

function pythonSysPrefix(python: string): string {
  return execFileSync(python, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
}
