// Builds the ES module half of the dual package: dist/esm/index.mjs, one self-contained module
// bundled from src/index.ts (its dependency valibot and the WebAssembly kernels included), so
// `import { nn, viz } from "seqgrad"` works in Node, Deno, browsers and bundlers. The CommonJS build
// (tsc, dist/index.js) stays the `require` entry and the one tslab's Node10 resolver reads through
// `main` / `types`. Type markers: dist/package.json says "commonjs", dist/esm/package.json "module".
//
// Usage: node scripts/build-esm.mjs   (after tsc has written dist/, whose .d.ts files the ESM types reuse)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const esm = join(dist, "esm");

mkdirSync(esm, { recursive: true });
await build({
  input: join(root, "src", "index.ts"),
  platform: "neutral",
  logLevel: "warn",
  // node-files.ts finds the package root from its own folder; in the bundle that is dist/esm
  transform: { define: { __dirname: "import.meta.dirname" } },
  resolve: { mainFields: ["module", "main"], conditionNames: ["import", "default"] },
  // keepNames: a class keeps its own name when the bundle renames it (two `RNN` classes: one
  // becomes `RNN$1`); printed modules and graph scopes read `constructor.name` (`RNN(3, 4)`, `rnn.l0`)
  output: { file: join(esm, "index.mjs"), format: "esm", sourcemap: true, keepNames: true },
});
writeFileSync(join(dist, "package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
writeFileSync(join(esm, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
// the ES module entry has the CommonJS build's types (same API); .d.mts so TypeScript reads it as ESM
writeFileSync(join(esm, "index.d.mts"), 'export * from "../index.js";\n');
process.stdout.write(`build-esm: src/index.ts -> ${esm}/index.mjs\n`);
