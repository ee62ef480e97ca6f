// `npm start`: builds the library and the kernel when their sources changed since the last build
// (a start with nothing to build takes seconds), installs the kernel spec into the project's own
// Jupyter data dir (.jupyter-data/, selected through JUPYTER_PATH, so nothing outside the project is
// touched) and opens Jupyter on notebooks/, bound to 127.0.0.1 with a token, printing the URL of
// notebooks/00-welcome.ipynb.
// Frontends are tried in order (`FRONTENDS`); add one there to serve another interface.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LAB_FRONTENDS, WELCOME } from "../extension/scripts/frontends.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA_DIR = join(ROOT, ".jupyter-data");
const NOTEBOOKS = join(ROOT, "notebooks");
const HOST = "127.0.0.1";

/** The Debian packages the kernel, its tests and the interim notebook interface need. */
export const DEBIAN_PACKAGES = [
  "jupyter-client",
  "jupyter-nbconvert",
  "python3-nbclient",
  "python3-ipykernel",
  "python3-jupyter-server",
  "python3-jupyterlab-server",
  "jupyter-notebook",
];

/**
 * Interfaces `npm start` can open, best first. Each says whether it is installed here and how to
 * start it on `notebooks/` for `{ port, token }`.
 */
export const FRONTENDS = [
  ...LAB_FRONTENDS,
  {
    name: "Jupyter Notebook",
    available: () => commandWorks("jupyter", ["notebook", "--version"]),
    command: ({ port, token }) => ({
      program: "jupyter",
      args: [
        "notebook",
        `--notebook-dir=${NOTEBOOKS}`,
        `--ip=${HOST}`,
        `--port=${port}`,
        "--NotebookApp.port_retries=0",
        ...(hasDesktop() ? [] : ["--no-browser"]),
        ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
      ],
      url: `http://${HOST}:${port}/notebooks/${WELCOME}?token=${token}`,
    }),
  },
];

async function main() {
  build();
  installKernel();
  let frontend = pickFrontend();
  if (frontend === undefined && canInstallDebianPackages()) {
    installDebianPackages();
    frontend = pickFrontend();
  }
  if (frontend === undefined) {
    process.stderr.write(
      "Jupyter is not installed. Install it, then run `npm start` again:\n" +
        `  sudo apt-get install -y ${DEBIAN_PACKAGES.join(" ")}\n` +
        "(or, with pip: python3 -m pip install notebook)\n",
    );
    process.exit(1);
  }
  frontend.prepare?.();
  await open(frontend);
}

/** What each build reads and writes; a build runs when an input is newer than an output. */
const BUILDS = [
  {
    script: "build",
    inputs: ["src", "scripts/build-wasm.mjs", "scripts/build-esm.mjs", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json"],
    outputs: ["dist/index.js", "dist/index.d.ts", "dist/esm/index.mjs", "src/backend/wasm/generated/module.ts"],
    // The wasm step writes this input itself, before tsc reads it.
    generated: ["src/backend/wasm/generated"],
  },
  { script: "kernel:build", inputs: ["kernel/src", "kernel/tsconfig.json", "tsconfig.json", "package-lock.json"], outputs: ["kernel/dist/main.js"], generated: [] },
];

/** Builds the library (dist/) and the kernel launcher (kernel/dist/) when they are out of date. */
export function build() {
  for (const { script, inputs, outputs, generated } of BUILDS) {
    const skip = generated.map((path) => join(ROOT, path));
    const newestInput = Math.max(...inputs.map((path) => newestMtime(join(ROOT, path), skip)));
    const oldestOutput = Math.min(...outputs.map((path) => (existsSync(join(ROOT, path)) ? statSync(join(ROOT, path)).mtimeMs : 0)));
    if (oldestOutput >= newestInput) {
      process.stdout.write(`start: \`npm run ${script}\` is up to date\n`);
      continue;
    }
    run("npm", ["run", "--silent", script]);
  }
  run(process.execPath, [join(ROOT, "scripts", "link-self.mjs")]);
}

/** The newest modification time of a file, or of any file under a folder (0 if absent). */
function newestMtime(path, skip) {
  if (!existsSync(path) || skip.includes(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name), skip)));
}

/** Installs the kernel specs into the project-local data dir. */
export function installKernel() {
  run(process.execPath, [join(ROOT, "kernel", "dist", "cli.js"), "install"]);
}

/** The first frontend installed here, or undefined. */
export function pickFrontend() {
  return FRONTENDS.find((frontend) => frontend.available());
}

/**
 * What runs `frontend` on `port`: program, arguments, environment and URL. The token travels in
 * the environment (JUPYTER_TOKEN, which Jupyter servers read), never on the command line, where
 * every local user could read it with `ps`; a process's environment is readable by its owner only.
 */
export function launch(frontend, { port, token }) {
  const { program, args, url } = frontend.command({ port, token });
  const env = {
    ...process.env,
    JUPYTER_PATH: [DATA_DIR, process.env.JUPYTER_PATH].filter(Boolean).join(delimiter),
    JUPYTER_RUNTIME_DIR: join(DATA_DIR, "runtime"),
    JUPYTER_TOKEN: token,
  };
  return { program, args, env, url };
}

/** Starts `frontend` on a free port with a fresh token and prints where it is. */
export async function open(frontend) {
  const port = await freePort(8888);
  const token = randomBytes(24).toString("hex");
  const { program, args, env, url } = launch(frontend, { port, token });
  process.stdout.write(`\nStarting ${frontend.name} on ${NOTEBOOKS}\nOpen ${url}\n\n`);
  const child = spawn(program, args, { cwd: NOTEBOOKS, env, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

/** True when running as root on Debian or Ubuntu (or a derivative), where apt-get can install Jupyter. */
export function canInstallDebianPackages() {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  if (!existsSync("/etc/os-release") || !commandWorks("apt-get", ["--version"])) return false;
  const release = readFileSync("/etc/os-release", "utf8");
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
}

export function installDebianPackages() {
  process.stdout.write(`Installing Jupyter from Debian packages: ${DEBIAN_PACKAGES.join(" ")}\n`);
  run("apt-get", ["update"]);
  run("apt-get", ["install", "-y", "--no-install-recommends", ...DEBIAN_PACKAGES], { DEBIAN_FRONTEND: "noninteractive" });
}

function hasDesktop() {
  return process.platform === "darwin" || process.platform === "win32" || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function commandWorks(program, args) {
  const result = spawnSync(program, args, { stdio: "ignore" });
  return result.error === undefined && result.status === 0;
}

/** The first port from `start` on that nobody listens on. */
function freePort(start) {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", (error) => {
      if (error.code === "EADDRINUSE" && start < 65535) resolvePort(freePort(start + 1));
      else reject(error);
    });
    server.listen(start, HOST, () => server.close(() => resolvePort(start)));
  });
}

function run(program, args, extraEnv = {}) {
  const result = spawnSync(program, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) {
    process.stderr.write(`start: \`${program} ${args.join(" ")}\` failed\n`);
    process.exit(result.status ?? 1);
  }
}

// Last, after every top-level declaration: `main` reads `BUILDS` and the other constants, which do
// not exist yet while a top-level `await` above them is running (a ReferenceError at `npm start`).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
