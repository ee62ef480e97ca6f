// A child process spoken to in JSON lines: one request written to stdin, one JSON reply read
// from stdout. Lines that are not JSON (library chatter) are ignored; stderr is kept for errors.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

/** process.env with `env` laid over it; a null value removes that variable. */
export function childEnv(env) {
  const out = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

export class Worker {
  constructor(name, command, args, env = {}) {
    this.name = name;
    this.stderr = "";
    this.pending = null;
    this.child = spawn(command, args, { env: childEnv(env), stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    this.child.on("exit", (code) => {
      const p = this.pending;
      this.pending = null;
      p?.reject(new Error(`${name} worker exited (code ${code}): ${this.stderr.trim().split("\n").slice(-3).join(" / ")}`));
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => {
      let value;
      try {
        value = JSON.parse(line);
      } catch {
        return;
      }
      const p = this.pending;
      this.pending = null;
      p?.resolve(value);
    });
  }

  /** Sends one request and resolves with the reply; a reply carrying `error` rejects. */
  request(obj) {
    return new Promise((resolve, reject) => {
      this.pending = {
        resolve: (value) => (value.error ? reject(new Error(`${this.name}: ${value.error}`)) : resolve(value)),
        reject,
      };
      this.child.stdin.write(JSON.stringify(obj) + "\n");
    });
  }

  close() {
    if (this.child.exitCode === null) this.child.stdin.end(JSON.stringify({ cmd: "quit" }) + "\n");
  }
}
