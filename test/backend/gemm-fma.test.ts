import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The relaxed-SIMD (fused multiply-add) variant of the kernels is used only where the engine
// validates it. Node 20 does so behind --experimental-wasm-relaxed-simd, so this test runs the
// variant in a child process with that flag and checks sgemm against a float64 reference there.

const GENERATED = join(__dirname, "..", "..", "src", "backend", "wasm", "generated", "module.ts");

/** The base64 text of one exported constant of the generated module. */
function embedded(name: string): string {
  const text = readFileSync(GENERATED, "utf8");
  const start = text.indexOf(`export const ${name}:`);
  const end = text.indexOf("].join", start);
  return [...text.slice(start, end).matchAll(/"([A-Za-z0-9+/=]+)"/g)].map((m) => m[1]).join("");
}

const CHILD = `
const bytes = Buffer.from(require("fs").readFileSync(0, "utf8"), "base64");
if (!WebAssembly.validate(bytes)) { console.log(JSON.stringify({ skipped: true })); process.exit(0); }
const e = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
e.memory.grow(64);
const f = new Float32Array(e.memory.buffer);
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
let worst = 0;
for (const [m, n, k, ta, tb] of [[37, 29, 300, 0, 1], [64, 64, 64, 1, 0], [5, 130, 17, 1, 1], [100, 9, 260, 0, 0]]) {
  const a = e.heapBase(), b = a + m * k * 4, c = b + k * n * 4, w = c + m * n * 4 + 64;
  for (let i = 0; i < m * k + k * n + m * n; i++) f[a / 4 + i] = rand();
  const cIn = f.slice(c / 4, c / 4 + m * n);
  e.sgemm(ta, tb, m, n, k, 0.5, a, ta ? m : k, b, tb ? k : n, 2, c, n, w);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += f[a / 4 + (ta ? p * m + i : i * k + p)] * f[b / 4 + (tb ? j * k + p : p * n + j)];
    const ref = 0.5 * s + 2 * cIn[i * n + j];
    worst = Math.max(worst, Math.abs(f[c / 4 + i * n + j] - ref) / (1 + Math.abs(ref)));
  }
}
console.log(JSON.stringify({ worst }));
`;

describe("the relaxed-SIMD (FMA) kernels variant", () => {
  it("multiplies within float32 tolerance of a float64 reference, every transpose flag", (ctx) => {
    const run = spawnSync(process.execPath, ["--experimental-wasm-relaxed-simd", "-e", CHILD], {
      input: embedded("WASM_MODULE_FMA_BASE64"),
      encoding: "utf8",
    });
    const line = run.stdout.trim().split("\n").pop() ?? "";
    if (run.status !== 0 || line === "") ctx.skip();
    const result = JSON.parse(line) as { skipped?: boolean; worst?: number };
    if (result.skipped === true) ctx.skip();
    expect(result.worst).toBeLessThan(1e-5 * Math.sqrt(300));
  }, 30_000);
});
