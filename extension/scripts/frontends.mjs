/**
 * The JupyterLab frontends `npm start` prefers (see scripts/start.mjs), best first:
 *  1. the user's own `jupyter lab` 4.5 or newer, with our prebuilt extension;
 *  2. the JupyterLab assembled in extension/lab/, served by Debian's jupyterlab_server.
 * Both see the seqgrad kernel and the prebuilt extension through the project's data dir
 * (.jupyter-data/, on JUPYTER_PATH).
 */
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXT_DIR = join(ROOT, "extension");
const NOTEBOOKS = join(ROOT, "notebooks");
const HOST = "127.0.0.1";
const LAB_PYTHON = "/usr/bin/python3";
const LAB_SERVER = join(EXT_DIR, "lab", "seqgrad_lab.py");
/** The notebook `npm start` opens. */
export const WELCOME = "00-welcome.ipynb";

function output(program, args) {
  const r = spawnSync(program, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return r.error === undefined && r.status === 0 ? r.stdout.trim() : null;
}

function run(program, args) {
  const r = spawnSync(program, args, { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    process.stderr.write(`start: \`${program} ${args.join(" ")}\` failed\n`);
    process.exit(r.status ?? 1);
  }
}

/** True when `version` ("4.5.2", "4.10.0rc1") is at least 4.5. */
export function isLab45OrNewer(version) {
  const m = /^(\d+)\.(\d+)/.exec(version ?? "");
  if (m === null) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 4 || (major === 4 && minor >= 5);
}

function newest(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** Builds the extension and the lab when their output is missing or older than the lockfile. */
export function ensureExtensionBuilt({ lab }) {
  const outputs = [join(EXT_DIR, "labextension", "package.json"), ...(lab ? [join(EXT_DIR, "lab", "build", "bundle.js")] : [])];
  const stale = outputs.some((file) => newest(file) < newest(join(ROOT, "package-lock.json")));
  if (stale) run("npm", ["run", "--silent", "build:extension"]);
  else run(process.execPath, [join(EXT_DIR, "scripts", "install-labextension.mjs")]);
}

/** Server flags; the token is not one of them (scripts/start.mjs passes it as JUPYTER_TOKEN). */
const flags = ({ port }) => [
  `--ServerApp.root_dir=${NOTEBOOKS}`,
  `--ServerApp.ip=${HOST}`,
  `--ServerApp.port=${port}`,
  "--ServerApp.port_retries=0",
  "--ServerApp.open_browser=False",
  // The launcher lists the default kernel first, and new notebooks use it.
  "--MappingKernelManager.default_kernel_name=seqgrad",
  ...(process.getuid?.() === 0 ? ["--ServerApp.allow_root=True"] : []),
];

export const LAB_FRONTENDS = [
  {
    name: "JupyterLab (your jupyter lab, with the seqgrad extension)",
    available: () => isLab45OrNewer(output("jupyter", ["lab", "--version"])),
    prepare: () => ensureExtensionBuilt({ lab: false }),
    command: (opts) => ({ program: "jupyter", args: ["lab", ...flags(opts)], url: `http://${HOST}:${opts.port}/lab/tree/${WELCOME}?token=${opts.token}` }),
  },
  {
    name: "JupyterLab (seqgrad)",
    available: () => output(LAB_PYTHON, ["-c", "import jupyterlab_server, jupyter_server; print(jupyter_server.__version__)"]) !== null,
    prepare: () => ensureExtensionBuilt({ lab: true }),
    command: (opts) => ({ program: LAB_PYTHON, args: [LAB_SERVER, ...flags(opts)], url: `http://${HOST}:${opts.port}/lab/tree/${WELCOME}?token=${opts.token}` }),
  },
];
