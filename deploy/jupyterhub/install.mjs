// Installs what every student's server needs, once, into a shared prefix (default /usr/local,
// which Jupyter searches already): the seqgrad kernel specs, the prebuilt JupyterLab extension and
// the server config that turns the assembled lab (extension/lab) on. Run after `npm run build`,
// `npm run build:extension` and `npm run kernel:build`, as a user who may write the prefix.
//
// Usage: node deploy/jupyterhub/install.mjs [--prefix DIR]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const at = process.argv.indexOf("--prefix");
const prefix = resolve(at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : "/usr/local");

for (const [what, file] of [
  ["the library (npm run build)", join(repo, "dist", "index.js")],
  ["the kernel (npm run kernel:build)", join(repo, "kernel", "dist", "cli.js")],
  ["the lab (npm run build:extension)", join(repo, "extension", "lab", "build", "bundle.js")],
]) {
  if (!existsSync(file)) fail(`${what} is not built; expected ${file}`);
}
run([join(repo, "kernel", "dist", "cli.js"), "install", "--prefix", prefix]);
run([join(repo, "extension", "scripts", "install-labextension.mjs"), "--prefix", prefix]);
const confd = join(prefix, "etc", "jupyter", "jupyter_server_config.d");
mkdirSync(confd, { recursive: true });
const config = { ServerApp: { jpserver_extensions: { seqgrad_lab: true } } };
writeFileSync(join(confd, "seqgrad_lab.json"), `${JSON.stringify(config, null, 2)}\n`);
process.stdout.write(`install: kernel specs, extension and server config in ${prefix}\n`);

function run(args) {
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) fail(`${args.join(" ")} exited with ${r.status}`);
}

function fail(message) {
  process.stderr.write(`install: ${message}\n`);
  process.exit(1);
}
