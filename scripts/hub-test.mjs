// `npm run test:hub`: deploy/jupyterhub on 127.0.0.1 with a test authenticator and local process
// spawner, two users (test/hub, Debian's python3 and jupyterhub, npm's configurable-http-proxy).
// The shared files go into a throwaway prefix; the hub, the proxy and the servers are stopped at
// the end. Expects the library, the kernel and the extension to be built.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const python = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";
const scratch = mkdtempSync(join(tmpdir(), "seqgrad-hub-"));
let status = 1;
try {
  const build = spawnSync("npm", ["run", "--silent", "kernel:build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(1);
  const prefix = join(scratch, "prefix");
  const install = spawnSync(process.execPath, [join(root, "deploy", "jupyterhub", "install.mjs"), "--prefix", prefix], { stdio: "inherit" });
  if (install.status !== 0) process.exit(1);
  const env = { ...process.env, SEQGRAD_HUB_PREFIX: prefix, SEQGRAD_HUB_SCRATCH: scratch };
  const run = spawnSync(python, ["-m", "unittest", "discover", "-s", join(root, "test", "hub"), "-v", ...process.argv.slice(2)], { cwd: root, env, stdio: "inherit" });
  status = run.status ?? 1;
  if (status !== 0 && existsSync(join(scratch, "hub.log"))) {
    // the hub's log without the test's polling requests
    const lines = readFileSync(join(scratch, "hub.log"), "utf8").split("\n").filter((l) => !/ 200 GET \/hub\/api\/users/.test(l));
    process.stderr.write(`${lines.slice(-60).join("\n")}\n`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
