/** Starts and stops the assembled lab's server (Debian's Python) for the end-to-end tests. */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT, TIMEOUT } from "./harness.mjs";

const PYTHON = process.env.SEQGRAD_PYTHON ?? "/usr/bin/python3";

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Starts the lab; resolves once it answers, to { url, token, stop }. */
export async function startLab({ rootDir, dataDir, configDir, runtimeDir }) {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const env = { ...process.env, JUPYTER_PATH: dataDir, JUPYTER_CONFIG_DIR: configDir, JUPYTER_RUNTIME_DIR: runtimeDir, PYDEVD_DISABLE_FILE_VALIDATION: "1" };
  const args = [join(ROOT, "extension", "lab", "seqgrad_lab.py"), `--ServerApp.root_dir=${rootDir}`, `--ServerApp.port=${port}`, "--ServerApp.ip=127.0.0.1", "--ServerApp.open_browser=False", `--ServerApp.token=${token}`, "--ServerApp.allow_root=True", "--ServerApp.port_retries=0"];
  const child = spawn(PYTHON, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lab server: exited early with code ${child.exitCode}\n${log}`);
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`lab server: no answer within ${TIMEOUT} ms\n${log}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
  const stop = () =>
    new Promise((ok) => {
      if (child.exitCode !== null) return ok();
      child.once("exit", () => ok());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
  return { url, token, stop, log: () => log };
}
